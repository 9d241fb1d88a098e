package dev.ngsign.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A schema of its own on the local PostgreSQL or MariaDB, dropped by {@link #close()}, so that ITs
 * never see each other's rows. The servers are the developer's and CI's: PostgreSQL at
 * 127.0.0.1:5432 (user {@code postgres}, trust authentication, database {@code test}) and MariaDB
 * at 127.0.0.1:3306 (user {@code root}, empty password, database {@code test}); {@code
 * -Dngsign.it.postgresql.url=…} and {@code -Dngsign.it.mariadb.url=…} point elsewhere.
 *
 * <p>When the server cannot be reached the calling test is <em>skipped</em> (a JUnit assumption)
 * with a message saying which server, where, and how to start it, instead of failing with a
 * connection error. A build that must not skip (CI) sets {@code -Dngsign.it.databases=required}:
 * then an absent server fails the test with the same message.
 */
public final class TestDatabase implements AutoCloseable {
  /** The two servers the ITs run against. */
  public enum Server {
    POSTGRESQL(
        "PostgreSQL",
        "jdbc:postgresql://127.0.0.1:5432/test",
        "postgres",
        "sudo service postgresql start (trust authentication for 127.0.0.1, a database named test)"),
    MARIADB(
        "MariaDB",
        "jdbc:mariadb://127.0.0.1:3306/test",
        "root",
        "sudo service mariadb start (root without a password, a database named test)");

    private final String displayName;
    private final String defaultUrl;
    private final String user;
    private final String howToStart;

    Server(String displayName, String defaultUrl, String user, String howToStart) {
      this.displayName = displayName;
      this.defaultUrl = defaultUrl;
      this.user = user;
      this.howToStart = howToStart;
    }

    /** JDBC URL of the administrative database ({@code test}). */
    public String adminUrl() {
      return System.getProperty(
          "ngsign.it." + name().toLowerCase(Locale.ROOT) + ".url", defaultUrl);
    }

    public String user() {
      return user;
    }
  }

  /** The system property that turns a skip into a failure. */
  public static final String REQUIRED_PROPERTY = "ngsign.it.databases";

  private final Server server;
  private final String name;
  private final String url;

  private TestDatabase(Server server, String prefix) {
    this.server = server;
    this.name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    if (server == Server.POSTGRESQL) {
      admin(server, "CREATE SCHEMA " + name);
      this.url =
          server.adminUrl()
              + (server.adminUrl().contains("?") ? "&" : "?")
              + "currentSchema="
              + name;
    } else {
      admin(server, "CREATE DATABASE " + name);
      String admin = server.adminUrl();
      int slash = admin.indexOf('/', "jdbc:mariadb://".length());
      this.url = admin.substring(0, slash + 1) + name;
    }
  }

  /**
   * A new schema (PostgreSQL) or database (MariaDB) named {@code prefix} + 12 random hex digits.
   *
   * @throws org.opentest4j.TestAbortedException when the server is unreachable (the test is
   *     skipped), unless {@code -Dngsign.it.databases=required}, when it is an {@link
   *     IllegalStateException}
   */
  public static TestDatabase create(Server server, String prefix) {
    requireReachable(server);
    return new TestDatabase(server, prefix);
  }

  /**
   * Skips the calling test (or fails it, when required) unless the server answers; call it from
   * {@code @BeforeAll} of an IT that reaches the server some other way.
   */
  public static void requireReachable(Server server) {
    try (Connection c = DriverManager.getConnection(server.adminUrl(), server.user(), "")) {
      c.isValid(5);
    } catch (SQLException e) {
      String why =
          server.displayName
              + " is not reachable at "
              + server.adminUrl()
              + " as "
              + server.user
              + " ("
              + e.getMessage()
              + "). Start it: "
              + server.howToStart
              + ". Tests that need it are skipped;"
              + " -D"
              + REQUIRED_PROPERTY
              + "=required makes this a failure.";
      if ("required".equals(System.getProperty(REQUIRED_PROPERTY))) {
        throw new IllegalStateException(why, e);
      }
      Assumptions.abort(why);
    }
  }

  public Server server() {
    return server;
  }

  /** The schema's (database's) name. */
  public String name() {
    return name;
  }

  /** JDBC URL whose default schema (database) is this one. */
  public String url() {
    return url;
  }

  public String user() {
    return server.user();
  }

  /** Always empty: the local servers trust 127.0.0.1. */
  public String password() {
    return "";
  }

  /** A new connection to this schema. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user(), password());
  }

  /** Drops the schema (database) and everything in it. */
  @Override
  public void close() {
    admin(
        server,
        server == Server.POSTGRESQL
            ? "DROP SCHEMA IF EXISTS " + name + " CASCADE"
            : "DROP DATABASE IF EXISTS " + name);
  }

  private static void admin(Server server, String sql) {
    try (Connection c = DriverManager.getConnection(server.adminUrl(), server.user(), "");
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
