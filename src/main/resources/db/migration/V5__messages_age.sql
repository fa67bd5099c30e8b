-- The store's oldest messages, found by time when all rooms together hold more than
-- store.maxMessages (PostgreSQL's rows; SQLite keeps its messages in blocks, indexed in V6).
CREATE INDEX messages_age ON messages (ts);
