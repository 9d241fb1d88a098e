package dev.ngsign.ngs.agent.internal.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ngsign.ngs.agent.AgentConfig;
import java.time.ZoneId;
import java.util.Map;

/** Builds the HikariCP pool for the configured database. */
public final class Pools {
  private Pools() {}

  /**
   * @param zone the agent's {@code zone}: embedded H2 sessions are set to it (H2 lives in the
   *     agent's JVM, whose default zone is no statement about the tables); PostgreSQL and MariaDB
   *     sessions are left as the driver and server make them, so that the start-up zone check sees
   *     what other clients see
   */
  public static HikariDataSource create(
      AgentConfig.Database db, Map<String, String> env, String poolName, ZoneId zone) {
    HikariConfig hc = new HikariConfig();
    hc.setPoolName(poolName);
    hc.setJdbcUrl(db.url());
    hc.setUsername(db.user());
    hc.setPassword(db.resolvePassword(env));
    hc.setMaximumPoolSize(db.poolSize());
    hc.setMinimumIdle(Math.min(2, db.poolSize()));
    hc.setAutoCommit(true);
    // READ COMMITTED everywhere: on MariaDB/InnoDB the default REPEATABLE READ keeps next-key locks
    // on
    // every scanned row and gap, which would block the application's INSERTs during a claim.
    hc.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    hc.setConnectionTimeout(10_000);
    if (db.url().startsWith("jdbc:h2:")) {
      hc.setConnectionInitSql("SET TIME ZONE '" + zone.getId().replace("'", "") + "'");
    }
    if (db.url().startsWith("jdbc:postgresql:")) {
      hc.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    return new HikariDataSource(hc);
  }
}
