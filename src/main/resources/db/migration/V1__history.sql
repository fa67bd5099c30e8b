-- Room history: the rooms (their epoch and the seqs reserved for them) and their numbered
-- messages. The same on SQLite and PostgreSQL.
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
