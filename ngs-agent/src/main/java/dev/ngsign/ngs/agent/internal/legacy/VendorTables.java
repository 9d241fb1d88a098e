package dev.ngsign.ngs.agent.internal.legacy;

import dev.ngsign.ngs.agent.AgentException;
import dev.ngsign.ngs.agent.internal.schema.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The vendor's own tables: whether they exist, and creating the missing ones with the vendor's DDL
 * ({@code init-db --create-vendor-tables}). Existing tables are never touched.
 */
public final class VendorTables {
  private static final Pattern CREATE_TABLE = Pattern.compile("^CREATE TABLE (\\w+)");
  private static final Pattern CREATE_INDEX = Pattern.compile("^CREATE INDEX \\w+ ON (\\w+)");

  private VendorTables() {}

  /** The send tables of the layout that do not exist. */
  public static List<String> missing(DataSource ds, LegacyLayout layout, LayoutTables t) {
    List<String> out = new ArrayList<>();
    try (Connection c = ds.getConnection()) {
      for (String stmt : layout.vendorDdl(Dialect.H2, t)) {
        Matcher m = CREATE_TABLE.matcher(stmt);
        if (m.find() && !exists(c, m.group(1))) {
          out.add(m.group(1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new AgentException(
          "checking the " + layout.name() + " tables failed: " + e.getMessage(), e);
    }
  }

  /**
   * Creates the layout's tables that are missing (with their indexes), in the vendor's DDL.
   *
   * @return the tables created
   */
  public static List<String> createMissing(
      DataSource ds, Dialect dialect, LegacyLayout layout, LayoutTables t) {
    List<String> created = new ArrayList<>();
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      for (String stmt : layout.vendorDdl(dialect, t)) {
        Matcher table = CREATE_TABLE.matcher(stmt);
        Matcher index = CREATE_INDEX.matcher(stmt);
        if (table.find()) {
          if (exists(c, table.group(1))) {
            continue;
          }
          st.execute(stmt);
          created.add(table.group(1));
        } else if (index.find()) {
          if (created.contains(index.group(1))) {
            st.execute(
                stmt); // only on a table made just now: the customer's tables stay as they are
          }
        } else {
          throw new IllegalStateException("not a CREATE TABLE/INDEX: " + stmt);
        }
      }
      return created;
    } catch (SQLException e) {
      throw new AgentException(
          "creating the " + layout.name() + " tables failed: " + e.getMessage(), e);
    }
  }

  /** Whether {@code table} can be read (as the agent will name it in its statements). */
  public static boolean exists(Connection c, String table) {
    boolean auto = true;
    try (Statement st = c.createStatement()) {
      auto = c.getAutoCommit();
      st.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
      return true;
    } catch (SQLException e) {
      if (!auto) {
        try {
          c.rollback(); // PostgreSQL aborts the transaction on an error
        } catch (SQLException ignored) {
          // the caller's connection is unusable anyway
        }
      }
      return false;
    }
  }
}
