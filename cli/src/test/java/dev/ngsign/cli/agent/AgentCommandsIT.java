package dev.ngsign.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ngsign demo}, {@code ngsign agent init-db}, {@code ngsign agent} with a bad file, {@code
 * ngsign bench-agent}.
 */
class AgentCommandsIT {
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

  @Test
  void demoSendsEveryTypeAndPrintsTheFinalTable() {
    Run r = run("demo", "--data-dir", dir.toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("every row reached a final state")
        .contains("./ngsign agent init-config --db postgresql > agent.yml")
        .contains("AlimTalk, Kakao fails -> SMS")
        .contains("K2103,TS")
        .contains("FriendTalk, Kakao fails")
        .contains("4005")
        .contains("SMS to a dead number")
        .contains("4001")
        .contains("REJECTED")
        .contains("9002")
        .contains("FriendTalk wide")
        .contains("Intl MMS");
    assertThat(r.out().lines().filter(l -> l.matches("^\\d+\\s+.*\\sDONE\\s.*")).count())
        .isEqualTo(13);
    assertThat(dir.resolve("ngsign-demo.mv.db")).exists();
    Run again = run("demo", "--data-dir", dir.toString());
    assertThat(again.exit()).isZero();
  }

  @Test
  void initDbCreatesThenFindsTheSchemaUpToDate() throws Exception {
    Path cfg = dir.resolve("agent.yml");
    Files.writeString(
        cfg, "database:\n  url: jdbc:h2:file:" + dir.resolve("db") + "\n  table-prefix: CLI_\n");
    Run first = run("agent", "init-db", "--config", cfg.toString());
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("4 migration(s) applied")
        .contains("CLI_MSG")
        .contains("CLI_META")
        .contains("CLI_AUDIT")
        .contains("CLI_PAUSE");
    Run second = run("agent", "init-db", "--config", cfg.toString());
    assertThat(second.out()).contains("0 migration(s) applied");
  }

  @Test
  void aBadConfigurationExitsWith2AndNamesTheKey() throws Exception {
    Path cfg = dir.resolve("agent.yml");
    Files.writeString(cfg, "polling:\n  intervall: 1s\n");
    Run r = run("agent", "--config", cfg.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("intervall");
    Files.writeString(
        cfg,
        "database: {url: \"jdbc:h2:mem:cli_env\"}\naccounts:\n  - {id: a, cert-port: 1, password-env: NGSIGN_TEST_UNSET_VAR}\n");
    Run noVar = run("agent", "--config", cfg.toString());
    assertThat(noVar.exit()).isEqualTo(2);
    assertThat(noVar.err()).contains("NGSIGN_TEST_UNSET_VAR");
    Run missing = run("agent", "--config", dir.resolve("nope.yml").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("does not exist");
  }

  @Test
  void benchAgentEndsWithMessagesPerSecond() {
    Run r = run("bench-agent", "--db", "h2", "--messages", "500", "--max-seconds", "60");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out().strip().lines().reduce((a, b) -> b).orElse("")).matches("\\d+ msg/s");
    assertThat(r.out())
        .contains("1000 accepted, 0 duplicates") // as many warm-up rows first
        .contains("warm-up  : 500 rows sent, reported and then deleted")
        .contains("latency DELIVER->REPORT stored: p50 ")
        .contains("(n=500)");
  }

  /**
   * The warm-up's rows go before the measured run: PostgreSQL truncates the send table, MariaDB
   * deletes (its IDs, from which SERIALs are made, must go on counting: a SERIAL sent again would
   * be refused as a duplicate, and the run would never end).
   */
  @ParameterizedTest
  @ValueSource(strings = {"postgresql", "mariadb"})
  void benchAgentMeasuresOnATableEmptiedOfTheWarmUp(String db) {
    Run r =
        run(
            "bench-agent",
            "--db",
            db,
            "--messages",
            "300",
            "--warmup",
            "200",
            "--max-seconds",
            "60");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("warm-up  : 200 rows sent, reported and then deleted")
        .contains("the table holds 300 DONE rows") // the measured ones only
        .contains("500 accepted, 0 duplicates")
        .contains("(n=300)");
    assertThat(r.out().strip().lines().reduce((a, b) -> b).orElse("")).matches("\\d+ msg/s");
  }

  @Test
  void benchAgentPacedReportsPerRowInsertLatencies() {
    Run r =
        run(
            "bench-agent",
            "--db",
            "h2",
            "--rate",
            "200",
            "--messages",
            "200",
            "--warmup",
            "20",
            "--max-seconds",
            "60");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("paced at 200 rows/s")
        .contains("220 accepted, 0 duplicates")
        .contains("latency INSERT statement (producer, autocommit): p50 ")
        .contains("latency INSERT committed->DELIVER written: p50 ")
        .contains("latency INSERT committed->ACK written: p50 ")
        .contains("latency INSERT committed->REPORT written: p50 ");
    // every measured row passed every milestone
    assertThat(r.out().lines().filter(l -> l.startsWith("latency INSERT")).toList())
        .hasSize(4)
        .allMatch(l -> l.endsWith("(n=200)"), "n=200");
    assertThat(r.out().strip().lines().reduce((a, b) -> b).orElse("")).matches("\\d+ msg/s");
  }

  @Test
  void benchAgentRefusesANegativeRate() {
    Run r = run("bench-agent", "--db", "h2", "--rate", "-5");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--rate").contains("-5");
  }
}
