package dev.ngsign.ngs.agent.internal.store;

import dev.ngsign.ngs.agent.AgentCode;
import dev.ngsign.ngs.agent.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;

/** Maintenance sweeps over SENT rows that wait too long for their REPORT. */
public final class Sweeps {
  private final Tables t;

  public Sweeps(Tables tables) {
    this.t = tables;
  }

  /**
   * SENT rows ACKed before {@code ackedBefore} with attempts left go back to READY (same SERIAL),
   * to be sent again; see {@code expiry.resend-unreported-after}.
   */
  public int resendUnreported(LocalDateTime ackedBefore, int maxAttempts, LocalDateTime now) {
    String sql =
        "UPDATE "
            + t.sendTable()
            + " SET STATUS = 'READY', NEXT_TRY_AT = NULL, RESULT_MSG = ?, UPDATED_AT = ?"
            + " WHERE STATUS = 'SENT' AND ACK_AT < ? AND ATTEMPTS < ?";
    try (Connection c = t.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, "no REPORT after the ACK: sent again with the same SERIAL");
      ps.setObject(2, now);
      ps.setObject(3, ackedBefore);
      ps.setInt(4, maxAttempts);
      t.counted();
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("re-send sweep failed: " + e.getMessage(), e);
    }
  }

  /**
   * SENT rows whose ACK is older than {@code ackedBefore} end FAILED with {@link
   * AgentCode#REPORT_TIMEOUT}.
   */
  public int failReportTimeouts(LocalDateTime ackedBefore, LocalDateTime now) {
    String sql =
        "UPDATE "
            + t.sendTable()
            + " SET STATUS = 'FAILED', RESULT_CODE = ?, RESULT_MSG = ?, UPDATED_AT = ?"
            + " WHERE STATUS = 'SENT' AND ACK_AT < ?";
    try (Connection c = t.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, AgentCode.REPORT_TIMEOUT.code());
      ps.setString(2, AgentCode.REPORT_TIMEOUT.meaning());
      ps.setObject(3, now);
      ps.setObject(4, ackedBefore);
      t.counted();
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("report timeout sweep failed: " + e.getMessage(), e);
    }
  }

  /** How the overdue hint starts. */
  public static final String OVERDUE_HINT =
      "no REPORT yet long after the ACK: a slow carrier, or the gateway had already"
          + " accepted this SERIAL within 24 hours (E_OK without a new message); see docs/agent.md";

  /**
   * SENT rows ACKed before {@code ackedBefore}: how many, and the hint written into those without a
   * RESULT_MSG.
   *
   * @return the overdue rows
   */
  public long markReportOverdue(LocalDateTime ackedBefore, LocalDateTime now) {
    String count =
        "SELECT COUNT(*) FROM " + t.sendTable() + " WHERE STATUS = 'SENT' AND ACK_AT < ?";
    String hint =
        "UPDATE "
            + t.sendTable()
            + " SET RESULT_MSG = ?, UPDATED_AT = ? WHERE STATUS = 'SENT' AND ACK_AT < ? AND RESULT_MSG IS NULL";
    try (Connection c = t.dataSource().getConnection()) {
      long n;
      try (PreparedStatement ps = c.prepareStatement(count)) {
        ps.setObject(1, ackedBefore);
        t.counted();
        try (java.sql.ResultSet rs = ps.executeQuery()) {
          rs.next();
          n = rs.getLong(1);
        }
      }
      if (n > 0) {
        try (PreparedStatement ps = c.prepareStatement(hint)) {
          ps.setString(1, OVERDUE_HINT);
          ps.setObject(2, now);
          ps.setObject(3, ackedBefore);
          t.counted();
          ps.executeUpdate();
        }
      }
      return n;
    } catch (SQLException e) {
      throw new StoreException("report-overdue sweep failed: " + e.getMessage(), e);
    }
  }
}
