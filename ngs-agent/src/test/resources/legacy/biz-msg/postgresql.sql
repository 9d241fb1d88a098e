-- BizPPurio bizclient: the message table BIZ_MSG as the vendor's manual lists it (BizMsg/bizclient, agent/table-schema.md:
-- every column with its type, length and default; String n = VARCHAR(n), Number = INT since MSG_TYPE and STATUS take
-- two-digit values such as 11 and 13). bizclient creates this table itself; sites that let it keep exactly these
-- columns. CMID is the primary key of the message table. Transcribed, see docs/legacy-tables.md "biz-msg".

CREATE TABLE BIZ_MSG (
  CMID            VARCHAR(32)    NOT NULL,
  UMID            VARCHAR(32),
  MSG_TYPE        INT            DEFAULT 0 NOT NULL,
  STATUS          INT            DEFAULT 0 NOT NULL,
  REQUEST_TIME    TIMESTAMP      DEFAULT CURRENT_TIMESTAMP NOT NULL,
  SEND_TIME       TIMESTAMP      DEFAULT CURRENT_TIMESTAMP NOT NULL,
  REPORT_TIME     TIMESTAMP,
  DEST_PHONE      VARCHAR(16)    NOT NULL,
  DEST_NAME       VARCHAR(32),
  SEND_PHONE      VARCHAR(16)    NOT NULL,
  SEND_NAME       VARCHAR(32),
  SUBJECT         VARCHAR(64),
  MSG_BODY        VARCHAR(2000),
  NATION_CODE     VARCHAR(5),
  SENDER_KEY      VARCHAR(40),
  TEMPLATE_CODE   VARCHAR(64),
  RESPONSE_METHOD VARCHAR(8),
  TIMEOUT         VARCHAR(4),
  RE_TYPE         VARCHAR(3),
  RE_BODY         VARCHAR(2000),
  RE_PART         VARCHAR(1),
  COVER_FLAG      INT            DEFAULT 0,
  SMS_FLAG        INT            DEFAULT 0,
  REPLY_FLAG      INT            DEFAULT 0,
  RETRY_CNT       INT,
  ATTACHED_FILE   VARCHAR(1000),
  VXML_FILE       VARCHAR(64),
  CALL_STATUS     VARCHAR(4),
  USE_PAGE        INT            DEFAULT 0,
  USE_TIME        INT            DEFAULT 0,
  SN_RESULT       INT            DEFAULT 0,
  TEL_INFO        VARCHAR(10),
  CINFO           VARCHAR(32),
  USER_KEY        VARCHAR(30),
  AD_FLAG         VARCHAR(1),
  RCS_REFKEY      VARCHAR(32),
  PRIMARY KEY (CMID)
);
