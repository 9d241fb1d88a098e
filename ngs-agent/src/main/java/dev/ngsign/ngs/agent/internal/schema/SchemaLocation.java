package dev.ngsign.ngs.agent.internal.schema;

import dev.ngsign.ngs.agent.AgentException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the agent's tables go, and whether it exists: on PostgreSQL the first schema of the URL's
 * {@code currentSchema} (default {@code public}), on MariaDB the database named in the URL. {@code
 * init-db} creates a missing one only when asked ({@code --create-schema}): a typo in the URL must
 * not quietly make a new, empty schema next to the real one.
 */
public final class SchemaLocation {
  private static final Pattern PG_CURRENT_SCHEMA =
      Pattern.compile("[?&]currentSchema=([^&,]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern MARIADB_DATABASE =
      Pattern.compile("^(jdbc:(?:mariadb|mysql)://[^/?]*)/([^?;]*)(.*)$");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");

  /** MariaDB/MySQL: ER_BAD_DB_ERROR. */
  private static final int UNKNOWN_DATABASE = 1049;

  private SchemaLocation() {}

  /**
   * Makes sure the schema exists, creating it when {@code create} is true.
   *
   * @return the schema created, or null when it existed (or the database has no such notion: H2)
   * @throws AgentException naming the schema and the option when it does not exist and {@code
   *     create} is false; a failure to connect propagates as the driver's {@link SQLException}
   *     wrapped in an AgentException
   */
  public static String ensure(String url, String user, String password, boolean create) {
    Dialect d = Dialect.of(url);
    try {
      return switch (d) {
        case H2 -> null;
        case POSTGRESQL -> ensurePostgres(url, user, password, create);
        case MARIADB -> ensureMariaDb(url, user, password, create);
      };
    } catch (SQLException e) {
      throw new AgentException(e.getMessage(), e);
    }
  }

  private static String ensurePostgres(String url, String user, String password, boolean create)
      throws SQLException {
    Matcher m = PG_CURRENT_SCHEMA.matcher(url);
    // unquoted in search_path, so folded to lower case like every unquoted identifier
    String schema = checked(m.find() ? m.group(1) : "public").toLowerCase(java.util.Locale.ROOT);
    try (Connection c = DriverManager.getConnection(url, props(user, password));
        Statement st = c.createStatement()) {
      try (ResultSet rs =
          st.executeQuery("SELECT 1 FROM pg_namespace WHERE nspname = '" + schema + "'")) {
        if (rs.next()) {
          return null;
        }
      }
      if (!create) {
        throw missing("schema", schema, "PostgreSQL database " + c.getCatalog());
      }
      st.execute("CREATE SCHEMA " + schema);
      return schema;
    }
  }

  private static String ensureMariaDb(String url, String user, String password, boolean create)
      throws SQLException {
    Matcher m = MARIADB_DATABASE.matcher(url);
    if (!m.matches() || m.group(2).isEmpty()) {
      throw new AgentException(
          "database.url: "
              + url
              + " names no database; MariaDB keeps the agent's tables in the"
              + " database after the host and port, e.g. jdbc:mariadb://127.0.0.1:3306/ngsign");
    }
    String database = m.group(2);
    try (Connection c = DriverManager.getConnection(url, props(user, password))) {
      return null;
    } catch (SQLException e) {
      if (e.getErrorCode() != UNKNOWN_DATABASE) {
        throw e;
      }
    }
    if (!create) {
      throw missing(
          "database",
          database,
          "MariaDB server " + m.group(1).substring(m.group(1).indexOf("//") + 2));
    }
    try (Connection c =
            DriverManager.getConnection(m.group(1) + "/" + m.group(3), props(user, password));
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE DATABASE `"
              + checked(database)
              + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    }
    return database;
  }

  private static AgentException missing(String what, String name, String where) {
    return new AgentException(
        what
            + " '"
            + name
            + "' does not exist on the "
            + where
            + ": create it, or run"
            + " ngsign agent init-db with --create-schema to have it created (a typo in database.url would create a new,"
            + " empty one)");
  }

  private static String checked(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new AgentException(
          "database.url: schema name '" + name + "' must be letters, digits, _ or $ (at most 63)");
    }
    return name;
  }

  private static Properties props(String user, String password) {
    Properties p = new Properties();
    if (user != null && !user.isEmpty()) {
      p.setProperty("user", user);
    }
    if (password != null) {
      p.setProperty("password", password);
    }
    return p;
  }
}
