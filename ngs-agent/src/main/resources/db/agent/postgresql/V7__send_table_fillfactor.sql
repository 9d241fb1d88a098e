-- ngsign agent schema v7 (PostgreSQL): room on each page of the send table for the row's next
-- versions. A row is written four times (INSERT, claim, ACK, REPORT) within seconds; none of the
-- updates is HOT (STATUS is indexed), but one that finds room on its own page is a same-page update:
-- PostgreSQL logs only the changed bytes of the row (not the whole row) and no extra lock record,
-- and the page's dead versions are pruned in place. At fillfactor 100 (the default) every update
-- moved the row to another page. Applies to pages written from now on.
ALTER TABLE ${prefix}MSG SET (fillfactor = 80);
