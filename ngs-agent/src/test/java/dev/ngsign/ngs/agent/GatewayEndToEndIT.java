package dev.ngsign.ngs.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ngsign.ngs.agent.demo.SampleMessages;
import dev.ngsign.ngs.agent.internal.schema.Dialect;
import dev.ngsign.ngs.agent.internal.sender.NgsClientGateway;
import dev.ngsign.ngs.agent.internal.store.SerialEpochs;
import dev.ngsign.ngs.gateway.Account;
import dev.ngsign.ngs.gateway.GatewayPorts;
import dev.ngsign.ngs.gateway.NgsGateway;
import dev.ngsign.ngs.gateway.TestNumbers;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import io.micrometer.core.instrument.Counter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rows → agent → ngs-client → the real gateway (in process, ephemeral ports) → ACK and REPORT back
 * in the rows.
 */
class GatewayEndToEndIT {
  private NgsGateway gateway;
  private GatewayPorts ports;
  private final List<Agent> agents = new ArrayList<>();
  private TestDb db;
  private ReportCommitGate gate;

  @BeforeEach
  void startGateway() {
    gateway =
        NgsGateway.builder()
            .account(Account.builder("testid", "secret").build())
            .reportDelay(Duration.ofMillis(50))
            .certInterval(Duration.ZERO)
            .lock(0, Duration.ofSeconds(1), Duration.ofSeconds(1))
            .build();
    ports = gateway.start();
  }

  @AfterEach
  void stop() {
    if (gate != null) {
      gate.release(); // a held write-back must not keep the agent's close waiting
    }
    for (Agent a : agents) {
      a.close();
    }
    gateway.close();
    if (db != null) {
      db.close();
    }
  }

  private AgentConfig config(String node) {
    AgentConfig.Account acc =
        new AgentConfig.Account(
            "main", "127.0.0.1", ports.certPort(), "testid", "secret", null, true, null, true, 0);
    return AgentConfig.defaults()
        .withNodeId(node)
        .withDatabase(db.config("E_"))
        .withAccounts(List.of(acc))
        .withPolling(
            new AgentConfig.Polling(Duration.ofMillis(20), 200, 1000, 1000, Duration.ofMillis(2)))
        .withLease(new AgentConfig.Lease(Duration.ofMillis(1500), Duration.ofMillis(250)))
        .withGuards(new AgentConfig.Guards(false, null, null, true, true))
        .withHttp(new AgentConfig.Http(0, null));
  }

  private Agent start(AgentConfig cfg) {
    Agent a = db.agent(cfg).build().start();
    agents.add(a);
    return a;
  }

  /** The agent on {@link #gate} in front of the test database, with the given client settings. */
  private Agent startGated(AgentConfig cfg, NgsClientGateway.Tuning tuning) {
    gate = new ReportCommitGate(db.ds);
    Agent a =
        Agent.builder(cfg)
            .dataSource(gate, db.url)
            .clock(Clock.systemUTC())
            .migrate(true)
            .tuning(TestDb.fastLogin(tuning))
            .build()
            .start();
    agents.add(a);
    return a;
  }

  /**
   * REPORTs the agent's report listener was handed (a report re-sent by the gateway counts again).
   */
  private static double reportsHandled(Agent a) {
    return a.meterRegistry().find("ngs.agent.reports").counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private String status(long id) {
    return (String) row(id).get("STATUS");
  }

  private long open() {
    return db.count("SELECT COUNT(*) FROM E_MSG WHERE STATUS IN ('READY','SENDING','SENT')");
  }

  private Map<String, Object> row(long id) {
    return db.query("SELECT * FROM E_MSG WHERE ID = ?", id).get(0);
  }

  @ParameterizedTest
  @EnumSource(
      value = Dialect.class,
      names = {"H2", "POSTGRESQL", "MARIADB"})
  void everyMessageTypeGoesThroughTheGatewayAndComesBackAsAReport(Dialect dialect) {
    db = TestDb.create(dialect);
    start(config("n1"));
    SendTable table = new SendTable(db.ds, "E_");
    Map<Long, String> labels = new HashMap<>();
    for (SampleMessages.Sample s : SampleMessages.everyType()) {
      labels.put(table.insert(s.columns(), s.images()), s.label());
    }
    long fallback = table.insert(SampleMessages.alimTalk(TestNumbers.kakaoFailure(2103)).columns());
    Map<String, Object> noFailover =
        new HashMap<>(SampleMessages.friendTalk(TestNumbers.kakaoFailure(3018)).columns());
    noFailover.put("KKO_FAILOVER", 0);
    noFailover.remove("FALLBACK_TEXT");
    long kakaoFails = table.insert(noFailover);
    long unknown = table.insert(SampleMessages.sms(TestNumbers.UNKNOWN_SUBSCRIBER, "결번").columns());
    long spam = table.insert(SampleMessages.sms(TestNumbers.SPAM_SUCCESS, "spam-ish").columns());

    await().atMost(30, TimeUnit.SECONDS).until(() -> open() == 0);
    for (long id : labels.keySet()) {
      Map<String, Object> r = row(id);
      assertThat(r.get("STATUS")).as(labels.get(id) + " " + r).isEqualTo("DONE");
      assertThat(((Number) r.get("ACK_CODE")).intValue()).isZero();
      assertThat(r.get("GW_SERIAL")).isNotNull();
      assertThat(r.get("TELCO")).isNotNull();
      assertThat(gateway.messagesAccepted("testid", (String) r.get("SERIAL"))).isEqualTo(1);
    }
    Map<String, Object> fb = row(fallback);
    assertThat(fb.get("STATUS")).as(fb.toString()).isEqualTo("DONE");
    assertThat(fb.get("KKO_ERROR")).isEqualTo("2103");
    assertThat(fb.get("FINAL_TYPE")).isNotNull();
    Map<String, Object> kf = row(kakaoFails);
    assertThat(kf.get("STATUS")).as(kf.toString()).isEqualTo("FAILED");
    assertThat(kf.get("KKO_ERROR")).isEqualTo("3018");
    assertThat(row(unknown).get("STATUS")).isEqualTo("FAILED");
    assertThat(((Number) row(unknown).get("RESULT_CODE")).intValue()).isEqualTo(4001);
    assertThat(row(spam).get("STATUS")).isEqualTo("DONE");
    assertThat(row(spam).get("SPAM_FLAG")).isEqualTo("Y");
    assertThat(gateway.duplicateCount()).isZero();
  }

  @ParameterizedTest
  @EnumSource(
      value = Dialect.class,
      names = {"H2", "POSTGRESQL"})
  void twoAgentsOnOneAccountBindOnceAndTheSurvivorTakesOver(Dialect dialect) {
    db = TestDb.create(dialect);
    Agent a = start(config("node-a"));
    Agent b = start(config("node-b"));
    SendTable table = new SendTable(db.ds, "E_");
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      ids.add(table.insert(SampleMessages.sms(String.format("0103000%04d", i), "m" + i).columns()));
    }
    await().atMost(30, TimeUnit.SECONDS).until(() -> open() == 0);
    assertThat(a.heldAccounts().size() + b.heldAccounts().size()).isEqualTo(1);
    assertThat(gateway.sessions().stream().filter(s -> s.kind() == SessionKind.DELIVER).count())
        .isEqualTo(1);
    Agent holder = a.heldAccounts().isEmpty() ? b : a;
    Agent other = holder == a ? b : a;
    for (int i = 300; i < 600; i++) {
      ids.add(table.insert(SampleMessages.sms(String.format("0103000%04d", i), "m" + i).columns()));
    }
    holder.abandon(); // dies mid-stream: no release, sessions gone
    await().atMost(30, TimeUnit.SECONDS).until(() -> other.heldAccounts().containsKey("main"));
    await().atMost(60, TimeUnit.SECONDS).until(() -> open() == 0);
    assertThat(db.count("SELECT COUNT(*) FROM E_MSG WHERE STATUS = 'DONE'")).isEqualTo(600);
    for (Map<String, Object> r : db.query("SELECT SERIAL FROM E_MSG")) {
      assertThat(gateway.messagesAccepted("testid", (String) r.get("SERIAL"))).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Dialect.class,
      names = {"H2", "POSTGRESQL", "MARIADB"})
  void aReportIsAcknowledgedOnlyAfterItsRowUpdateIsCommitted(Dialect dialect) {
    db = TestDb.create(dialect);
    // the report comes well after the ACK, so the ACK's write-back is its own transaction
    gateway.setReportDelay(Duration.ofMillis(300));
    Agent agent = startGated(config("n1"), NgsClientGateway.Tuning.defaults());
    gate.hold();
    long id =
        new SendTable(db.ds, "E_")
            .insert(SampleMessages.sms("01020005001", "commit first").columns());

    // the report reached the agent and its transaction waits in commit(): no REPORT_ACK, row not
    // updated
    await().atMost(30, TimeUnit.SECONDS).until(() -> gate.held() == 1);
    await()
        .during(1, TimeUnit.SECONDS)
        .atMost(5, TimeUnit.SECONDS)
        .until(
            () ->
                gateway.pendingReports("testid") == 1
                    && !"DONE".equals(status(id))
                    && gate.held() == 1);
    assertThat(gate.committed()).isZero();

    gate.release();
    await().atMost(15, TimeUnit.SECONDS).until(() -> gateway.pendingReports("testid") == 0);
    assertThat(gate.committed()).isEqualTo(1);
    assertThat(status(id)).isEqualTo("DONE");
    assertThat(reportsHandled(agent)).isEqualTo(1.0); // acknowledged the first time: not sent again
  }

  @ParameterizedTest
  @EnumSource(
      value = Dialect.class,
      names = {"H2", "POSTGRESQL", "MARIADB"})
  void aReportWhoseWriteFailsIsNotAcknowledgedAndComesBackOnTheNextReportSession(Dialect dialect) {
    db = TestDb.create(dialect);
    gateway.setReportDelay(Duration.ofMillis(300));
    Agent agent =
        startGated(
            config("n1"),
            NgsClientGateway.Tuning.defaults().withReportCommitTimeout(Duration.ofSeconds(1)));
    gate.fail();
    long id =
        new SendTable(db.ds, "E_")
            .insert(SampleMessages.sms("01020005002", "write fails").columns());

    // the database refuses the report's commit (the write-behind retries): no REPORT_ACK, also not
    // after the
    // agent gave the report up at its 1 s commit timeout
    await().atMost(30, TimeUnit.SECONDS).until(() -> gate.refused() >= 1);
    await()
        .during(2, TimeUnit.SECONDS)
        .atMost(6, TimeUnit.SECONDS)
        .until(() -> gateway.pendingReports("testid") == 1 && !"DONE".equals(status(id)));

    // the database is back: the write-behind's retry commits the row, but that report's stage was
    // given up
    // at the timeout, so it is still not acknowledged
    gate.release();
    await()
        .atMost(30, TimeUnit.SECONDS)
        .until(() -> gate.committed() == 1 && "DONE".equals(status(id)));
    await()
        .during(500, TimeUnit.MILLISECONDS)
        .atMost(3, TimeUnit.SECONDS)
        .until(() -> gateway.pendingReports("testid") == 1);
    assertThat(reportsHandled(agent)).isEqualTo(1.0);

    // the next report session gets it again; this time it is committed (idempotently) and
    // acknowledged
    gateway.kick("testid", SessionKind.REPORT, "test: new report session");
    await().atMost(30, TimeUnit.SECONDS).until(() -> gateway.pendingReports("testid") == 0);
    assertThat(reportsHandled(agent)).isEqualTo(2.0);
    assertThat(gate.committed()).isEqualTo(2);
    assertThat(status(id)).isEqualTo("DONE");
    assertThat(gateway.messagesAccepted("testid", (String) row(id).get("SERIAL"))).isEqualTo(1);
  }

  /**
   * A send table that is dropped and created again (here with every agent table, as a restore of an
   * old backup would leave them) starts its IDs again within the gateway's 24-hour de-duplication
   * window. The new rows must be new messages with reports, not E_OK duplicates that wait 72 hours
   * for a report.
   */
  @ParameterizedTest
  @EnumSource(
      value = Dialect.class,
      names = {"H2", "POSTGRESQL", "MARIADB"})
  void aRecreatedSendTableDoesNotRepeatSerials(Dialect dialect) {
    db = TestDb.create(dialect);
    Agent first = start(config("n1"));
    long id =
        new SendTable(db.ds, "E_")
            .insert(SampleMessages.sms("01020006001", "first life").columns());
    await().atMost(30, TimeUnit.SECONDS).until(() -> "DONE".equals(status(id)));
    String firstSerial = (String) row(id).get("SERIAL");
    first.close();
    agents.remove(first);

    for (String t :
        List.of("MSG_ATTACH", "MSG", "REPORT_ORPHAN", "LEASE", "NODE", "META", "AUDIT", "PAUSE")) {
      db.update("DROP TABLE E_" + t);
    }
    db.update(
        "DROP TABLE "
            + (dialect == Dialect.POSTGRESQL
                ? "\"E_SCHEMA_HISTORY\""
                : "E_SCHEMA_HISTORY")); // Flyway quotes it
    // an epoch counts seconds: a restore takes longer than one, this test may not
    await()
        .atMost(3, TimeUnit.SECONDS)
        .until(
            () ->
                !SerialEpochs.token(java.time.Instant.now())
                    .equals(firstSerial.substring(0, SerialEpochs.LENGTH)));
    start(config("n1"));
    long again =
        new SendTable(db.ds, "E_")
            .insert(SampleMessages.sms("01020006002", "second life").columns());
    assertThat(again).isEqualTo(id);
    await().atMost(30, TimeUnit.SECONDS).until(() -> "DONE".equals(status(again)));
    String secondSerial = (String) row(again).get("SERIAL");
    assertThat(secondSerial).isNotEqualTo(firstSerial).endsWith(String.valueOf(id));
    assertThat(gateway.messagesAccepted("testid", secondSerial)).isEqualTo(1);
    assertThat(gateway.duplicateCount()).isZero();
    assertThat(row(again).get("GW_SERIAL")).isNotNull();
  }

  /** Records every milestone of every row, in the order the agent reports them. */
  private static final class Recorded implements RowMilestones {
    final Map<String, Long> delivered = new java.util.concurrent.ConcurrentHashMap<>();
    final Map<Long, Long> acked = new java.util.concurrent.ConcurrentHashMap<>();
    final Map<String, Long> reported = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void deliverWritten(String serial, long nanoTime) {
      delivered.put(serial, nanoTime);
    }

    @Override
    public void ackWritten(long id, long nanoTime) {
      acked.put(id, nanoTime);
    }

    @Override
    public void reportWritten(String serial, long nanoTime) {
      reported.put(serial, nanoTime);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Dialect.class,
      names = {"H2", "POSTGRESQL"})
  void milestonesFollowEveryRowFromItsDeliverToItsReportInOrder(Dialect dialect) {
    db = TestDb.create(dialect);
    Recorded seen = new Recorded();
    Agent a = db.agent(config("n1")).milestones(seen).build().start();
    agents.add(a);
    SendTable table = new SendTable(db.ds, "E_");
    long before = System.nanoTime();
    for (int i = 0; i < 40; i++) {
      table.insert(SampleMessages.sms(String.format("0103100%04d", i), "m" + i).columns());
    }
    await().atMost(30, TimeUnit.SECONDS).until(() -> open() == 0);
    // the last report's milestone follows its commit, which the test may see first
    await().atMost(5, TimeUnit.SECONDS).until(() -> seen.reported.size() == 40);
    List<Map<String, Object>> rows = db.query("SELECT ID, SERIAL, STATUS FROM E_MSG");
    assertThat(rows).hasSize(40);
    for (Map<String, Object> r : rows) {
      long id = ((Number) r.get("ID")).longValue();
      String serial = (String) r.get("SERIAL");
      assertThat(r.get("STATUS")).isEqualTo("DONE");
      Long delivered = seen.delivered.get(serial);
      Long acked = seen.acked.get(id);
      Long reported = seen.reported.get(serial);
      assertThat(delivered).as("DELIVER of %s", serial).isNotNull().isGreaterThan(before);
      assertThat(acked).as("ACK of row %d", id).isNotNull().isGreaterThanOrEqualTo(delivered);
      assertThat(reported).as("REPORT of %s", serial).isNotNull().isGreaterThan(delivered);
    }
    assertThat(seen.delivered).hasSize(40);
    assertThat(seen.acked).hasSize(40);
  }
}
