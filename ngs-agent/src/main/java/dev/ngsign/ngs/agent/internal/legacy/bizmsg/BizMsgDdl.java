package dev.ngsign.ngs.agent.internal.legacy.bizmsg;

import dev.ngsign.ngs.agent.internal.schema.Dialect;
import java.util.List;

/**
 * bizclient's message table {@code BIZ_MSG} as its manual lists it (agent/table-schema.md: each
 * column's type and length; String n is VARCHAR(n), Number is INT since MSG_TYPE and STATUS take
 * two-digit values). bizclient creates this table itself on first start; {@code init-db
 * --create-vendor-tables} does the same for a site that starts on ngsign directly. The index on
 * {@code (STATUS, SEND_TIME)} is ours: it keeps the due-row scan short.
 */
final class BizMsgDdl {
  private BizMsgDdl() {}

  static List<String> statements(Dialect d, String send) {
    boolean my = d == Dialect.MARIADB;
    String ts = my ? "DATETIME" : "TIMESTAMP";
    String tail = my ? " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4" : "";
    return List.of(
        "CREATE TABLE "
            + send
            + " (\n"
            + "  CMID            VARCHAR(32) NOT NULL,\n"
            + "  UMID            VARCHAR(32),\n"
            + "  MSG_TYPE        INT DEFAULT 0 NOT NULL,\n"
            + "  STATUS          INT DEFAULT 0 NOT NULL,\n"
            + "  REQUEST_TIME    "
            + ts
            + " DEFAULT CURRENT_TIMESTAMP NOT NULL,\n"
            + "  SEND_TIME       "
            + ts
            + " DEFAULT CURRENT_TIMESTAMP NOT NULL,\n"
            + "  REPORT_TIME     "
            + ts
            + ",\n"
            + "  DEST_PHONE      VARCHAR(16) NOT NULL,\n"
            + "  DEST_NAME       VARCHAR(32),\n"
            + "  SEND_PHONE      VARCHAR(16) NOT NULL,\n"
            + "  SEND_NAME       VARCHAR(32),\n"
            + "  SUBJECT         VARCHAR(64),\n"
            + "  MSG_BODY        VARCHAR(2000),\n"
            + "  NATION_CODE     VARCHAR(5),\n"
            + "  SENDER_KEY      VARCHAR(40),\n"
            + "  TEMPLATE_CODE   VARCHAR(64),\n"
            + "  RESPONSE_METHOD VARCHAR(8),\n"
            + "  TIMEOUT         VARCHAR(4),\n"
            + "  RE_TYPE         VARCHAR(3),\n"
            + "  RE_BODY         VARCHAR(2000),\n"
            + "  RE_PART         VARCHAR(1),\n"
            + "  COVER_FLAG      INT DEFAULT 0,\n"
            + "  SMS_FLAG        INT DEFAULT 0,\n"
            + "  REPLY_FLAG      INT DEFAULT 0,\n"
            + "  RETRY_CNT       INT,\n"
            + "  ATTACHED_FILE   VARCHAR(1000),\n"
            + "  VXML_FILE       VARCHAR(64),\n"
            + "  CALL_STATUS     VARCHAR(4),\n"
            + "  USE_PAGE        INT DEFAULT 0,\n"
            + "  USE_TIME        INT DEFAULT 0,\n"
            + "  SN_RESULT       INT DEFAULT 0,\n"
            + "  TEL_INFO        VARCHAR(10),\n"
            + "  CINFO           VARCHAR(32),\n"
            + "  USER_KEY        VARCHAR(30),\n"
            + "  AD_FLAG         VARCHAR(1),\n"
            + "  RCS_REFKEY      VARCHAR(32),\n"
            + "  PRIMARY KEY (CMID)\n"
            + ")"
            + tail,
        "CREATE INDEX " + send + "_IX_STATUS ON " + send + " (STATUS, SEND_TIME)");
  }
}
