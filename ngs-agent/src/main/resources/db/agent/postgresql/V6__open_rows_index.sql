-- ngsign agent schema v6 (PostgreSQL): the indexes on STATUS hold open rows only.
--
-- The claim's own index: READY rows by (ACCOUNT, ID), nothing else. The claim then walks it in ID
-- order and stops at its limit, whatever the table's statistics say. With (STATUS, ACCOUNT, ID) over
-- every row, statistics taken while most rows were READY (a bulk INSERT into a quiet table, the
-- case the agent meets after the monthly log empties it) made the planner scan the primary key
-- instead and filter: each claim then read every row claimed before it (EXPLAIN ANALYZE: 90,000
-- rows removed by the filter, 181,000 buffers, 41 ms for one claim of 1,000 out of 100,000).
--
-- The other statements name open statuses: recovery (SENDING), the sweeps (SENT), the queue-depth
-- and console counts (READY, SENDING, SENT); they keep (STATUS, ACCOUNT, ID), for open rows.
--
-- A row that ends (DONE, FAILED, ...) leaves both: the REPORT's UPDATE writes no entry in them, and
-- they stay the size of the queue instead of growing with every row sent (until the monthly log
-- moves the finished rows out). Finished rows are found by (STATUS, UPDATED_AT) or the primary key.
-- STATUS is still indexed, so an UPDATE that changes it is not HOT either way (PostgreSQL 15).
CREATE INDEX ${prefix}MSG_IX_READY ON ${prefix}MSG (ACCOUNT, ID) WHERE STATUS = 'READY';
CREATE INDEX ${prefix}MSG_IX_OPEN ON ${prefix}MSG (STATUS, ACCOUNT, ID)
  WHERE STATUS IN ('READY', 'SENDING', 'SENT');
DROP INDEX ${prefix}MSG_IX_CLAIM;
