package dev.ngsign.ngs.agent.internal.schema;

import dev.ngsign.ngs.agent.ConfigException;

/**
 * What differs between the three supported databases. All of them have row locks with {@code FOR
 * UPDATE SKIP LOCKED}: PostgreSQL since 9.5, MariaDB since 10.6 (InnoDB), H2 since 2.0 (MVStore;
 * the test suite proves it with two transactions).
 */
public enum Dialect {
  H2("h2"),
  POSTGRESQL("postgresql"),
  MARIADB("mariadb");

  private final String folder;

  Dialect(String folder) {
    this.folder = folder;
  }

  /** The Flyway location of this vendor's migrations. */
  public String migrations() {
    return "classpath:db/agent/" + folder;
  }

  /** The Flyway location of the side tables for other vendors' layouts (docs/legacy-tables.md). */
  public String legacyMigrations() {
    return "classpath:db/legacy/" + folder;
  }

  /** The dialect for a JDBC URL. */
  public static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      return H2;
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    if (jdbcUrl.startsWith("jdbc:mariadb:") || jdbcUrl.startsWith("jdbc:mysql:")) {
      return MARIADB;
    }
    throw new ConfigException(
        "database.url: '" + jdbcUrl + "' is not an H2, PostgreSQL or MariaDB/MySQL JDBC URL");
  }

  /**
   * True when the claim must pick IDs first and lock them in a second statement: H2 applies {@code
   * LIMIT} after locking every matching row ({@code FOR UPDATE} makes it scan them all), which
   * would turn each claim into a lock on the whole queue.
   */
  public boolean pickThenLock() {
    return this == H2;
  }

  /** {@code SELECT ... <this>}: a row lock that skips rows other transactions hold. */
  public String limitForUpdateSkipLocked() {
    return " LIMIT ? FOR UPDATE SKIP LOCKED";
  }

  /** How this database applies a batch of REPORTs. */
  public ReportWriter reportWriter() {
    return switch (this) {
      case POSTGRESQL -> new ReportWriter.Postgres();
      case MARIADB -> new ReportWriter.MariaDb();
      case H2 -> new ReportWriter.Batched();
    };
  }

  /** {@code CREATE TABLE IF NOT EXISTS log} with the send table's columns and no rows. */
  public String createLikeSql(String logTable, String sendTable) {
    return switch (this) {
      case H2 ->
          "CREATE TABLE IF NOT EXISTS "
              + logTable
              + " AS SELECT * FROM "
              + sendTable
              + " WITH NO DATA";
      case POSTGRESQL ->
          "CREATE TABLE IF NOT EXISTS " + logTable + " (LIKE " + sendTable + " INCLUDING DEFAULTS)";
      case MARIADB -> "CREATE TABLE IF NOT EXISTS " + logTable + " LIKE " + sendTable;
    };
  }

  /**
   * The indexes a log table gets besides what {@link #createLikeSql} copies, each {@code IF NOT
   * EXISTS}: ID (the console pages by it), SERIAL and (DEST_ADDR, ID) (the console's searches).
   * MariaDB's {@code LIKE} copies the send table's indexes, so only the recipient one is added
   * there. None is unique: a send table recreated or restored hands out its IDs again.
   */
  public java.util.List<String> logIndexSql(String logTable) {
    String dest =
        "CREATE INDEX IF NOT EXISTS " + logTable + "_IX_DEST ON " + logTable + " (DEST_ADDR, ID)";
    if (this == MARIADB) {
      return java.util.List.of(dest);
    }
    return java.util.List.of(
        "CREATE INDEX IF NOT EXISTS " + logTable + "_IX_ID ON " + logTable + " (ID)",
        "CREATE INDEX IF NOT EXISTS " + logTable + "_IX_SERIAL ON " + logTable + " (SERIAL)",
        dest);
  }
}
