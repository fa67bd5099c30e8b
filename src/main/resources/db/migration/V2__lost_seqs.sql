-- The ranges of seqs a crash may have given out unwritten (a resume across them is not recovered).
CREATE TABLE lost (
  room TEXT NOT NULL,
  epoch TEXT NOT NULL,
  first_seq BIGINT NOT NULL,
  last_seq BIGINT NOT NULL,
  PRIMARY KEY (room, epoch, first_seq)
);

