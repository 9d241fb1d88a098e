package dev.ngsign.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.cli.Main;
import dev.ngsign.ngs.agent.AgentConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The first steps with the agent on the machine's real PostgreSQL and MariaDB: {@code agent
 * init-config}, then {@code agent init-db} with and without {@code --create-schema}, and what a
 * person sees when the database cannot be used (one or two lines, exit status 1, the stack trace
 * only with --verbose).
 */
class AgentSetupIT {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @ParameterizedTest
  @EnumSource(InitConfigCommand.Db.class)
  void initConfigWritesAValidConfigurationWithSafeDefaults(InitConfigCommand.Db db) {
    Run r = run("agent", "init-config", "--db", db.name().toLowerCase());
    assertThat(r.exit()).as(r.err()).isZero();
    AgentConfig cfg = AgentConfig.parse(r.out());
    assertThat(cfg.database().url())
        .startsWith(
            db == InitConfigCommand.Db.POSTGRESQL
                ? "jdbc:postgresql:"
                : db == InitConfigCommand.Db.MARIADB ? "jdbc:mariadb:" : "jdbc:h2:");
    assertThat(cfg.logTable().mode()).isEqualToIgnoringCase("none");
    assertThat(cfg.accounts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.password()).isNull();
              assertThat(a.passwordEnv()).isEqualTo("NGS_PASSWORD");
            });
    assertThat(cfg.database().password()).isNull(); // never a password in the file
    if (db != InitConfigCommand.Db.H2) {
      assertThat(cfg.database().passwordEnv()).isEqualTo("NGSIGN_DB_PASSWORD");
    }
  }

  @Test
  void theExampleInTheDocsIsWhatInitConfigWrites() throws Exception {
    Run r = run("agent", "init-config", "--db", "postgresql");
    // the generated zone is the machine's; the example shows Asia/Seoul, a Korean server's
    String machineZone = "zone: " + java.time.ZoneId.systemDefault().getId() + " ";
    assertThat(Files.readString(Path.of("../docs/agent.example.yml")))
        .isEqualTo(r.out().replace(machineZone, "zone: Asia/Seoul "));
  }

  @Test
  void initDbOnPostgresqlCreatesAMissingSchemaOnlyWhenAsked() throws Exception {
    String schema = "first_hour_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    Path cfg =
        config(
            "postgresql",
            "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema,
            "postgres");
    try {
      Run refused = run("agent", "init-db", "--config", cfg.toString());
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.err())
          .contains("schema '" + schema + "' does not exist")
          .contains("--create-schema")
          .doesNotContain("\tat ");
      assertThat(refused.err().lines()).hasSizeBetween(1, 2);

      Run created = run("agent", "init-db", "--config", cfg.toString(), "--create-schema");
      assertThat(created.exit()).as(created.err()).isZero();
      assertThat(created.out())
          .contains("created schema " + schema)
          .contains("migration(s) applied")
          .contains("NGS_MSG");

      Run again = run("agent", "init-db", "--config", cfg.toString());
      assertThat(again.exit()).as(again.err()).isZero();
      assertThat(again.out()).contains("0 migration(s) applied").doesNotContain("created");
    } finally {
      admin(
          "jdbc:postgresql://127.0.0.1:5432/test",
          "postgres",
          "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  @Test
  void initDbOnMariadbCreatesAMissingDatabaseOnlyWhenAsked() throws Exception {
    String database = "first_hour_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    Path cfg = config("mariadb", "jdbc:mariadb://127.0.0.1:3306/" + database, "root");
    try {
      Run refused = run("agent", "init-db", "--config", cfg.toString());
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.err())
          .contains("database '" + database + "' does not exist")
          .contains("--create-schema");
      assertThat(refused.err().lines()).hasSizeBetween(1, 2);

      Run created = run("agent", "init-db", "--config", cfg.toString(), "--create-schema");
      assertThat(created.exit()).as(created.err()).isZero();
      assertThat(created.out()).contains("created schema " + database).contains("NGS_MSG");
    } finally {
      admin("jdbc:mariadb://127.0.0.1:3306/test", "root", "DROP DATABASE IF EXISTS " + database);
    }
  }

  @Test
  void aRefusedConnectionIsTwoLinesNamingTheUrl() throws Exception {
    int closed = closedPort();
    String url = "jdbc:postgresql://127.0.0.1:" + closed + "/postgres";
    for (String command : new String[] {"init-db", null}) {
      Path cfg = config("postgresql", url, "postgres");
      Run r =
          command == null
              ? run("agent", "--config", cfg.toString())
              : run("agent", command, "--config", cfg.toString());
      assertThat(r.exit()).isEqualTo(1);
      assertThat(r.err())
          .contains("cannot connect to the database (database " + url + " as postgres)")
          .contains("check that the database server runs")
          .doesNotContain("\tat ")
          .doesNotContain("Exception:");
      assertThat(r.err().lines().filter(l -> l.startsWith("ngsign agent"))).hasSize(2);
    }
  }

  @Test
  void badCredentialsSayWhatToCheck() throws Exception {
    Run pg =
        run(
            "agent",
            "init-db",
            "--config",
            config("postgresql", "jdbc:postgresql://127.0.0.1:5432/test", "no_such_role")
                .toString());
    assertThat(pg.exit()).isEqualTo(1);
    assertThat(pg.err())
        .contains("the database refused the login")
        .contains("no_such_role")
        .contains("check database.user");
    assertThat(pg.err().lines()).hasSize(2);

    Path maria = dir.resolve("maria.yml");
    Files.writeString(
        maria,
        "database:\n  url: jdbc:mariadb://127.0.0.1:3306/test\n  user: root\n  password: wrong-password\n");
    Run m = run("agent", "init-db", "--config", maria.toString());
    assertThat(m.exit()).isEqualTo(1);
    assertThat(m.err())
        .contains("the database refused the login")
        .contains("Access denied")
        .doesNotContain("wrong-password");
    assertThat(m.err().lines()).hasSize(2);
  }

  @Test
  void anUnknownDatabaseIsNamed() throws Exception {
    Run r =
        run(
            "agent",
            "init-db",
            "--config",
            config("postgresql", "jdbc:postgresql://127.0.0.1:5432/no_such_db", "postgres")
                .toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .contains("the database does not exist")
        .contains("no_such_db")
        .contains("check the database name");
    assertThat(r.err().lines()).hasSize(2);
  }

  @Test
  void aWrongJdbcUrlIsNamed() throws Exception {
    Run malformed =
        run(
            "agent",
            "init-db",
            "--config",
            config("postgresql", "jdbc:postgresql://127.0.0.1:5432:postgres", "postgres")
                .toString());
    assertThat(malformed.exit()).isEqualTo(1);
    assertThat(malformed.err())
        .contains("not one the H2, PostgreSQL or MariaDB driver accepts")
        .contains("check database.url");
    assertThat(malformed.err().lines()).hasSize(2);

    Run foreign =
        run(
            "agent",
            "init-db",
            "--config",
            config("postgresql", "jdbc:oracle:thin:@db:1521:x", "scott").toString());
    assertThat(foreign.exit()).isEqualTo(2);
    assertThat(foreign.err())
        .contains("jdbc:oracle:thin")
        .contains("not an H2, PostgreSQL or MariaDB/MySQL JDBC URL");
    assertThat(foreign.err().lines()).hasSize(1);
  }

  @Test
  void verboseAddsTheStackTrace() throws Exception {
    Path cfg =
        config(
            "postgresql", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/postgres", "postgres");
    Run r = run("--verbose", "agent", "init-db", "--config", cfg.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("cannot connect to the database").contains("\tat ");
  }

  /**
   * The generated configuration for {@code db} with another URL and user, and the password given in
   * the file.
   */
  private Path config(String db, String url, String user) throws Exception {
    String yml =
        InitConfigCommand.render(InitConfigCommand.Db.valueOf(db.toUpperCase()), url, user)
            .replaceAll("(?m)^  password-env: NGSIGN_DB_PASSWORD.*\\R.*\\R", "  password: \"\"\n")
            .replaceAll("(?m)^    password-env: NGS_PASSWORD.*$", "    password: testpw");
    Path p = Files.createTempFile(dir, "agent", ".yml");
    Files.writeString(p, yml);
    return p;
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void admin(String url, String user, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url, user, "");
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
