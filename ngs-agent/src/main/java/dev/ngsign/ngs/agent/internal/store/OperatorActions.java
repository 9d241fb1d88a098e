package dev.ngsign.ngs.agent.internal.store;

import dev.ngsign.ngs.agent.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;

/**
 * The console's actions on the tables — resend, cancel, pause, resume — each one transaction that
 * also writes its {@code <prefix>AUDIT} row: an action without its audit row, or the reverse,
 * cannot be committed. A row the action depends on is locked first ({@code FOR UPDATE}), so an
 * action and a claim, or two operators, cannot both win.
 *
 * <p><b>Resend makes a new row</b>, a copy of the original's message (type, recipient, sender,
 * texts, AlimTalk fields, attachments, account) with a fresh SERIAL, status READY and no schedule
 * or expiry of its own; the original stays FAILED or EXPIRED as the record of what happened.
 * Setting the original back to READY would re-send its SERIAL, and the gateway answers a SERIAL it
 * accepted within its de-duplication window (24 h) with E_OK and no second message: a FAILED row
 * would look sent and never be. A row is resent at most once (a unique index on {@code
 * RESENT_FROM}); when the copy fails too, it is the copy that is resent.
 */
public final class OperatorActions {
  /** The send table's columns a resend copies (the message, not its history). */
  static final String MESSAGE_COLUMNS =
      "MSG_TYPE, DEST_ADDR, CALLBACK, SUBJECT, MSG_TEXT, ENCODING, SENDER_CODE, KKO_SENDER_KEY,"
          + " KKO_TEMPLATE, KKO_METHOD, KKO_FAILOVER, FALLBACK_TITLE, FALLBACK_TEXT, EXTRAS_JSON,"
          + " DEPT_CODE, NAT_CODE, AD_FLAG, ACCOUNT";

  private final Tables t;
  private final Pauses pauses;

  OperatorActions(Tables tables, Pauses pauses) {
    this.t = tables;
    this.pauses = pauses;
  }

  /** What a resend did: the original row's account and the new row's ID. */
  public record Resent(String account, long newId, long auditId) {}

  /**
   * Copies a FAILED or EXPIRED row as a new READY row.
   *
   * @param acceptDuplicate the operator confirmed that a row FAILED for want of a REPORT (9006) may
   *     have been delivered; without it such a row is refused
   * @throws ActionRefused when the row is missing, in another status, already resent, or 9006
   *     without {@code acceptDuplicate}
   */
  public Resent resend(
      long id, boolean acceptDuplicate, String operator, String node, LocalDateTime now) {
    return inTransaction(
        c -> {
          RowState row = lock(c, id);
          if (!row.status.equals("FAILED") && !row.status.equals("EXPIRED")) {
            throw new ActionRefused(
                "row " + id + " is " + row.status + "; only a FAILED or EXPIRED row can be resent");
          }
          Long earlier = resentAs(c, id);
          if (earlier != null) {
            throw new ActionRefused("row " + id + " was already resent as row " + earlier);
          }
          if (row.status.equals("FAILED")
              && row.resultCode != null
              && row.resultCode == dev.ngsign.ngs.agent.AgentCode.REPORT_TIMEOUT.code()
              && !acceptDuplicate) {
            throw new ActionRefused(
                "row "
                    + id
                    + " had no REPORT (9006): it may have been delivered; confirm that a second"
                    + " message is acceptable to resend it");
          }
          long newId;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO "
                      + t.sendTable()
                      + " ("
                      + MESSAGE_COLUMNS
                      + ", STATUS, ATTEMPTS, CREATED_AT) SELECT "
                      + MESSAGE_COLUMNS
                      + ", 'READY', 0, ? FROM "
                      + t.sendTable()
                      + " WHERE ID = ?",
                  Statement.RETURN_GENERATED_KEYS)) {
            ps.setTimestamp(1, Timestamp.valueOf(now));
            ps.setLong(2, id);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
              rs.next();
              newId = rs.getLong(1);
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO "
                      + t.prefix()
                      + "MSG_ATTACH (MSG_ID, SEQ, MTYPE, FILE_NAME, DATA) SELECT ?, SEQ, MTYPE,"
                      + " FILE_NAME, DATA FROM "
                      + t.prefix()
                      + "MSG_ATTACH WHERE MSG_ID = ?")) {
            ps.setLong(1, newId);
            ps.setLong(2, id);
            ps.executeUpdate();
          }
          long audit =
              audit(
                  c,
                  now,
                  operator,
                  node,
                  "RESEND",
                  row.account,
                  id,
                  newId,
                  id,
                  "was " + row.status + (row.resultCode == null ? "" : "/" + row.resultCode));
          return new Resent(row.account, newId, audit);
        });
  }

  /**
   * Cancels a READY row: no node will send it.
   *
   * @return the audit row's ID
   * @throws ActionRefused when the row is missing or no longer READY (claimed meanwhile)
   */
  public long cancel(long id, String operator, String node, LocalDateTime now) {
    return inTransaction(
        c -> {
          RowState row = lock(c, id);
          if (!row.status.equals("READY")) {
            throw new ActionRefused(
                "row " + id + " is " + row.status + "; only a READY row can be canceled");
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE "
                      + t.sendTable()
                      + " SET STATUS = 'CANCELED', RESULT_MSG = 'canceled in the console',"
                      + " UPDATED_AT = ? WHERE ID = ? AND STATUS = 'READY'")) {
            ps.setTimestamp(1, Timestamp.valueOf(now));
            ps.setLong(2, id);
            if (ps.executeUpdate() != 1) {
              throw new ActionRefused("row " + id + " was claimed meanwhile; it was not canceled");
            }
          }
          return audit(c, now, operator, node, "CANCEL", row.account, id, null, null, null);
        });
  }

  /**
   * Pauses an account on every node: they stop claiming its rows (rows already sent still get their
   * ACKs and reports).
   *
   * @return the audit row's ID
   * @throws ActionRefused when already paused
   */
  public long pause(
      String account, @Nullable String reason, String operator, String node, LocalDateTime now) {
    long audit =
        inTransaction(
            c -> {
              Pauses.Pause p = Pauses.read(c, t).get(account);
              if (p != null) {
                throw new ActionRefused(
                    "account " + account + " is already paused (by " + p.operator() + ")");
              }
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO "
                          + t.prefix()
                          + "PAUSE (ACCOUNT, PAUSED_AT, OPERATOR, REASON) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, account);
                ps.setTimestamp(2, Timestamp.valueOf(now));
                ps.setString(3, Tables.cut(operator, 64));
                ps.setString(4, Tables.cut(reason, 200));
                ps.executeUpdate();
              }
              return audit(c, now, operator, node, "PAUSE", account, null, null, null, reason);
            });
    pauses.invalidate();
    return audit;
  }

  /**
   * Resumes a paused account.
   *
   * @return the audit row's ID
   * @throws ActionRefused when not paused
   */
  public long resume(String account, String operator, String node, LocalDateTime now) {
    long audit =
        inTransaction(
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement("DELETE FROM " + t.prefix() + "PAUSE WHERE ACCOUNT = ?")) {
                ps.setString(1, account);
                if (ps.executeUpdate() == 0) {
                  throw new ActionRefused("account " + account + " is not paused");
                }
              }
              return audit(c, now, operator, node, "RESUME", account, null, null, null, null);
            });
    pauses.invalidate();
    return audit;
  }

  /** What a confirmation page shows about a row (the recipient is masked by the page). */
  public record RowSummary(
      long id,
      String account,
      String status,
      String msgType,
      String recipient,
      int attempts,
      @Nullable Integer resultCode,
      @Nullable String resultMsg,
      @Nullable LocalDateTime createdAt) {}

  /** The row's summary, or null when it is not in the send table. */
  public @Nullable RowSummary describe(long id) {
    try (Connection c = t.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT ID, ACCOUNT, STATUS, MSG_TYPE, DEST_ADDR, ATTEMPTS, RESULT_CODE, RESULT_MSG,"
                    + " CREATED_AT FROM "
                    + t.sendTable()
                    + " WHERE ID = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        int code = rs.getInt(7);
        Integer result = rs.wasNull() ? null : code;
        Timestamp created = rs.getTimestamp(9);
        return new RowSummary(
            rs.getLong(1),
            rs.getString(2),
            rs.getString(3),
            rs.getString(4),
            rs.getString(5),
            rs.getInt(6),
            result,
            rs.getString(8),
            created == null ? null : created.toLocalDateTime());
      }
    } catch (SQLException e) {
      throw new StoreException("reading row " + id + " failed: " + e.getMessage(), e);
    }
  }

  private record RowState(String status, String account, @Nullable Integer resultCode) {}

  private RowState lock(Connection c, long id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT STATUS, ACCOUNT, RESULT_CODE FROM "
                + t.sendTable()
                + " WHERE ID = ? FOR UPDATE")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new ActionRefused(
              "row " + id + " is not in the send table (archived to the log table, or deleted)");
        }
        int code = rs.getInt(3);
        return new RowState(rs.getString(1), rs.getString(2), rs.wasNull() ? null : code);
      }
    }
  }

  private @Nullable Long resentAs(Connection c, long id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT NEW_MSG_ID FROM " + t.prefix() + "AUDIT WHERE RESENT_FROM = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  private long audit(
      Connection c,
      LocalDateTime now,
      String operator,
      String node,
      String action,
      @Nullable String account,
      @Nullable Long msgId,
      @Nullable Long newMsgId,
      @Nullable Long resentFrom,
      @Nullable String detail)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + t.prefix()
                + "AUDIT (ACTED_AT, OPERATOR, NODE_ID, ACTION, ACCOUNT, MSG_ID, NEW_MSG_ID,"
                + " RESENT_FROM, DETAIL) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      ps.setTimestamp(1, Timestamp.valueOf(now));
      ps.setString(2, Tables.cut(operator, 64));
      ps.setString(3, Tables.cut(node, 64));
      ps.setString(4, action);
      ps.setString(5, account);
      setLong(ps, 6, msgId);
      setLong(ps, 7, newMsgId);
      setLong(ps, 8, resentFrom);
      ps.setString(9, Tables.cut(detail, 400));
      ps.executeUpdate();
      try (ResultSet rs = ps.getGeneratedKeys()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void setLong(PreparedStatement ps, int i, @Nullable Long v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, v);
    }
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T inTransaction(Work<T> work) {
    try (Connection c = t.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try {
        T out = work.run(c);
        c.commit();
        return out;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (ActionRefused e) {
      throw e;
    } catch (SQLException e) {
      throw new StoreException("console action failed: " + e.getMessage(), e);
    }
  }
}
