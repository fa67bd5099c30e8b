-- Room history: the rooms (their epoch and the seqs reserved for them), their numbered messages,
-- and the ranges of seqs a crash may have given out unwritten. The same on SQLite and PostgreSQL.
CREATE TABLE rooms (
  name TEXT NOT NULL PRIMARY KEY,
  epoch TEXT NOT NULL,
  reserved BIGINT NOT NULL
);

CREATE TABLE messages (
  room TEXT NOT NULL,
  epoch TEXT NOT NULL,
  seq BIGINT NOT NULL,
  id TEXT NOT NULL,
  sender TEXT NOT NULL,
  text TEXT NOT NULL,
  ts BIGINT NOT NULL,
  PRIMARY KEY (room, epoch, seq)
);

CREATE INDEX messages_by_time ON messages (ts);

CREATE TABLE lost (
  room TEXT NOT NULL,
  epoch TEXT NOT NULL,
  first_seq BIGINT NOT NULL,
  last_seq BIGINT NOT NULL,
  PRIMARY KEY (room, epoch, first_seq)
);
