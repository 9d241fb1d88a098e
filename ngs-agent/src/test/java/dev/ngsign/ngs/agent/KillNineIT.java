package dev.ngsign.ngs.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ngsign.ngs.agent.demo.SampleMessages;
import dev.ngsign.ngs.agent.internal.schema.Dialect;
import dev.ngsign.ngs.gateway.NgsGateway;
import dev.ngsign.ngs.gateway.testing.ChildGateway;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * kill -9 (SIGKILL, no shutdown hook) of an agent process and of the gateway process in the middle
 * of a stream of messages; afterwards every row is final and the gateway accepted every SERIAL
 * exactly once.
 */
class KillNineIT {
  private static final int ROWS = 2000;

  /** The gateway's report delay in the mid-stream kill tests: rows stay SENT this long. */
  static final java.time.Duration REPORTS_HELD = java.time.Duration.ofSeconds(5);

  private final List<Process> children = new ArrayList<>();
  private final List<Agent> agents = new ArrayList<>();
  private TestDb db;
  private NgsGateway gateway;
  @org.junit.jupiter.api.io.TempDir Path tmp;

  @AfterEach
  void cleanUp() {
    for (Process p : children) {
      p.destroyForcibly();
    }
    for (Agent a : agents) {
      a.close();
    }
    if (gateway != null) {
      gateway.close();
    }
    if (db != null) {
      db.close();
    }
  }

  private Process spawn(Class<?> main, String... args) throws IOException {
    return spawn(children, main, args);
  }

  /**
   * Starts {@code main} in a JVM of its own (Korean default zone), waits for its "ready" line and
   * adds it to {@code children}.
   */
  static Process spawn(List<Process> children, Class<?> main, String... args) throws IOException {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Duser.timezone=Asia/Seoul",
                "-cp",
                cp,
                main.getName())); // PostgreSQL sessions take the JVM zone
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    children.add(p);
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = r.readLine()) != null && !line.startsWith("ready")) {
      // skip log lines on stdout
    }
    assertThat(line).as(main.getSimpleName() + " did not start").isNotNull();
    return p;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private void insertRows() {
    SendTable t = new SendTable(db.ds, "K_");
    for (int i = 0; i < ROWS; i++) {
      t.insert(SampleMessages.sms(String.format("0104000%04d", i), "kill test " + i).columns());
    }
  }

  private long count(String where) {
    return db.count("SELECT COUNT(*) FROM K_MSG WHERE " + where);
  }

  private void awaitAllFinal() {
    try {
      await()
          .atMost(90, TimeUnit.SECONDS)
          .until(() -> count("STATUS IN ('READY','SENDING','SENT')") == 0);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          "rows still open: "
              + db.query(
                  "SELECT STATUS, COUNT(*) AS N, MIN(ATTEMPTS) AS A0, MAX(ATTEMPTS) AS A1,"
                      + " MAX(RESULT_MSG) AS WHY FROM K_MSG GROUP BY STATUS"),
          e);
    }
  }

  private void assertEveryRowDoneAndEachSerialAcceptedOnce(NgsGateway gw) {
    assertThat(count("STATUS = 'DONE'")).isEqualTo(ROWS);
    for (Map<String, Object> r : db.query("SELECT SERIAL FROM K_MSG")) {
      assertThat(gw.messagesAccepted("testid", (String) r.get("SERIAL")))
          .as((String) r.get("SERIAL"))
          .isEqualTo(1);
    }
  }

  @Test
  void killingTheAgentMidStreamLosesNothingAndSendsNothingTwice() throws Exception {
    db = TestDb.create(Dialect.POSTGRESQL);
    // reports come 5 s after each DELIVER: the kill below, once a fifth of the rows is accepted,
    // finds rows still open however fast the victim sends (a fast agent used to finish all 2,000
    // before the kill)
    gateway = ChildGateway.builder(0, 0, 0, tmp.resolve("gw"), REPORTS_HELD).build();
    int certPort = gateway.start().certPort();
    Process first =
        spawn(ChildAgent.class, db.url, db.user, "K_", String.valueOf(certPort), "victim");
    insertRows();
    await()
        .atMost(30, TimeUnit.SECONDS)
        .until(() -> count("STATUS IN ('SENT','DONE')") >= ROWS / 5);
    first.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook, leases kept
    long open = count("STATUS IN ('READY','SENDING','SENT')");
    assertThat(open).as("killed mid-stream").isPositive();
    spawn(ChildAgent.class, db.url, db.user, "K_", String.valueOf(certPort), "survivor");
    awaitAllFinal();
    assertEveryRowDoneAndEachSerialAcceptedOnce(gateway);
    assertThat(count("FENCE = 2 OR FENCE = 1")).isEqualTo(ROWS);
  }

  @Test
  void killingTheGatewayMidStreamLosesNothingAndSendsNothingTwice() throws Exception {
    db = TestDb.create(Dialect.H2);
    Path dataDir = Files.createDirectories(tmp.resolve("gw"));
    int certPort = freePort();
    Process gw = spawn(ChildGateway.class, String.valueOf(certPort), dataDir.toString());
    // default expiry: no re-send of unreported rows, a 72 h report timeout. The gateway commits
    // before it
    // acknowledges, so every acknowledged message must come back with its report after the restart.
    AgentConfig cfg = ChildAgent.config(db.url, db.user, "K_", certPort, "n1");
    agents.add(db.agent(cfg).build().start());
    insertRows();
    await().atMost(30, TimeUnit.SECONDS).until(() -> count("STATUS = 'DONE'") >= ROWS / 5);
    gw.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    assertThat(count("STATUS IN ('READY','SENDING','SENT')")).as("killed mid-stream").isPositive();
    Process again = spawn(ChildGateway.class, String.valueOf(certPort), dataDir.toString());
    awaitAllFinal();
    agents.get(0).close();
    agents.clear();
    again.destroy(); // SIGTERM: the gateway flushes its store before the parent reads it
    assertThat(again.waitFor(30, TimeUnit.SECONDS)).isTrue();
    gateway = ChildGateway.build(0, dataDir); // the same store, read in this JVM
    gateway.start();
    assertEveryRowDoneAndEachSerialAcceptedOnce(gateway);
  }
}
