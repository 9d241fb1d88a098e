package dev.ngsign.ngs.agent.internal.schema;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;

/**
 * One REPORT as the send-table columns it sets. Every dialect's statement binds the columns in this
 * order: SERIAL (the key), then STATUS, RESULT_CODE, RESULT_MSG, REPORT_FLAGS, KKO_ERROR,
 * SPAM_FLAG, TELCO, FINAL_TYPE, GW_SERIAL, DELIVERED_AT, REPORT_AT.
 */
public record ReportUpdate(
    String serial,
    String status,
    int resultCode,
    String resultMsg,
    String reportFlags,
    String kkoError,
    String spamFlag,
    String telco,
    String finalType,
    String gwSerial,
    LocalDateTime deliveredAt,
    LocalDateTime reportAt) {

  /** Values bound per report after the SERIAL. */
  static final int VALUES = 11;

  /** Binds the values after the SERIAL from {@code i}; returns the next index. */
  int bindValues(PreparedStatement ps, int i) throws SQLException {
    ps.setString(i++, status);
    ps.setInt(i++, resultCode);
    ps.setString(i++, resultMsg);
    ps.setString(i++, reportFlags);
    ps.setString(i++, kkoError);
    ps.setString(i++, spamFlag);
    ps.setString(i++, telco);
    ps.setString(i++, finalType);
    ps.setString(i++, gwSerial);
    ps.setObject(i++, deliveredAt, Types.TIMESTAMP);
    ps.setObject(i++, reportAt, Types.TIMESTAMP);
    return i;
  }

  /** Binds SERIAL then the values from {@code i}; returns the next index. */
  int bindRow(PreparedStatement ps, int i) throws SQLException {
    ps.setString(i++, serial);
    return bindValues(ps, i);
  }
}
