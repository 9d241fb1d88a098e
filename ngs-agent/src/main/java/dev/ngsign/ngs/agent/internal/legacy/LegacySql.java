package dev.ngsign.ngs.agent.internal.legacy;

import dev.ngsign.ngs.agent.internal.schema.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The statements every layout needs on the vendor's tables: log tables and moving a row there. */
public final class LegacySql {
  private final Dialect dialect;
  private final Set<String> knownLogs = ConcurrentHashMap.newKeySet();

  public LegacySql(Dialect dialect) {
    this.dialect = dialect;
  }

  public Dialect dialect() {
    return dialect;
  }

  /**
   * Creates {@code log} with {@code like}'s columns when missing (the vendors' agents create their
   * monthly log tables the same way). Auto-commit: DDL commits the transaction on MariaDB and H2.
   */
  public void ensureLog(Connection c, String log, String like) throws SQLException {
    if (knownLogs.contains(log)) {
      return;
    }
    try (Statement st = c.createStatement()) {
      st.execute(dialect.createLikeSql(log, like));
    }
    knownLogs.add(log);
  }

  /**
   * Moves one row from {@code table} to {@code log} (same columns, in the caller's transaction).
   *
   * @return true when the row was there and moved
   */
  public static boolean moveRow(
      Connection c, String table, String log, String keyColumn, Object key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO " + log + " SELECT * FROM " + table + " WHERE " + keyColumn + " = ?")) {
      ps.setObject(1, key);
      if (ps.executeUpdate() == 0) {
        return false;
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM " + table + " WHERE " + keyColumn + " = ?")) {
      ps.setObject(1, key);
      ps.executeUpdate();
    }
    return true;
  }
}
