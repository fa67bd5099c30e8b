-- SQLite keeps a room's messages in blocks (io.framechat.store.MessageBlocks): the messages of one
-- room and epoch a transaction writes, in seq order, up to 128 in a row, since SQLite's cost is per
-- row. A block spans fewer than 1024 seqs: reads rely on that bound. What earlier releases kept in
-- messages is moved into blocks when the store opens. PostgreSQL keeps a row per message.
CREATE TABLE message_blocks (
  room TEXT NOT NULL,
  epoch TEXT NOT NULL,
  first_seq INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  last_ts INTEGER NOT NULL,
  body BLOB NOT NULL,
  PRIMARY KEY (room, epoch, first_seq)
);
