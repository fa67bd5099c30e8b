-- The store's oldest blocks, found by time when all rooms together hold more than store.maxMessages.
CREATE INDEX message_blocks_age ON message_blocks (last_ts);

-- The seqs all blocks span (the store's messages, as store.retentionMessages counts them), kept by
-- the two triggers in the transaction that writes or deletes a block, so that counting reads a row.
CREATE TABLE block_spans (
  id INTEGER NOT NULL PRIMARY KEY CHECK (id = 0),
  seqs INTEGER NOT NULL
);
INSERT INTO block_spans SELECT 0, COALESCE(SUM(last_seq - first_seq + 1), 0) FROM message_blocks;

CREATE TRIGGER block_spans_written AFTER INSERT ON message_blocks
BEGIN
  UPDATE block_spans SET seqs = seqs + (NEW.last_seq - NEW.first_seq + 1) WHERE id = 0;
END;

CREATE TRIGGER block_spans_deleted AFTER DELETE ON message_blocks
BEGIN
  UPDATE block_spans SET seqs = seqs - (OLD.last_seq - OLD.first_seq + 1) WHERE id = 0;
END;
