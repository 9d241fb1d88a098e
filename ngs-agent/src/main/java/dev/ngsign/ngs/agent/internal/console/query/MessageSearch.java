package dev.ngsign.ngs.agent.internal.console.query;

import dev.ngsign.ngs.agent.StoreException;
import dev.ngsign.ngs.agent.internal.store.LogTables;
import dev.ngsign.ngs.agent.internal.store.Tables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The console's message search and detail view on the send table and the monthly log tables.
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
 *
 * <p>Archived rows: with {@code log-table.mode: monthly}, a search with an insertion date range
 * ({@code from}) also reads the log tables of the months the range's rows can have finished in
 * ({@link ArchiveMonths}): the same statement on each table that exists, each with its own LIMIT
 * and time limit, the pages merged by ID. The log tables carry indexes on ID, SERIAL and
 * (DEST_ADDR, ID) ({@code LogTables}); the range is at most {@link ArchiveMonths#MAX_DAYS} days.
 */
public final class MessageSearch {
  private static final String COLUMNS =
      "ID, SERIAL, ACCOUNT, DEST_ADDR, MSG_TYPE, STATUS, ATTEMPTS, CREATED_AT, UPDATED_AT,"
          + " ACK_CODE, RESULT_CODE";

  private final Tables t;
  private final LogTables logs;
  private final int timeoutSeconds;
  private final @Nullable ArchiveMonths archive;

  /** A search of the send table only. */
  public MessageSearch(Tables tables, int timeoutSeconds) {
    this(tables, timeoutSeconds, null);
  }

  /**
   * @param timeoutSeconds the time limit of one search statement
   * @param archive the months of log tables a search covers, or null when rows are not archived
   */
  public MessageSearch(Tables tables, int timeoutSeconds, @Nullable ArchiveMonths archive) {
    this.t = tables;
    this.logs = new LogTables(tables);
    this.timeoutSeconds = timeoutSeconds;
    this.archive = archive;
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
      @Nullable Integer resultCode,
      @Nullable String logMonth) {

    /**
     * Whether the row was read from a log table ({@link #logMonth()}) rather than the send table.
     */
    public boolean archived() {
      return logMonth != null;
    }
  }

  /**
   * A page of results.
   *
   * @param nextBeforeId the {@code beforeId} of the next page, or null on the last page
   * @param logMonths the months ({@code yyyyMM}) whose log tables were searched besides the send
   *     table, oldest first; empty when only the send table was
   */
  public record Page(List<Found> rows, @Nullable Long nextBeforeId, List<String> logMonths) {}

  public Page search(SearchCriteria q) {
    List<String> months = archive == null ? List.of() : archive.months(q);
    List<Found> rows = new ArrayList<>();
    List<String> searched = new ArrayList<>();
    try (Connection c = t.dataSource().getConnection()) {
      // the send table first: a row only ever moves from it to a log table, so one the archive
      // moves between two statements is read twice (and shown once), never missed
      rows.addAll(search(c, q, t.sendTable(), null));
      for (String month : months) {
        String log = logs.name(month);
        if (LogTables.columns(c, log).isPresent()) {
          rows.addAll(search(c, q, log, month));
          searched.add(month);
        }
      }
    } catch (SQLTimeoutException e) {
      throw tooBroad();
    } catch (SQLException e) {
      if (isTimeout(e)) {
        throw tooBroad();
      }
      throw new StoreException("searching the send and log tables failed: " + e.getMessage(), e);
    }
    // newest first over every table, each row once
    rows.sort(Comparator.comparingLong(Found::id).reversed());
    List<Found> page = new ArrayList<>();
    for (Found f : rows) {
      if (page.isEmpty() || page.get(page.size() - 1).id() != f.id()) {
        page.add(f);
      }
    }
    if (page.size() > q.pageSize()) {
      page = new ArrayList<>(page.subList(0, q.pageSize()));
      return new Page(page, page.get(page.size() - 1).id(), searched);
    }
    return new Page(page, null, searched);
  }

  /** At most a page and one row of {@code table}'s rows matching {@code q}, newest first. */
  private List<Found> search(
      Connection c, SearchCriteria q, String table, @Nullable String logMonth) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM ");
    sql.append(table).append(" WHERE 1=1");
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
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
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
                  integer(rs, 11),
                  logMonth));
        }
      }
    }
    return rows;
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

  /** One row of the send table with its timeline, or empty when no row has this ID. */
  public Optional<MessageDetail> detail(long id) {
    return detail(id, null);
  }

  /**
   * One row with its timeline, from the send table or, with {@code logMonth}, from that month's log
   * table; empty when that table has no row with this ID (or there is no such log table).
   *
   * @param logMonth {@code yyyyMM}, or null for the send table
   */
  public Optional<MessageDetail> detail(long id, @Nullable String logMonth) {
    if (logMonth != null && !logMonth.matches("\\d{4}(0[1-9]|1[0-2])")) {
      throw new SearchException("log: '" + logMonth + "' is not a month (yyyyMM)");
    }
    String msg = logMonth == null ? t.sendTable() : logs.name(logMonth);
    String sql = "SELECT " + StoredRow.COLUMNS + " FROM " + msg + " WHERE ID = ?";
    try (Connection c = t.dataSource().getConnection()) {
      if (logMonth != null && LogTables.columns(c, msg).isEmpty()) {
        return Optional.empty();
      }
      StoredRow r;
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          r = StoredRow.read(rs);
        }
      }
      // a row's attachments are deleted when it moves to a log table
      Integer attachments =
          logMonth != null
              ? null
              : count(c, "SELECT COUNT(*) FROM " + t.prefix() + "MSG_ATTACH WHERE MSG_ID = ?", id);
      int orphans =
          r.serial() == null
              ? 0
              : count(
                  c,
                  "SELECT COUNT(*) FROM " + t.prefix() + "REPORT_ORPHAN WHERE SERIAL = ?",
                  r.serial());
      return Optional.of(r.detail(attachments, orphans, logMonth));
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

  static @Nullable Integer integer(ResultSet rs, int i) throws SQLException {
    int v = rs.getInt(i);
    return rs.wasNull() ? null : v;
  }
}
