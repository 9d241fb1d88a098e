-- ngsign agent side table for another vendor's send tables (table-layout, docs/legacy-tables.md).
-- ${prefix} is database.table-prefix. The vendor's tables are never altered: which vendor row each
-- row of ${prefix}MSG came from, and the outcome once it is finished, live here.
-- IN_FLIGHT is '<vendor table>:<key>' while the message is on its way, NULL once finished: unique,
-- so a vendor row is never imported twice at once, and a vendor key the customer reuses later (a
-- reset sequence) is imported again.
CREATE TABLE ${prefix}LEGACY_ROW (
  MSG_ID        BIGINT       NOT NULL PRIMARY KEY,
  SRC_TABLE     VARCHAR(64)  NOT NULL,
  SRC_KEY       VARCHAR(64)  NOT NULL,
  IN_FLIGHT     VARCHAR(130),
  MIRRORED      VARCHAR(10),
  SERIAL        VARCHAR(20),
  STATUS        VARCHAR(10),
  ACK_CODE      INT,
  RESULT_CODE   INT,
  REPORT_FLAGS  VARCHAR(15),
  TELCO         VARCHAR(3),
  VENDOR_RESULT VARCHAR(10),
  IMPORTED_AT   DATETIME(3) NOT NULL,
  FINISHED_AT   DATETIME(3)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE UNIQUE INDEX ${prefix}LEGACY_ROW_UX_IN_FLIGHT ON ${prefix}LEGACY_ROW (IN_FLIGHT);
CREATE INDEX ${prefix}LEGACY_ROW_IX_SRC ON ${prefix}LEGACY_ROW (SRC_TABLE, SRC_KEY);
CREATE INDEX ${prefix}LEGACY_ROW_IX_FINISHED ON ${prefix}LEGACY_ROW (FINISHED_AT);
