-- ngsign agent schema v3: the agent's own metadata (name/value), e.g. the SERIAL epoch and the send
-- table's ID high-water mark (docs/agent.md, "Time, SERIALs and zones").
CREATE TABLE ${prefix}META (
  NAME        VARCHAR(32)  NOT NULL PRIMARY KEY,
  VAL         VARCHAR(64),
  UPDATED_AT  TIMESTAMP(3)
);

INSERT INTO ${prefix}META (NAME, VAL) VALUES ('SERIAL_EPOCH', NULL);
INSERT INTO ${prefix}META (NAME, VAL) VALUES ('ID_HIGH_WATER', NULL);
