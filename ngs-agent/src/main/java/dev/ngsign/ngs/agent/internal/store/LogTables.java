package dev.ngsign.ngs.agent.internal.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The monthly log tables, {@code <prefix>MSG_LOG_YYYYMM}: their names, their creation with the
 * indexes the console's search reads by, and the columns a given month's table has (a table made
 * under an older schema may lack columns added since).
 */
public final class LogTables {
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

  private final Tables t;

  /** Tables this process has created or completed with their indexes: the DDL runs once each. */
  private final Set<String> ensured = ConcurrentHashMap.newKeySet();

  public LogTables(Tables tables) {
    this.t = tables;
  }

  /** The log table name for a month {@code yyyyMM}. */
  public String name(String yyyyMM) {
    return t.prefix() + "MSG_LOG_" + yyyyMM;
  }

  /**
   * The month {@code yyyyMM} of a row last updated at {@code updatedAt} (in {@code zone}) as
   * counted in {@code monthZone}.
   */
  public static String month(LocalDateTime updatedAt, ZoneId zone, ZoneId monthZone) {
    return updatedAt.atZone(zone).withZoneSameInstant(monthZone).format(MONTH);
  }

  /**
   * Creates {@code log} with the send table's columns when it does not exist, and the indexes a
   * search by ID, SERIAL or recipient walks (once per table and process, again if the table was
   * dropped since); returns its columns as {@link #columns} does.
   */
  List<String> ensure(Connection c, String log) throws SQLException {
    Optional<List<String>> columns = ensured.contains(log) ? columns(c, log) : Optional.empty();
    if (columns.isPresent()) {
      return columns.get();
    }
    try (Statement st = c.createStatement()) {
      st.execute(t.dialect().createLikeSql(log, t.sendTable()));
      for (String index : t.dialect().logIndexSql(log)) {
        st.execute(index);
      }
    }
    ensured.add(log);
    return columns(c, log).orElseThrow(() -> new SQLException(log + " was not created"));
  }

  /**
   * The columns of {@code table}, upper case, in the table's order; empty when there is no such
   * table. Asked of the table itself ({@code SELECT * ... WHERE 1 = 0}), so the name resolves as in
   * every other statement, whatever case the database stores names in.
   */
  public static Optional<List<String>> columns(Connection c, String table) throws SQLException {
    boolean auto = c.getAutoCommit();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> names = new ArrayList<>(md.getColumnCount());
      for (int i = 1; i <= md.getColumnCount(); i++) {
        names.add(md.getColumnName(i).toUpperCase(Locale.ROOT));
      }
      return Optional.of(names);
    } catch (SQLException e) {
      if (!auto) {
        c.rollback(); // PostgreSQL aborts the transaction on an error
      }
      return Optional.empty();
    }
  }
}
