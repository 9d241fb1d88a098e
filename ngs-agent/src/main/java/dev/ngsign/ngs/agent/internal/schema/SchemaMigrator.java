package dev.ngsign.ngs.agent.internal.schema;

import dev.ngsign.ngs.agent.AgentException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Creates and upgrades the agent's tables with Flyway. The table prefix is the Flyway placeholder
 * {@code prefix}; the history table is {@code <prefix>SCHEMA_HISTORY}, so several agents with
 * different prefixes can share one schema. Existing tables from other software are left alone
 * (baseline-on-migrate).
 */
public final class SchemaMigrator {
  private SchemaMigrator() {}

  /** Applies pending migrations; returns how many ran. */
  public static int migrate(DataSource ds, Dialect dialect, String prefix) {
    try {
      MigrateResult r = flyway(ds, dialect, prefix).migrate();
      return r.migrationsExecuted;
    } catch (RuntimeException e) {
      throw new AgentException("schema migration failed: " + e.getMessage(), e);
    }
  }

  /** True when every migration is applied. */
  public static boolean upToDate(DataSource ds, Dialect dialect, String prefix) {
    return flyway(ds, dialect, prefix).info().pending().length == 0;
  }

  /**
   * Applies the side tables of another vendor's layout ({@code <prefix>LEGACY_ROW},
   * docs/legacy-tables.md), with their own history table {@code <prefix>LEGACY_HISTORY} so that an
   * agent on its own tables never gets them.
   */
  public static int migrateLegacy(DataSource ds, Dialect dialect, String prefix) {
    try {
      return legacy(ds, dialect, prefix).migrate().migrationsExecuted;
    } catch (RuntimeException e) {
      throw new AgentException("schema migration failed: " + e.getMessage(), e);
    }
  }

  /** True when every side-table migration of the legacy layouts is applied. */
  public static boolean legacyUpToDate(DataSource ds, Dialect dialect, String prefix) {
    return legacy(ds, dialect, prefix).info().pending().length == 0;
  }

  private static Flyway legacy(DataSource ds, Dialect dialect, String prefix) {
    return configure(ds, prefix)
        .locations(dialect.legacyMigrations())
        .table(prefix + "LEGACY_HISTORY")
        .load();
  }

  private static org.flywaydb.core.api.configuration.FluentConfiguration configure(
      DataSource ds, String prefix) {
    return Flyway.configure(SchemaMigrator.class.getClassLoader())
        .dataSource(ds)
        .placeholders(Map.of("prefix", prefix))
        .baselineOnMigrate(true)
        .baselineVersion("0");
  }

  private static Flyway flyway(DataSource ds, Dialect dialect, String prefix) {
    return Flyway.configure(SchemaMigrator.class.getClassLoader())
        .dataSource(ds)
        .locations(dialect.migrations())
        .placeholders(Map.of("prefix", prefix))
        .table(prefix + "SCHEMA_HISTORY")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load();
  }
}
