-- The store's oldest blocks, found by time when all rooms together hold more than store.maxMessages.
CREATE INDEX message_blocks_age ON message_blocks (last_ts);
