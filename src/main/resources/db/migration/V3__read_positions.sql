-- How far each person (a token's subject) has read each room: up to seq of the room's epoch.
CREATE TABLE read_positions (
  subject TEXT NOT NULL,
  room TEXT NOT NULL,
  epoch TEXT NOT NULL,
  seq BIGINT NOT NULL,
  updated BIGINT NOT NULL,
  PRIMARY KEY (subject, room)
);
