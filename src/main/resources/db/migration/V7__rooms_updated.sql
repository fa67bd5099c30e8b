-- When each room's row was last written (epoch milliseconds; 0 for rows from before this column),
-- so that the rows of rooms with no message left, idle for an hour, can be forgotten.
ALTER TABLE rooms ADD COLUMN updated BIGINT NOT NULL DEFAULT 0;
CREATE INDEX rooms_updated ON rooms (updated);
