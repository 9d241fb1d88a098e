package dev.ngsign.ngs.agent.internal.store;

import static dev.ngsign.ngs.agent.internal.store.Tables.FINAL_STATUSES;
import static dev.ngsign.ngs.agent.internal.store.Tables.bindIds;
import static dev.ngsign.ngs.agent.internal.store.Tables.placeholders;

import dev.ngsign.ngs.agent.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Log-table archiving: final rows move to {@code <prefix>MSG_LOG_YYYYMM}. */
public final class LogArchive {
  private final Tables t;
  private final LogTables logs;

  public LogArchive(Tables tables) {
    this.t = tables;
    this.logs = new LogTables(tables);
  }

  /**
   * Moves up to {@code limit} final rows last updated before {@code before} into {@code
   * <prefix>MSG_LOG_YYYYMM} (the month of UPDATED_AT in {@code monthZone}), creating the table when
   * needed; their attachments are deleted with them. One transaction per month: a row is either in
   * the send table or in its log table, never both or neither. The rows are copied by column name,
   * the log table's columns that the send table has too: a month's table made under an older schema
   * (a column fewer) or with its columns in another order still takes them.
   *
   * @param monthZone the zone whose calendar month names the table (Korea: the gateway's billing
   *     month)
   * @return rows moved
   */
  public int moveToLog(LocalDateTime before, int limit, ZoneId monthZone) {
    String msg = t.sendTable();
    Map<String, List<Long>> byMonth = new LinkedHashMap<>();
    String sel =
        "SELECT ID, UPDATED_AT FROM "
            + msg
            + " WHERE STATUS IN "
            + FINAL_STATUSES
            + " AND UPDATED_AT < ? ORDER BY ID LIMIT ?";
    try (Connection c = t.dataSource().getConnection()) {
      try (PreparedStatement ps = c.prepareStatement(sel)) {
        ps.setObject(1, before);
        ps.setInt(2, limit);
        t.counted();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            LocalDateTime at = rs.getObject(2, LocalDateTime.class);
            byMonth
                .computeIfAbsent(LogTables.month(at, t.zone(), monthZone), k -> new ArrayList<>())
                .add(rs.getLong(1));
          }
        }
      }
      int moved = 0;
      for (Map.Entry<String, List<Long>> e : byMonth.entrySet()) {
        String log = logs.name(e.getKey());
        String columns = String.join(", ", shared(logs.ensure(c, log), c, log, msg));
        c.setAutoCommit(false);
        try {
          String in = placeholders(e.getValue().size());
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO "
                      + log
                      + " ("
                      + columns
                      + ") SELECT "
                      + columns
                      + " FROM "
                      + msg
                      + " WHERE ID IN ("
                      + in
                      + ")"
                      + " AND STATUS IN "
                      + FINAL_STATUSES)) {
            bindIds(ps, e.getValue());
            t.counted();
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "DELETE FROM "
                      + msg
                      + " WHERE ID IN ("
                      + in
                      + ") AND STATUS IN "
                      + FINAL_STATUSES)) {
            bindIds(ps, e.getValue());
            t.counted();
            moved += ps.executeUpdate();
          }
          c.commit();
        } catch (SQLException | RuntimeException ex) {
          c.rollback();
          throw ex;
        } finally {
          c.setAutoCommit(true);
        }
      }
      return moved;
    } catch (SQLException e) {
      throw new StoreException("moving rows to the log table failed: " + e.getMessage(), e);
    }
  }

  /** The log table's columns that the send table has too, in the log table's order. */
  private static List<String> shared(List<String> inLog, Connection c, String log, String msg)
      throws SQLException {
    Set<String> inSend = new HashSet<>(LogTables.columns(c, msg).orElse(List.of()));
    List<String> shared = new ArrayList<>(inLog);
    shared.retainAll(inSend);
    if (shared.isEmpty()) {
      throw new SQLException(log + " has no column of " + msg);
    }
    return shared;
  }
}
