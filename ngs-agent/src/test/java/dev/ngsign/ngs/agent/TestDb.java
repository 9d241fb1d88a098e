package dev.ngsign.ngs.agent;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ngsign.ngs.agent.internal.schema.Dialect;
import dev.ngsign.ngs.agent.internal.sender.NgsClientGateway;
import dev.ngsign.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A schema of its own on one of the three databases, dropped by {@link #close()}: H2 in memory, the
 * local PostgreSQL (127.0.0.1:5432, user postgres, database test) or MariaDB (127.0.0.1:3306,
 * root).
 */
public final class TestDb implements AutoCloseable {
  public static final String PG_ADMIN = "jdbc:postgresql://127.0.0.1:5432/test";
  public static final String MARIADB_ADMIN = "jdbc:mariadb://127.0.0.1:3306/test";

  public final Dialect dialect;
  public final String name;
  public final String url;
  public final String user;
  public final HikariDataSource ds;

  /**
   * The PostgreSQL schema or MariaDB database (null for H2): skips the test when the server is
   * absent.
   */
  private final TestDatabase server;

  /** The zone the pool's sessions write local time in (LOCALTIMESTAMP, NOW(), column defaults). */
  public final ZoneId sessionZone;

  private TestDb(Dialect dialect, ZoneId sessionZone) {
    this.sessionZone = sessionZone;
    this.dialect = dialect;
    switch (dialect) {
      case H2 -> {
        server = null;
        name = "agent_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
        user = "sa";
      }
      default -> {
        server =
            TestDatabase.create(
                dialect == Dialect.POSTGRESQL
                    ? TestDatabase.Server.POSTGRESQL
                    : TestDatabase.Server.MARIADB,
                "agent_it_");
        name = server.name();
        user = server.user();
        if (dialect == Dialect.MARIADB) {
          // MariaDB sessions take the server's zone; the URL sets them (see docs/agent.md, "Time")
          String offset =
              sessionZone
                  .getRules()
                  .getOffset(java.time.Instant.now())
                  .getId()
                  .replace("Z", "+00:00");
          url =
              server.url()
                  + (server.url().contains("?") ? "&" : "?")
                  + "sessionVariables=time_zone='"
                  + offset
                  + "'";
        } else {
          url = server.url();
        }
      }
    }
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(url);
    hc.setUsername(user);
    hc.setPassword("");
    hc.setMaximumPoolSize(10);
    hc.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    hc.setPoolName(name);
    if (dialect != Dialect.MARIADB) {
      // PostgreSQL's driver would send the JVM's zone, H2 would use it: the session command wins
      // over both
      hc.setConnectionInitSql("SET TIME ZONE '" + sessionZone.getId() + "'");
    }
    ds = new HikariDataSource(hc);
  }

  /** Sessions in Korean time, the agent's default zone. */
  public static TestDb create(Dialect d) {
    return new TestDb(d, ZoneId.of("Asia/Seoul"));
  }

  /** Sessions writing local time in {@code sessionZone}. */
  public static TestDb create(Dialect d, ZoneId sessionZone) {
    return new TestDb(d, sessionZone);
  }

  /** The database section of an agent configuration pointing here. */
  /**
   * An agent on this database that migrates its tables, on the system clock, with logins paced for
   * tests (10 ms between certifications, reconnects from 200 ms, instead of production's seconds);
   * the caller may change any of it before {@code build()}.
   */
  public Agent.Builder agent(AgentConfig cfg) {
    return Agent.builder(cfg)
        .dataSource(ds, url)
        .clock(Clock.systemUTC())
        .migrate(true)
        .tuning(fastLogin(NgsClientGateway.Tuning.defaults()));
  }

  /** {@code tuning} with the test's login pacing (see {@link #agent}). */
  public static NgsClientGateway.Tuning fastLogin(NgsClientGateway.Tuning tuning) {
    return tuning.withLoginPacing(Duration.ofMillis(10), Duration.ofMillis(200));
  }

  public AgentConfig.Database config(String prefix) {
    return new AgentConfig.Database(url, user, "", null, prefix, null, 6);
  }

  public int update(String sql, Object... args) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** Inserts a row (column names as keys) and returns its generated ID. */
  public long insert(String table, Map<String, ?> cols) {
    List<String> names = new ArrayList<>(cols.keySet());
    String sql =
        "INSERT INTO "
            + table
            + " ("
            + String.join(", ", names)
            + ") VALUES ("
            + String.join(", ", names.stream().map(n -> "?").toList())
            + ")";
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql, java.sql.Statement.RETURN_GENERATED_KEYS)) {
      int i = 1;
      for (String n : names) {
        ps.setObject(i++, cols.get(n));
      }
      ps.executeUpdate();
      try (ResultSet rs = ps.getGeneratedKeys()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** Rows as maps with upper-case column names. */
  public List<Map<String, Object>> query(String sql, Object... args) {
    List<Map<String, Object>> out = new ArrayList<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= n; i++) {
            // TIMESTAMP as LocalDateTime, as the agent reads it: a java.sql.Timestamp would pass
            // through the
            // JVM's zone (and on H2 the session's), which is no part of what the row holds
            Object v =
                rs.getMetaData().getColumnType(i) == java.sql.Types.TIMESTAMP
                    ? rs.getObject(i, java.time.LocalDateTime.class)
                    : rs.getObject(i);
            row.put(rs.getMetaData().getColumnLabel(i).toUpperCase(Locale.ROOT), v);
          }
          out.add(row);
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  public long count(String sql, Object... args) {
    return ((Number) query(sql, args).get(0).values().iterator().next()).longValue();
  }

  @Override
  public void close() {
    ds.close();
    switch (dialect) {
      case H2 -> {
        try (Connection c = DriverManager.getConnection(url, user, "");
            Statement st = c.createStatement()) {
          st.execute("SHUTDOWN");
        } catch (SQLException ignored) {
          // already gone
        }
      }
      default -> server.close();
    }
  }
}
