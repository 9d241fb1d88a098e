package dev.ngsign.ngs.agent.internal.console.query;

import dev.ngsign.ngs.agent.StoreException;
import dev.ngsign.ngs.agent.internal.store.Tables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Rows by status per account, as the overview shows them: the open statuses (READY, SENDING, SENT)
 * counted whole, the final ones over a recent window (a send table holds millions of DONE rows; the
 * operator wants what happened lately), and the age of the oldest due READY row — the first sign of
 * a stuck account. Each statement walks an index: {@code (STATUS, ACCOUNT, ID)} for the open rows
 * and the oldest one, {@code (STATUS, UPDATED_AT)} for the window.
 */
public final class RowCounts {
  static final String OPEN = "('READY','SENDING','SENT')";
  static final String FINAL = "('DONE','FAILED','REJECTED','EXPIRED','CANCELED')";

  private final Tables t;

  public RowCounts(Tables tables) {
    this.t = tables;
  }

  /**
   * One account's rows.
   *
   * @param open READY, SENDING, SENT: every such row
   * @param finished DONE, FAILED, REJECTED, EXPIRED, CANCELED with UPDATED_AT in the window
   * @param oldestDueReady CREATED_AT of the lowest-ID READY row that is due now, or null
   */
  public record AccountRows(
      String account,
      Map<String, Long> open,
      Map<String, Long> finished,
      @Nullable LocalDateTime oldestDueReady) {

    /** Rows of a status (0 when none). */
    public long count(String status) {
      return open.getOrDefault(status, finished.getOrDefault(status, 0L));
    }
  }

  /**
   * Every account with rows, plus {@code accounts} (configured, possibly without rows), by name.
   *
   * @param since start of the window for the final statuses (in the tables' zone)
   * @param now the tables' local time, for what is due
   */
  public Map<String, AccountRows> read(
      List<String> accounts, LocalDateTime since, LocalDateTime now) {
    return read(accounts, null, since, now);
  }

  /**
   * As {@link #read(List, LocalDateTime, LocalDateTime)}, with the rows of ACCOUNT {@code ''} (not
   * yet claimed, the default account's) counted as {@code defaultAccount}'s when it is not null.
   */
  public Map<String, AccountRows> read(
      List<String> accounts,
      @Nullable String defaultAccount,
      LocalDateTime since,
      LocalDateTime now) {
    Map<String, Map<String, Long>> open = new TreeMap<>();
    Map<String, Map<String, Long>> finished = new TreeMap<>();
    for (String a : accounts) {
      open.put(a, new TreeMap<>());
      finished.put(a, new TreeMap<>());
    }
    String msg = t.sendTable();
    try (Connection c = t.dataSource().getConnection()) {
      group(
          c,
          "SELECT ACCOUNT, STATUS, COUNT(*) FROM "
              + msg
              + " WHERE STATUS IN "
              + OPEN
              + " GROUP BY ACCOUNT, STATUS",
          null,
          open);
      group(
          c,
          "SELECT ACCOUNT, STATUS, COUNT(*) FROM "
              + msg
              + " WHERE STATUS IN "
              + FINAL
              + " AND UPDATED_AT >= ? GROUP BY ACCOUNT, STATUS",
          since,
          finished);
      if (defaultAccount != null) {
        for (Map<String, Map<String, Long>> m : List.of(open, finished)) {
          Map<String, Long> unclaimed = m.remove("");
          if (unclaimed != null) {
            Map<String, Long> into = m.computeIfAbsent(defaultAccount, k -> new TreeMap<>());
            unclaimed.forEach((k, v) -> into.merge(k, v, Long::sum));
          }
        }
      }
      Map<String, AccountRows> out = new TreeMap<>();
      List<String> all = new ArrayList<>(open.keySet());
      for (String a : finished.keySet()) {
        if (!open.containsKey(a)) {
          all.add(a);
        }
      }
      for (String a : all) {
        Map<String, Long> o = open.getOrDefault(a, Map.of());
        LocalDateTime oldest =
            o.getOrDefault("READY", 0L) > 0
                ? earlier(
                    oldestDue(c, a, now), a.equals(defaultAccount) ? oldestDue(c, "", now) : null)
                : null;
        out.put(a, new AccountRows(a, o, finished.getOrDefault(a, Map.of()), oldest));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("counting rows for the console failed: " + e.getMessage(), e);
    }
  }

  private static @Nullable LocalDateTime earlier(
      @Nullable LocalDateTime a, @Nullable LocalDateTime b) {
    return a == null ? b : b == null || a.isBefore(b) ? a : b;
  }

  private static void group(
      Connection c, String sql, @Nullable LocalDateTime since, Map<String, Map<String, Long>> into)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (since != null) {
        ps.setObject(1, since);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          into.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
              .put(rs.getString(2), rs.getLong(3));
        }
      }
    }
  }

  /**
   * The claim's own order (index {@code (STATUS, ACCOUNT, ID)}): the first due row is the one the
   * account would send next, so its age is how long the head of the queue has waited.
   */
  private @Nullable LocalDateTime oldestDue(Connection c, String account, LocalDateTime now)
      throws SQLException {
    String sql =
        "SELECT CREATED_AT FROM "
            + t.sendTable()
            + " WHERE STATUS = 'READY' AND ACCOUNT = ?"
            + " AND (SCHEDULED_AT IS NULL OR SCHEDULED_AT <= ?)"
            + " AND (NEXT_TRY_AT IS NULL OR NEXT_TRY_AT <= ?) ORDER BY ID LIMIT 1";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, account);
      ps.setObject(2, now);
      ps.setObject(3, now);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getObject(1, LocalDateTime.class) : null;
      }
    }
  }
}
