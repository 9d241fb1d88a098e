package dev.ngsign.ngs.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ngsign.ngs.agent.demo.SampleMessages;
import dev.ngsign.ngs.agent.internal.schema.Dialect;
import dev.ngsign.ngs.agent.internal.schema.SchemaMigrator;
import dev.ngsign.ngs.agent.internal.store.MessageRow;
import dev.ngsign.ngs.agent.internal.store.MessageStore;
import dev.ngsign.ngs.agent.internal.store.SerialEpochs;
import dev.ngsign.ngs.agent.internal.store.WriteBack;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.Extension;
import dev.ngsign.ngs.protocol.packet.MessageType;
import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.ReportMessage;
import dev.ngsign.ngs.protocol.packet.Telco;
import dev.ngsign.testing.MutableClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The agent against a real database (one schema per run, dropped after) and a scripted gateway.
 * Each test works on tables with its own prefix. Subclasses pick the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractAgentIT {
  private static final AtomicInteger PREFIXES = new AtomicInteger();
  private static final LocalDateTime NOON = LocalDateTime.of(2026, 11, 24, 12, 0);

  TestDb db;
  String prefix;
  String msg;
  MutableClock clock;
  FakeGateway gateway;
  final List<Agent> agents = new ArrayList<>();

  abstract Dialect dialect();

  @BeforeAll
  void createDatabase() {
    db = TestDb.create(dialect());
  }

  @AfterAll
  void dropDatabase() {
    db.close();
  }

  @BeforeEach
  void setUp() {
    prefix = "T" + PREFIXES.incrementAndGet() + "_";
    msg = prefix + "MSG";
    clock = MutableClock.atSeoul(NOON);
    gateway = new FakeGateway();
    SchemaMigrator.migrate(db.ds, dialect(), prefix);
  }

  @AfterEach
  void stopAgents() {
    for (Agent a : agents) {
      a.close();
    }
    agents.clear();
  }

  AgentConfig.Account account(String name) {
    return new AgentConfig.Account(name, "127.0.0.1", 1, name, "pw", null, false, null, null, 0);
  }

  AgentConfig config(String node, String... accounts) {
    List<AgentConfig.Account> list = new ArrayList<>();
    for (String a : accounts) {
      list.add(account(a));
    }
    return AgentConfig.defaults()
        .withNodeId(node)
        .withDatabase(db.config(prefix))
        .withAccounts(list)
        .withPolling(
            new AgentConfig.Polling(Duration.ofMillis(20), 100, 500, 500, Duration.ofMillis(2)))
        .withRetry(new AgentConfig.Retry(3, Duration.ofSeconds(10), 2.0, Duration.ofMinutes(1)))
        .withExpiry(new AgentConfig.Expiry(Duration.ZERO, Duration.ofHours(72)))
        .withLease(new AgentConfig.Lease(Duration.ofSeconds(3), Duration.ofMillis(100)))
        .withHttp(new AgentConfig.Http(0, null));
  }

  Agent start(AgentConfig cfg) {
    Agent a =
        Agent.builder(cfg)
            .dataSource(db.ds, db.url)
            .gateway(gateway)
            .clock(clock)
            .migrate(true)
            .build()
            .start();
    agents.add(a);
    return a;
  }

  long insert(SampleMessages.Sample s) {
    return new SendTable(db.ds, prefix).insert(s.columns(), s.images());
  }

  long insert(SampleMessages.Sample s, Map<String, Object> extra) {
    Map<String, Object> cols = new HashMap<>(s.columns());
    cols.putAll(extra);
    return new SendTable(db.ds, prefix).insert(cols, s.images());
  }

  Map<String, Object> row(long id) {
    return db.query("SELECT * FROM " + msg + " WHERE ID = ?", id).get(0);
  }

  /** The SERIAL the agent gave the row (its epoch and ID). */
  String serial(long id) {
    return (String) row(id).get("SERIAL");
  }

  String status(long id) {
    return (String) row(id).get("STATUS");
  }

  void awaitStatus(long id, String status) {
    await()
        .atMost(15, TimeUnit.SECONDS)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> status.equals(status(id)));
  }

  long open() {
    return db.count("SELECT COUNT(*) FROM " + msg + " WHERE STATUS IN ('READY','SENDING','SENT')");
  }

  static int intOf(Object o) {
    return ((Number) o).intValue();
  }

  @Test
  void migrationIsIdempotentAndUsesThePrefix() {
    assertThat(SchemaMigrator.migrate(db.ds, dialect(), prefix)).isZero();
    assertThat(SchemaMigrator.upToDate(db.ds, dialect(), prefix)).isTrue();
    for (String t : List.of("MSG", "MSG_ATTACH", "REPORT_ORPHAN", "LEASE", "NODE")) {
      assertThat(db.count("SELECT COUNT(*) FROM " + prefix + t)).isZero();
    }
  }

  @Test
  void version1TablesAreUpgradedWithTheirRows() {
    String p = "U" + PREFIXES.incrementAndGet() + "_";
    org.flywaydb.core.Flyway.configure()
        .dataSource(db.ds)
        .locations(dialect().migrations())
        .placeholders(Map.of("prefix", p))
        .table(p + "SCHEMA_HISTORY")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .target("1")
        .load()
        .migrate();
    long id =
        db.insert(
            p + "MSG",
            Map.of(
                "MSG_TYPE",
                "S",
                "DEST_ADDR",
                "01020001234",
                "CALLBACK",
                "15880000",
                "MSG_TEXT",
                "v1 row"));
    assertThat(row(p, id).get("ACCOUNT")).isNull();
    // V2, V3 and V5 (the console's audit and pause tables); on PostgreSQL also V4 (the INSERT
    // notification trigger), V6 (open-rows indexes) and V7 (fillfactor)
    assertThat(SchemaMigrator.migrate(db.ds, dialect(), p))
        .isEqualTo(dialect() == Dialect.POSTGRESQL ? 6 : 3);
    assertThat(row(p, id).get("ACCOUNT")).isEqualTo("");
    assertThat(SchemaMigrator.upToDate(db.ds, dialect(), p)).isTrue();
  }

  private Map<String, Object> row(String p, long id) {
    return db.query("SELECT * FROM " + p + "MSG WHERE ID = ?", id).get(0);
  }

  @Test
  void claimSkipsRowsLockedByAnotherTransaction() throws Exception {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(insert(SampleMessages.sms("0102000100" + i, "hi"), Map.of("ACCOUNT", "acc")));
    }
    MessageStore store = new MessageStore(db.ds, dialect(), prefix, "");
    try (Connection c = db.ds.getConnection()) {
      c.setAutoCommit(false);
      // one statement per row: on a tiny table an IN list may scan an index and lock every row
      for (int k = 0; k < 2; k++) {
        try (PreparedStatement ps =
            c.prepareStatement("SELECT ID FROM " + msg + " WHERE ID = ? FOR UPDATE")) {
          ps.setLong(1, ids.get(k));
          try (ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
          }
        }
      }
      List<MessageRow> claimed = store.claims().claim("acc", false, clock.seoul(), 10, "n1", 1);
      assertThat(claimed).extracting(MessageRow::id).containsExactly(ids.get(2), ids.get(3));
      c.rollback();
    }
    assertThat(status(ids.get(2))).isEqualTo("SENDING");
    assertThat(row(ids.get(2)).get("SERIAL")).isEqualTo(String.valueOf(ids.get(2)));
    assertThat(status(ids.get(0))).isEqualTo("READY");
  }

  @Test
  void everyMessageTypeIsSentAndItsAckAndReportWrittenBack() {
    Map<Long, SampleMessages.Sample> rows = new HashMap<>();
    for (SampleMessages.Sample s : SampleMessages.everyType()) {
      rows.put(insert(s), s);
    }
    long fallback = insert(SampleMessages.alimTalk("01020009999"));
    Map<String, Object> noFailover = new HashMap<>();
    noFailover.put("KKO_FAILOVER", 0);
    noFailover.put("FALLBACK_TITLE", null);
    long kakaoFails = insert(SampleMessages.alimTalk("01030009999"), noFailover);
    start(config("n1", "acc"));
    await().atMost(20, TimeUnit.SECONDS).until(() -> open() == 0);

    for (long id : rows.keySet()) {
      Map<String, Object> r = row(id);
      assertThat(r.get("STATUS")).as(rows.get(id).label()).isEqualTo("DONE");
      assertThat(intOf(r.get("ACK_CODE"))).isZero();
      assertThat(r.get("ACK_AT")).isNotNull();
      assertThat(intOf(r.get("RESULT_CODE"))).isZero();
      assertThat(r.get("GW_SERIAL")).isEqualTo("GW" + r.get("SERIAL"));
      assertThat((String) r.get("SERIAL"))
          .hasSize(SerialEpochs.LENGTH + String.valueOf(id).length())
          .endsWith(String.valueOf(id));
      assertThat(r.get("DELIVERED_AT")).isNotNull();
      assertThat(r.get("REPORT_AT")).isNotNull();
      assertThat(intOf(r.get("ATTEMPTS"))).isEqualTo(1);
      assertThat(r.get("ACCOUNT")).isEqualTo("acc");
    }
    Map<String, Object> fb = row(fallback);
    assertThat(fb.get("STATUS")).isEqualTo("DONE");
    assertThat(fb.get("FINAL_TYPE")).isEqualTo("S");
    assertThat(fb.get("KKO_ERROR")).isEqualTo("2103");
    assertThat(fb.get("REPORT_FLAGS")).isEqualTo("K2103,TS");
    assertThat(fb.get("TELCO")).isEqualTo("SK");
    Map<String, Object> kf = row(kakaoFails);
    assertThat(kf.get("STATUS")).isEqualTo("FAILED");
    assertThat(intOf(kf.get("RESULT_CODE"))).isEqualTo(4005);
    assertThat(kf.get("KKO_ERROR")).isEqualTo("3018");
    // a failed REPORT says why in RESULT_MSG: the code's name and meaning, and Kakao's own error
    // code
    dev.ngsign.ngs.protocol.ResultCode rc = dev.ngsign.ngs.protocol.ResultCode.of(4005);
    assertThat(rc).isNotEqualTo(dev.ngsign.ngs.protocol.ResultCode.UNKNOWN);
    assertThat((String) kf.get("RESULT_MSG"))
        .startsWith(rc.name() + ": ")
        .contains(rc.meaning())
        .contains("Kakao error 3018");
    assertThat(fb.get("RESULT_MSG")).as("delivered: no failure text").isNull();

    Map<MessageType, Deliver> byType = new HashMap<>();
    for (Deliver d : gateway.sends) {
      byType.put(d.messageType(), d);
    }
    assertThat(byType).hasSize(MessageType.values().length);
    assertThat(byType.get(MessageType.MMS).media()).hasSize(2);
    assertThat(byType.get(MessageType.SMS).text()).isEqualTo("SMS 테스트 발송입니다.");
    assertThat(byType.get(MessageType.INTL_SMS).extension())
        .isEqualTo(new Extension.NationCode("1"));
    assertThat(byType.get(MessageType.ALIMTALK).kakao().templateCode()).isEqualTo("order_done_01");
    assertThat(gateway.sendsBySerial.values()).allMatch(n -> n.get() == 1);
  }

  @Test
  void retryableAckBacksOffAndIsResentWithTheSameSerial() {
    long id = insert(SampleMessages.sms("01020002001", "retry me"));
    gateway.scriptAcks("01020002001", 3002);
    start(config("n1", "acc"));
    await()
        .atMost(10, TimeUnit.SECONDS)
        .until(() -> row(id).get("ACK_CODE") != null && "READY".equals(status(id)));
    Map<String, Object> r = row(id);
    assertThat(intOf(r.get("ACK_CODE"))).isEqualTo(3002);
    assertThat(intOf(r.get("ATTEMPTS"))).isEqualTo(1);
    assertThat(r.get("NEXT_TRY_AT")).isNotNull();
    assertThat(gateway.totalSends()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(11));
    awaitStatus(id, "DONE");
    assertThat(gateway.sendsBySerial.get(serial(id)).get()).isEqualTo(2);
    assertThat(intOf(row(id).get("ATTEMPTS"))).isEqualTo(2);
  }

  @Test
  void retryableAckUntilTheLimitFailsAndFinalAckRejects() {
    long retried = insert(SampleMessages.sms("01020002002", "busy"));
    long refused = insert(SampleMessages.sms("01020002003", "bad"));
    gateway.scriptAcks("01020002002", 3001, 3001, 3001);
    gateway.scriptAcks("01020002003", 2015);
    start(config("n1", "acc"));
    awaitStatus(refused, "REJECTED");
    assertThat(intOf(row(refused).get("RESULT_CODE"))).isEqualTo(2015);
    assertThat((String) row(refused).get("RESULT_MSG"))
        .startsWith(dev.ngsign.ngs.protocol.ResultCode.of(2015).name() + ": ");
    for (int i = 0; i < 3 && !"FAILED".equals(status(retried)); i++) {
      int attempts = i + 1;
      await()
          .atMost(10, TimeUnit.SECONDS)
          .until(
              () ->
                  intOf(row(retried).get("ATTEMPTS")) == attempts
                      && !"SENDING".equals(status(retried)));
      clock.advance(Duration.ofMinutes(2));
    }
    awaitStatus(retried, "FAILED");
    assertThat(intOf(row(retried).get("RESULT_CODE")))
        .isEqualTo(AgentCode.RETRIES_EXHAUSTED.code());
    assertThat(intOf(row(retried).get("ACK_CODE"))).isEqualTo(3001);
    assertThat(gateway.sendsBySerial.get(serial(retried)).get()).isEqualTo(3);
  }

  @Test
  void scheduledRowsWaitForTheirTimeAndExpiredRowsEnd() {
    long later =
        insert(
            SampleMessages.sms("01020003001", "later"), Map.of("SCHEDULED_AT", NOON.plusHours(1)));
    long expired =
        insert(
            SampleMessages.sms("01020003002", "too late"),
            Map.of("EXPIRES_AT", NOON.minusMinutes(1)));
    long ttl =
        insert(SampleMessages.sms("01020003003", "old"), Map.of("CREATED_AT", NOON.minusHours(2)));
    long now =
        insert(
            SampleMessages.sms("01020003004", "now"), Map.of("CREATED_AT", NOON.minusMinutes(5)));
    AgentConfig cfg =
        config("n1", "acc")
            .withExpiry(new AgentConfig.Expiry(Duration.ofHours(1), Duration.ofHours(72)));
    start(cfg);
    awaitStatus(now, "DONE");
    awaitStatus(expired, "EXPIRED");
    awaitStatus(ttl, "EXPIRED");
    assertThat(intOf(row(expired).get("RESULT_CODE"))).isEqualTo(AgentCode.EXPIRED.code());
    assertThat(row(expired).get("RESULT_MSG")).isEqualTo(AgentCode.EXPIRED.meaning());
    assertThat(status(later)).isEqualTo("READY");
    assertThat(gateway.sendsBySerial).doesNotContainKeys(serial(expired), serial(ttl));
    assertThat(serial(later)).isNull();
    clock.advance(Duration.ofMinutes(61));
    awaitStatus(later, "DONE");
  }

  @Test
  void advertisingGuardHoldsRejectsAndLetsThrough() {
    clock = MutableClock.atSeoul(NOON.withHour(22));
    String good = "(광고) ngsign 11월 할인\n무료수신거부 080-123-4567";
    long held = insert(SampleMessages.sms("01020004001", good), Map.of("AD_FLAG", "Y"));
    long noPrefix =
        insert(SampleMessages.sms("01020004002", "할인 무료수신거부 080-123-4567"), Map.of("AD_FLAG", "Y"));
    long noOptOut = insert(SampleMessages.sms("01020004003", "(광고) 할인합니다"), Map.of("AD_FLAG", "Y"));
    Map<String, Object> noCode = new HashMap<>();
    noCode.put("SENDER_CODE", null);
    long noSender = insert(SampleMessages.sms("01020004004", "hi"), noCode);
    long tooLong = insert(SampleMessages.sms("01020004005", "가".repeat(46)));
    long plain = insert(SampleMessages.sms("01020004006", "not an ad, sent at night"));
    start(config("n1", "acc"));
    awaitStatus(plain, "DONE");
    awaitStatus(noPrefix, "REJECTED");
    awaitStatus(noOptOut, "REJECTED");
    awaitStatus(noSender, "REJECTED");
    awaitStatus(tooLong, "REJECTED");
    assertThat(intOf(row(noPrefix).get("RESULT_CODE")))
        .isEqualTo(AgentCode.AD_PREFIX_MISSING.code());
    assertThat(intOf(row(noOptOut).get("RESULT_CODE")))
        .isEqualTo(AgentCode.AD_OPT_OUT_MISSING.code());
    assertThat(intOf(row(noSender).get("RESULT_CODE")))
        .isEqualTo(AgentCode.SENDER_CODE_MISSING.code());
    assertThat(intOf(row(tooLong).get("RESULT_CODE"))).isEqualTo(2006);
    assertThat((String) row(tooLong).get("RESULT_MSG")).contains("90");
    await().atMost(10, TimeUnit.SECONDS).until(() -> row(held).get("NEXT_TRY_AT") != null);
    Map<String, Object> h = row(held);
    assertThat(h.get("STATUS")).isEqualTo("READY");
    assertThat(intOf(h.get("ATTEMPTS"))).isZero();
    assertThat(h.get("NEXT_TRY_AT")).isEqualTo(LocalDateTime.of(2026, 11, 25, 8, 0));
    clock.advance(Duration.ofHours(10)); // 08:00 next day
    awaitStatus(held, "DONE");
  }

  @Test
  void reportsForUnknownSerialsAreKept() throws Exception {
    long id = insert(SampleMessages.sms("01020005001", "x"));
    start(config("n1", "acc"));
    awaitStatus(id, "DONE");
    Report stray =
        new Report(0, ReportMessage.EMPTY, "01099998888", "NO-SUCH-1", "GW77", NOON, Telco.KT);
    gateway.sinks.get("acc").accept(stray).toCompletableFuture().get(10, TimeUnit.SECONDS);
    List<Map<String, Object>> orphans = db.query("SELECT * FROM " + prefix + "REPORT_ORPHAN");
    assertThat(orphans).hasSize(1);
    assertThat(orphans.get(0).get("SERIAL")).isEqualTo("NO-SUCH-1");
    assertThat(orphans.get(0).get("ACCOUNT")).isEqualTo("acc");
    assertThat(orphans.get(0).get("TELCO")).isEqualTo("KT");
  }

  @Test
  void rowsCaughtBetweenSendAndAckByADeadNodeAreResentWithTheirSerial() {
    long id = insert(SampleMessages.sms("01020006001", "in flight"));
    LocalDateTime old = clock.seoul().minusMinutes(5);
    db.update(
        "UPDATE "
            + msg
            + " SET STATUS = 'SENDING', ACCOUNT = 'acc', SERIAL = 'S-7', FENCE = 4, NODE_ID = 'dead', ATTEMPTS = 1 WHERE ID = ?",
        id);
    db.update(
        "INSERT INTO "
            + prefix
            + "LEASE (ACCOUNT, HOLDER, FENCE, HEARTBEAT_AT, ACQUIRED_AT) VALUES ('acc', 'dead', 4, ?, ?)",
        old,
        old);
    Agent a = start(config("n1", "acc"));
    awaitStatus(id, "DONE");
    assertThat(a.heldAccounts()).containsEntry("acc", 5L);
    assertThat(gateway.sendsBySerial.keySet()).containsExactly("S-7");
    assertThat(intOf(row(id).get("ATTEMPTS"))).isEqualTo(2);
    assertThat(intOf(row(id).get("FENCE"))).isEqualTo(5);
  }

  @Test
  void aStaleHolderCannotWriteBack() {
    long id = insert(SampleMessages.sms("01020007001", "x"), Map.of("ACCOUNT", "acc"));
    MessageStore store = new MessageStore(db.ds, dialect(), prefix, "");
    store.claims().claim("acc", false, clock.seoul(), 10, "old", 1);
    store.recovery().recover("acc", 2, clock.seoul());
    store.claims().claim("acc", false, clock.seoul(), 10, "new", 2);
    store
        .writeBack()
        .write(
            List.of(new WriteBack.AckOk(id, 1, clock.seoul())),
            List.of(),
            List.of(),
            clock.seoul());
    assertThat(status(id)).isEqualTo("SENDING");
    store
        .writeBack()
        .write(
            List.of(new WriteBack.AckOk(id, 2, clock.seoul())),
            List.of(),
            List.of(),
            clock.seoul());
    assertThat(status(id)).isEqualTo("SENT");
  }

  /**
   * The write-back binds many rows per statement (PostgreSQL: one array per column), so every
   * character a gateway may put in a REPORT's text fields must come back as sent: commas, quotes,
   * braces, backslashes and NULL-looking text are array syntax in PostgreSQL's text form.
   */
  @Test
  void reportAndAckValuesComeBackAsSentWhateverTheirCharacters() {
    long id = insert(SampleMessages.sms("01020014001", "x"), Map.of("ACCOUNT", "acc"));
    long other = insert(SampleMessages.sms("01020014002", "y"), Map.of("ACCOUNT", "acc"));
    MessageStore store = new MessageStore(db.ds, dialect(), prefix, "");
    store.claims().claim("acc", false, clock.seoul(), 10, "n1", 1);
    String gw = "G\"{a,b}\\ 'NULL";
    Report failed =
        new Report(
            3018, ReportMessage.parse("K2103,TS"), "01020014001", serial(id), gw, NOON, Telco.KT);
    Report delivered =
        new Report(0, ReportMessage.EMPTY, "01020014002", serial(other), "NULL", null, Telco.SK);
    WriteBack.WriteResult w =
        store
            .writeBack()
            .write(
                List.of(
                    new WriteBack.AckOk(id, 1, clock.seoul()),
                    new WriteBack.AckOk(other, 1, clock.seoul())),
                List.of(),
                List.of(
                    new WriteBack.ReportWrite("acc", failed, clock.seoul()),
                    new WriteBack.ReportWrite("acc", delivered, clock.seoul())),
                clock.seoul());
    assertThat(w.orphanReports()).isZero();
    Map<String, Object> f = row(id);
    assertThat(f.get("STATUS")).isEqualTo("FAILED");
    assertThat(f.get("GW_SERIAL")).isEqualTo(gw);
    assertThat(f.get("REPORT_FLAGS")).isEqualTo("K2103,TS");
    assertThat(f.get("KKO_ERROR")).isEqualTo("2103");
    assertThat(f.get("FINAL_TYPE")).isEqualTo("S");
    assertThat(f.get("SPAM_FLAG")).isEqualTo("N");
    assertThat((String) f.get("RESULT_MSG")).endsWith("(Kakao error 2103)");
    assertThat(intOf(f.get("RESULT_CODE"))).isEqualTo(3018);
    assertThat(intOf(f.get("ACK_CODE"))).isZero();
    assertThat(at(f.get("DELIVERED_AT"))).isEqualTo(NOON);
    Map<String, Object> d = row(other);
    assertThat(d.get("STATUS")).isEqualTo("DONE");
    assertThat(d.get("GW_SERIAL")).isEqualTo("NULL");
    assertThat(d.get("REPORT_FLAGS")).isEqualTo("");
    assertThat(d.get("RESULT_MSG")).isNull();
    assertThat(d.get("DELIVERED_AT")).isNull();
    assertThat(d.get("TELCO")).isEqualTo("SK");
  }

  @Test
  void twoNodesShareOneAccountWithoutOverlapAndTheSurvivorTakesOver() {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      ids.add(insert(SampleMessages.sms(String.format("0102100%04d", i), "m" + i)));
    }
    Agent a = start(config("node-a", "acc"));
    Agent b = start(config("node-b", "acc"));
    await().atMost(10, TimeUnit.SECONDS).until(() -> open() == 0);
    assertThat(a.heldAccounts().size() + b.heldAccounts().size()).isEqualTo(1);
    Agent holder = a.heldAccounts().isEmpty() ? b : a;
    Agent other = holder == a ? b : a;
    holder.abandon(); // the holder dies without releasing its lease
    gateway.silent = false;
    for (int i = 50; i < 100; i++) {
      ids.add(insert(SampleMessages.sms(String.format("0102100%04d", i), "m" + i)));
    }
    clock.advance(Duration.ofSeconds(4)); // past the lease timeout
    await().atMost(15, TimeUnit.SECONDS).until(() -> other.heldAccounts().containsKey("acc"));
    await().atMost(15, TimeUnit.SECONDS).until(() -> open() == 0);
    assertThat(gateway.overlaps.get()).isZero();
    assertThat(db.count("SELECT COUNT(*) FROM " + msg + " WHERE STATUS = 'DONE'")).isEqualTo(100);
    assertThat(gateway.acceptedBySerial.values()).allMatch(n -> n.get() == 1);
  }

  @Test
  void accountsSpreadOverNodesAndANewNodeTakesItsShare() {
    String[] accounts = {"acc1", "acc2", "acc3", "acc4", "acc5", "acc6"};
    for (int i = 0; i < 60; i++) {
      insert(
          SampleMessages.sms(String.format("0102200%04d", i), "m" + i),
          Map.of("ACCOUNT", accounts[i % 6]));
    }
    Agent a = start(config("node-a", accounts));
    await().atMost(10, TimeUnit.SECONDS).until(() -> a.heldAccounts().size() == 6);
    Agent b = start(config("node-b", accounts));
    await()
        .atMost(15, TimeUnit.SECONDS)
        .until(
            () ->
                a.heldAccounts().size() + b.heldAccounts().size() == 6
                    && !b.heldAccounts().isEmpty()
                    && !a.heldAccounts().isEmpty());
    await().atMost(15, TimeUnit.SECONDS).until(() -> open() == 0);
    assertThat(gateway.overlaps.get()).isZero();
    assertThat(db.count("SELECT COUNT(*) FROM " + msg + " WHERE STATUS = 'DONE'")).isEqualTo(60);
  }

  @Test
  void finishedRowsMoveToTheMonthlyLogTable() {
    for (int i = 0; i < 5; i++) {
      insert(SampleMessages.mms(String.format("0102300%04d", i)));
    }
    start(config("n1", "acc").withLogTable(new AgentConfig.LogTable("monthly", Duration.ZERO, 2)));
    String log = prefix + "MSG_LOG_202611";
    await().atMost(20, TimeUnit.SECONDS).until(() -> open() == 0);
    clock.advance(Duration.ofMinutes(1));
    await().atMost(20, TimeUnit.SECONDS).until(() -> db.count("SELECT COUNT(*) FROM " + msg) == 0);
    assertThat(db.count("SELECT COUNT(*) FROM " + log + " WHERE STATUS = 'DONE'")).isEqualTo(5);
    assertThat(db.count("SELECT COUNT(*) FROM " + prefix + "MSG_ATTACH")).isZero();
  }

  @Test
  void aMissingReportTimesOutAndALateReportStillWins() throws Exception {
    gateway.reports = d -> null;
    long id = insert(SampleMessages.sms("01020008001", "x"));
    start(
        config("n1", "acc").withExpiry(new AgentConfig.Expiry(Duration.ZERO, Duration.ofHours(1))));
    awaitStatus(id, "SENT");
    clock.advance(Duration.ofHours(2));
    await().atMost(15, TimeUnit.SECONDS).until(() -> "FAILED".equals(status(id)));
    assertThat(intOf(row(id).get("RESULT_CODE"))).isEqualTo(AgentCode.REPORT_TIMEOUT.code());
    Report late =
        new Report(0, ReportMessage.EMPTY, "01020008001", serial(id), "GW1", NOON, Telco.LG);
    gateway.sinks.get("acc").accept(late).toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(status(id)).isEqualTo("DONE");
    assertThat(row(id).get("TELCO")).isEqualTo("LG");
  }

  @Test
  void deliveredAtIsInTheTablesZoneLikeAckAtAndReportAt() {
    long id = insert(SampleMessages.sms("01020009001", "utc"));
    // the sessions of this class's database write Korean time: this test is about DELIVERED_AT only
    start(
        config("n1", "acc").toBuilder()
            .zone(java.time.ZoneId.of("UTC"))
            .allowZoneMismatch(true)
            .build());
    awaitStatus(id, "DONE");
    Map<String, Object> r = row(id);
    LocalDateTime ack = at(r.get("ACK_AT"));
    LocalDateTime report = at(r.get("REPORT_AT"));
    LocalDateTime delivered = at(r.get("DELIVERED_AT"));
    assertThat(ack).isEqualTo(NOON.minusHours(9)); // 12:00 KST is 03:00 UTC
    // the fake gateway reports SENDTIME 12:00:01 KST: one simulated second after the send
    assertThat(delivered)
        .isBetween(ack, report.plusSeconds(1))
        .isEqualTo(NOON.minusHours(9).plusSeconds(1));
  }

  static LocalDateTime at(Object o) {
    return o instanceof java.sql.Timestamp ts ? ts.toLocalDateTime() : (LocalDateTime) o;
  }

  @Test
  void eachStartTakesANewSerialEpochAndARecreatedTablesIdsAreNoticed() {
    long first = insert(SampleMessages.sms("01020010001", "first life"));
    long third = 0;
    for (int i = 0; i < 2; i++) {
      third = insert(SampleMessages.sms("01020010003", "first life " + i));
    }
    Agent a = start(config("n1", "acc"));
    awaitStatus(third, "DONE");
    String firstSerial = serial(first);
    a.close();
    agents.remove(a);
    // the table's second life: emptied, its IDs start again
    db.update("DELETE FROM " + msg);
    db.update(
        switch (dialect()) {
          case MARIADB -> "ALTER TABLE " + msg + " AUTO_INCREMENT = 1";
          default -> "ALTER TABLE " + msg + " ALTER COLUMN ID RESTART WITH 1";
        });
    long second = insert(SampleMessages.sms("01020010002", "second life"));
    assertThat(second).isEqualTo(first);
    MessageStore store = new MessageStore(db.ds, dialect(), prefix, "");
    assertThat(store.serialEpochs().checkHighWater(clock.seoul()))
        .as("ID %d below the first life's %d", second, third)
        .isTrue();
    assertThat(store.serialEpochs().checkHighWater(clock.seoul()))
        .as("warned once, then the mark follows the new life")
        .isFalse();
    start(config("n1", "acc"));
    awaitStatus(second, "DONE");
    assertThat(serial(second)).isNotEqualTo(firstSerial).endsWith(String.valueOf(second));
    assertThat(gateway.sendsBySerial.get(serial(second)).get()).isEqualTo(1);
    String firstEpoch = firstSerial.substring(0, SerialEpochs.LENGTH);
    String secondEpoch = serial(second).substring(0, SerialEpochs.LENGTH);
    assertThat(secondEpoch)
        .isGreaterThan(firstEpoch); // the test clock stood still: the recorded epoch + 1
  }

  @Test
  void rowsForAnAccountNoNodeServesAreWarnedCountedAndHinted() {
    ch.qos.logback.classic.Logger housekeeping =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(
                dev.ngsign.ngs.agent.internal.housekeeping.Housekeeping.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
        new ch.qos.logback.core.read.ListAppender<>();
    logs.start();
    housekeeping.addAppender(logs);
    try {
      long typo =
          insert(
              SampleMessages.sms("01020011001", "typo"),
              Map.of("ACCOUNT", "acc-typo", "CREATED_AT", NOON.minusMinutes(1)));
      insert(
          SampleMessages.sms("01020011002", "typo 2"),
          Map.of("ACCOUNT", "acc-typo", "CREATED_AT", NOON.minusMinutes(1)));
      long served = insert(SampleMessages.sms("01020011003", "served"), Map.of("ACCOUNT", "acc"));
      Agent a =
          start(
              config("n1", "acc")
                  .withExpiry(
                      new AgentConfig.Expiry(
                          Duration.ZERO, Duration.ofHours(72), null, Duration.ofMinutes(5))));
      awaitStatus(served, "DONE");
      await().atMost(15, TimeUnit.SECONDS).until(() -> unservedRows(a, "acc-typo") == 2.0);
      assertThat(row(typo).get("RESULT_MSG")).as("waited 1 of 5 minutes: no hint yet").isNull();
      clock.advance(Duration.ofMinutes(5));
      await().atMost(15, TimeUnit.SECONDS).until(() -> row(typo).get("RESULT_MSG") != null);
      assertThat((String) row(typo).get("RESULT_MSG"))
          .contains("no running agent node serves ACCOUNT 'acc-typo'");
      assertThat(status(typo)).isEqualTo("READY");
      // more rounds: a later row is hinted too, and still one WARN
      long third =
          insert(
              SampleMessages.sms("01020011004", "typo 3"),
              Map.of("ACCOUNT", "acc-typo", "CREATED_AT", NOON));
      clock.advance(Duration.ofMinutes(1));
      await()
          .atMost(15, TimeUnit.SECONDS)
          .until(() -> row(third).get("RESULT_MSG") != null && unservedRows(a, "acc-typo") == 3.0);
      assertThat(logs.list)
          .filteredOn(
              e ->
                  e.getLevel() == ch.qos.logback.classic.Level.WARN
                      && e.getFormattedMessage().contains("'acc-typo'"))
          .as("one WARN per account")
          .hasSize(1);

      // a node serving the account starts: the rows go, the hint goes with the claim, the gauge
      // drops to 0
      Agent b = start(config("n2", "acc-typo"));
      awaitStatus(typo, "DONE");
      assertThat(row(typo).get("RESULT_MSG")).isNull();
      await()
          .atMost(15, TimeUnit.SECONDS)
          .until(() -> unservedRows(a, "acc-typo") == 0.0 || unservedRows(b, "acc-typo") == 0.0);
    } finally {
      housekeeping.detachAppender(logs);
    }
  }

  private static double unservedRows(Agent a, String account) {
    var g = a.meterRegistry().find("ngs.agent.unserved.rows").tag("account", account).gauge();
    return g == null ? -1 : g.value();
  }

  @Test
  void aClaimTakesTheOldestDueRowsOfTheAccountAndTheDefaultAccountUpToItsLimit() {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      // alternately the account's own rows and the default account's ('')
      ids.add(
          insert(
              SampleMessages.sms("0102000200" + i, "m" + i),
              Map.of("ACCOUNT", i % 2 == 0 ? "acc" : "")));
    }
    long other = insert(SampleMessages.sms("01020002010", "other"), Map.of("ACCOUNT", "other"));
    long later =
        insert(
            SampleMessages.sms("01020002011", "later"),
            Map.of("ACCOUNT", "acc", "SCHEDULED_AT", clock.seoul().plusHours(1)));
    MessageStore store = new MessageStore(db.ds, dialect(), prefix, "");
    List<MessageRow> rows = store.claims().claim("acc", true, clock.seoul(), 4, "n1", 7);
    assertThat(rows).extracting(MessageRow::id).containsExactlyElementsOf(ids.subList(0, 4));
    assertThat(rows).extracting(MessageRow::attempts).containsOnly(0); // as before this claim
    for (MessageRow r : rows) {
      Map<String, Object> after = row(r.id());
      assertThat(after.get("STATUS")).isEqualTo("SENDING");
      assertThat(after.get("ACCOUNT")).isEqualTo("acc");
      assertThat(((Number) after.get("FENCE")).longValue()).isEqualTo(7);
      assertThat(((Number) after.get("ATTEMPTS")).intValue()).isEqualTo(1);
      assertThat(store.claims().serialOf(r)).isEqualTo(serial(r.id()));
    }
    for (long id : List.of(ids.get(4), ids.get(5), other, later)) {
      assertThat(status(id)).isEqualTo("READY");
    }
    assertThat(store.claims().claim("acc", false, clock.seoul(), 4, "n1", 7))
        .extracting(MessageRow::id)
        .containsExactly(ids.get(4));
  }

  @Test
  void aGeneratedSerialIsPrefixEpochAndIdAndNeverLongerThan20() {
    long small = insert(SampleMessages.sms("01020012001", "small id"), Map.of("ACCOUNT", "acc"));
    long huge = 1_234_567_890_123L; // 13 digits: "AB" + epoch + ID would be 21 characters
    Map<String, Object> cols =
        new HashMap<>(SampleMessages.sms("01020012002", "huge id").columns());
    cols.put("ID", huge);
    cols.put("ACCOUNT", "acc");
    new SendTable(db.ds, prefix).insert(cols);
    MessageStore store = new MessageStore(db.ds, dialect(), prefix, "AB");
    store.claims().useEpoch("0J7QX1");
    List<MessageRow> rows = store.claims().claim("acc", false, clock.seoul(), 10, "n1", 1);
    assertThat(rows).hasSize(2);
    assertThat(serial(small)).isEqualTo("AB0J7QX1" + small);
    assertThat(serial(huge)).isEqualTo("AB" + huge);
    for (MessageRow r : rows) {
      assertThat(store.claims().serialOf(r))
          .as("the sender's SERIAL equals the row's")
          .isEqualTo(serial(r.id()));
    }
  }

  @Test
  void aSentRowWithoutReportIsFlaggedAfterTheOverdueTimeNotOnlyAtTheTimeout() throws Exception {
    gateway.reports =
        d ->
            null; // e.g. a SERIAL the gateway had already accepted: E_OK, no new message, no report
    long id = insert(SampleMessages.sms("01020013001", "no report"));
    Agent a =
        start(
            config("n1", "acc")
                .withExpiry(
                    new AgentConfig.Expiry(
                        Duration.ZERO, Duration.ofHours(72), null, null, Duration.ofMinutes(30))));
    awaitStatus(id, "SENT");
    assertThat(row(id).get("RESULT_MSG")).isNull();
    clock.advance(Duration.ofMinutes(31));
    await().atMost(15, TimeUnit.SECONDS).until(() -> row(id).get("RESULT_MSG") != null);
    assertThat(row(id).get("RESULT_MSG"))
        .isEqualTo(dev.ngsign.ngs.agent.internal.store.Sweeps.OVERDUE_HINT);
    assertThat(status(id)).isEqualTo("SENT");
    await()
        .atMost(15, TimeUnit.SECONDS)
        .until(() -> a.meterRegistry().get("ngs.agent.report.overdue.rows").gauge().value() == 1.0);
    Report late =
        new Report(0, ReportMessage.EMPTY, "01020013001", serial(id), "GW1", NOON, Telco.SK);
    gateway.sinks.get("acc").accept(late).toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(status(id)).isEqualTo("DONE");
    assertThat(row(id).get("RESULT_MSG")).isNull();
  }
}
