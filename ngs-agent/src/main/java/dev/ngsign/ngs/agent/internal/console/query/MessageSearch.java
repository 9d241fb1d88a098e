package dev.ngsign.ngs.agent.internal.console.query;

import dev.ngsign.ngs.agent.MessageStatus;
import dev.ngsign.ngs.agent.StoreException;
import dev.ngsign.ngs.agent.internal.store.Tables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The console's message search and detail view on the send table.
 *
 * <p>Bounded: a page is at most {@link SearchCriteria#MAX_PAGE} rows, newest first, paged by ID
 * (keyset: {@code ID < last}, never OFFSET), and each statement has a time limit, after which the
 * operator is asked to narrow the search rather than the database being kept busy. Index use:
 * SERIAL is the unique index; status with account walks {@code (STATUS, ACCOUNT, ID)} in ID order
 * (on PostgreSQL that index holds open rows only, schema V6: a finished status is left to {@code
 * (STATUS, UPDATED_AT)} or the primary key, within the time limit); the other filters walk the
 * primary key backwards and stop at a full page. A recipient is matched in each of the forms a site
 * may have stored it ({@link RecipientForms}); a recipient search on a large table is fastest with
 * an index on DEST_ADDR, which the schema leaves to the site (docs/console.md).
 */
public final class MessageSearch {
  private static final String COLUMNS =
      "ID, SERIAL, ACCOUNT, DEST_ADDR, MSG_TYPE, STATUS, ATTEMPTS, CREATED_AT, UPDATED_AT,"
          + " ACK_CODE, RESULT_CODE";

  private final Tables t;
  private final int timeoutSeconds;

  /**
   * @param timeoutSeconds the time limit of one search statement
   */
  public MessageSearch(Tables tables, int timeoutSeconds) {
    this.t = tables;
    this.timeoutSeconds = timeoutSeconds;
  }

  /** One row of the result list (recipient masked). */
  public record Found(
      long id,
      @Nullable String serial,
      String account,
      String maskedRecipient,
      String msgType,
      String status,
      int attempts,
      LocalDateTime createdAt,
      @Nullable LocalDateTime updatedAt,
      @Nullable Integer ackCode,
      @Nullable Integer resultCode) {}

  /**
   * A page of results.
   *
   * @param nextBeforeId the {@code beforeId} of the next page, or null on the last page
   */
  public record Page(List<Found> rows, @Nullable Long nextBeforeId) {}

  public Page search(SearchCriteria q) {
    StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM ");
    sql.append(t.sendTable()).append(" WHERE 1=1");
    List<Object> args = new ArrayList<>();
    if (q.serial() != null) {
      sql.append(" AND SERIAL = ?");
      args.add(q.serial());
    }
    if (q.recipient() != null) {
      java.util.Set<String> forms = RecipientForms.of(q.recipient());
      sql.append(" AND DEST_ADDR IN (").append("?,".repeat(forms.size() - 1)).append("?)");
      args.addAll(forms);
    }
    if (q.status() != null) {
      sql.append(" AND STATUS = ?");
      args.add(q.status().code());
    }
    if (q.account() != null) {
      sql.append(" AND ACCOUNT = ?");
      args.add(q.account());
    }
    if (q.from() != null) {
      sql.append(" AND CREATED_AT >= ?");
      args.add(q.from());
    }
    if (q.to() != null) {
      sql.append(" AND CREATED_AT < ?");
      args.add(q.to());
    }
    if (q.beforeId() != null) {
      sql.append(" AND ID < ?");
      args.add(q.beforeId());
    }
    sql.append(" ORDER BY ID DESC LIMIT ?");
    args.add(q.pageSize() + 1);
    List<Found> rows = new ArrayList<>();
    try (Connection c = t.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(sql.toString())) {
      ps.setQueryTimeout(timeoutSeconds);
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new Found(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  RecipientMask.mask(rs.getString(4)),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getInt(7),
                  rs.getObject(8, LocalDateTime.class),
                  rs.getObject(9, LocalDateTime.class),
                  integer(rs, 10),
                  integer(rs, 11)));
        }
      }
    } catch (SQLTimeoutException e) {
      throw tooBroad();
    } catch (SQLException e) {
      if (isTimeout(e)) {
        throw tooBroad();
      }
      throw new StoreException("searching the send table failed: " + e.getMessage(), e);
    }
    if (rows.size() > q.pageSize()) {
      rows = new ArrayList<>(rows.subList(0, q.pageSize()));
      return new Page(rows, rows.get(rows.size() - 1).id());
    }
    return new Page(rows, null);
  }

  private SearchException tooBroad() {
    return new SearchException(
        "the search did not finish within "
            + timeoutSeconds
            + " s: narrow it (a SERIAL, a status with an account, or a shorter time range)");
  }

  /** PostgreSQL reports a cancelled statement as 57014, MariaDB as 70100 / 1969, H2 as 57014. */
  private static boolean isTimeout(SQLException e) {
    return "57014".equals(e.getSQLState())
        || "70100".equals(e.getSQLState())
        || e.getErrorCode() == 1969;
  }

  /** One row with its timeline, or empty when no row has this ID. */
  public Optional<MessageDetail> detail(long id) {
    String msg = t.sendTable();
    String sql =
        "SELECT ID, SERIAL, GW_SERIAL, ACCOUNT, DEST_ADDR, MSG_TYPE, STATUS, ATTEMPTS, NODE_ID,"
            + " FENCE, CHAR_LENGTH(MSG_TEXT), TELCO, RESULT_MSG, CREATED_AT, SCHEDULED_AT,"
            + " EXPIRES_AT, UPDATED_AT, ACK_AT, ACK_CODE, NEXT_TRY_AT, DELIVERED_AT, REPORT_AT,"
            + " RESULT_CODE, REPORT_FLAGS FROM "
            + msg
            + " WHERE ID = ?";
    try (Connection c = t.dataSource().getConnection()) {
      Row r;
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          r = Row.read(rs);
        }
      }
      int attachments =
          count(c, "SELECT COUNT(*) FROM " + t.prefix() + "MSG_ATTACH WHERE MSG_ID = ?", id);
      int orphans =
          r.serial == null
              ? 0
              : count(
                  c,
                  "SELECT COUNT(*) FROM " + t.prefix() + "REPORT_ORPHAN WHERE SERIAL = ?",
                  r.serial);
      return Optional.of(
          new MessageDetail(
              r.id,
              r.serial,
              r.gwSerial,
              r.account,
              RecipientMask.mask(r.destAddr),
              r.msgType,
              r.status,
              r.attempts,
              r.nodeId,
              r.textLength,
              attachments,
              r.telco,
              r.resultMsg,
              r.timeline(),
              orphans));
    } catch (SQLException e) {
      throw new StoreException("reading row " + id + " failed: " + e.getMessage(), e);
    }
  }

  private static int count(Connection c, String sql, Object arg) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static @Nullable Integer integer(ResultSet rs, int i) throws SQLException {
    int v = rs.getInt(i);
    return rs.wasNull() ? null : v;
  }

  /** The columns of one row, turned into its timeline. */
  private record Row(
      long id,
      @Nullable String serial,
      @Nullable String gwSerial,
      String account,
      String destAddr,
      String msgType,
      String status,
      int attempts,
      @Nullable String nodeId,
      @Nullable Long fence,
      int textLength,
      @Nullable String telco,
      @Nullable String resultMsg,
      LocalDateTime createdAt,
      @Nullable LocalDateTime scheduledAt,
      @Nullable LocalDateTime expiresAt,
      @Nullable LocalDateTime updatedAt,
      @Nullable LocalDateTime ackAt,
      @Nullable Integer ackCode,
      @Nullable LocalDateTime nextTryAt,
      @Nullable LocalDateTime deliveredAt,
      @Nullable LocalDateTime reportAt,
      @Nullable Integer resultCode,
      @Nullable String reportFlags) {

    static Row read(ResultSet rs) throws SQLException {
      long fence = rs.getLong(10);
      Long fenceOrNull = rs.wasNull() ? null : fence;
      return new Row(
          rs.getLong(1),
          rs.getString(2),
          rs.getString(3),
          rs.getString(4),
          rs.getString(5),
          rs.getString(6),
          rs.getString(7),
          rs.getInt(8),
          rs.getString(9),
          fenceOrNull,
          rs.getInt(11),
          rs.getString(12),
          rs.getString(13),
          rs.getObject(14, LocalDateTime.class),
          rs.getObject(15, LocalDateTime.class),
          rs.getObject(16, LocalDateTime.class),
          rs.getObject(17, LocalDateTime.class),
          rs.getObject(18, LocalDateTime.class),
          integer(rs, 19),
          rs.getObject(20, LocalDateTime.class),
          rs.getObject(21, LocalDateTime.class),
          rs.getObject(22, LocalDateTime.class),
          integer(rs, 23),
          rs.getString(24));
    }

    /**
     * The steps the row's columns record, in the order a message lives them. The claim's time is
     * kept only while the row is SENDING (UPDATED_AT; the DELIVER leaves in the same worker pass);
     * later writes move UPDATED_AT on, so a finished row shows who claimed it, not when.
     */
    List<MessageDetail.Event> timeline() {
      List<MessageDetail.Event> ev = new ArrayList<>();
      ev.add(new MessageDetail.Event(createdAt, "inserted", "row inserted", null));
      if (scheduledAt != null) {
        ev.add(new MessageDetail.Event(scheduledAt, "scheduled", "not to be sent before", null));
      }
      if (nodeId != null) {
        String who =
            "claimed by node "
                + nodeId
                + (fence == null ? "" : " (fence " + fence + ")")
                + ", attempt "
                + attempts
                + "; DELIVER sent in the same pass";
        boolean sending = MessageStatus.SENDING.code().equals(status);
        ev.add(
            new MessageDetail.Event(
                sending ? updatedAt : null,
                "claimed",
                sending ? who + ", ACK not yet written" : who,
                null));
      }
      if (ackAt != null) {
        ev.add(
            new MessageDetail.Event(
                ackAt,
                "ack",
                "DELIVER_ACK" + (attempts > 1 ? " (of attempt " + attempts + ")" : ""),
                ackCode == null ? null : CodeText.of(ackCode)));
      }
      if (nextTryAt != null && MessageStatus.READY.code().equals(status)) {
        ev.add(new MessageDetail.Event(nextTryAt, "next try", "retry after a backoff", null));
      }
      if (deliveredAt != null) {
        ev.add(
            new MessageDetail.Event(
                deliveredAt,
                "delivered",
                "the carrier's delivery time" + (telco == null ? "" : " (" + telco + ")"),
                null));
      }
      if (reportAt != null) {
        ev.add(
            new MessageDetail.Event(
                reportAt,
                "report",
                "REPORT stored"
                    + (reportFlags == null || reportFlags.isBlank()
                        ? ""
                        : ", flags " + reportFlags),
                resultCode == null ? null : CodeText.of(resultCode)));
      } else if (resultCode != null) {
        ev.add(
            new MessageDetail.Event(
                updatedAt,
                "ended by agent",
                "status " + status + (resultMsg == null ? "" : ": " + resultMsg),
                CodeText.of(resultCode)));
      }
      MessageStatus s = MessageStatus.fromCode(status);
      if (expiresAt != null && (s == null || !s.terminal())) {
        ev.add(new MessageDetail.Event(expiresAt, "expires", "EXPIRED if not sent by then", null));
      }
      return List.copyOf(ev);
    }
  }
}
