-- ngsign agent schema v5: the operator console (docs/console.md).
-- Every console action (resend, cancel, pause, resume) leaves one row here, written in the same
-- transaction as the action itself (refused logins go to the log only).
CREATE TABLE ${prefix}AUDIT (
  ID          BIGINT AUTO_INCREMENT PRIMARY KEY,
  ACTED_AT    DATETIME(3) NOT NULL,
  OPERATOR    VARCHAR(64)  NOT NULL,
  NODE_ID     VARCHAR(64)  NOT NULL,
  ACTION      VARCHAR(16)  NOT NULL,
  ACCOUNT     VARCHAR(32),
  MSG_ID      BIGINT,
  NEW_MSG_ID  BIGINT,
  RESENT_FROM BIGINT,
  DETAIL      VARCHAR(400)
);

CREATE INDEX ${prefix}AUDIT_IX_MSG ON ${prefix}AUDIT (MSG_ID);
-- a row is resent at most once (a resent row that fails again is resent as itself, the new row)
CREATE UNIQUE INDEX ${prefix}AUDIT_UX_RESEND ON ${prefix}AUDIT (RESENT_FROM);

-- Accounts an operator paused: no node claims their rows until resumed. In the database, so that
-- the pause holds on every node and across restarts.
CREATE TABLE ${prefix}PAUSE (
  ACCOUNT     VARCHAR(32)  NOT NULL PRIMARY KEY,
  PAUSED_AT   DATETIME(3) NOT NULL,
  OPERATOR    VARCHAR(64)  NOT NULL,
  REASON      VARCHAR(200)
);
