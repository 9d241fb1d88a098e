-- ngsign agent schema v6 (PostgreSQL): the index of (STATUS, ACCOUNT, ID) holds open rows only.
-- Every statement that walks it names open statuses: the claim (READY), recovery (SENDING), the
-- sweeps (SENT), the queue-depth and console counts (READY, SENDING, SENT). A row that ends (DONE,
-- FAILED, ...) then leaves it: the REPORT's UPDATE writes no entry there, and the index stays the
-- size of the queue instead of growing with every row ever sent (until the monthly log moves the
-- finished rows out). Finished rows are found by (STATUS, UPDATED_AT) or the primary key.
-- STATUS is still indexed, so an UPDATE that changes it is not HOT either way (PostgreSQL 15).
CREATE INDEX ${prefix}MSG_IX_OPEN ON ${prefix}MSG (STATUS, ACCOUNT, ID)
  WHERE STATUS IN ('READY', 'SENDING', 'SENT');
DROP INDEX ${prefix}MSG_IX_CLAIM;
