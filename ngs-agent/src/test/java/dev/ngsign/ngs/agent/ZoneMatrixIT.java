package dev.ngsign.ngs.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ngsign.ngs.agent.internal.schema.Dialect;
import dev.ngsign.ngs.agent.internal.schema.SchemaMigrator;
import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.ReportMessage;
import dev.ngsign.ngs.protocol.packet.Telco;
import dev.ngsign.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent end to end with {@code zone} UTC and Asia/Seoul against database sessions writing local
 * time in UTC and Asia/Seoul, on PostgreSQL and H2. Rows are written the way applications write
 * them, with the session's clock ({@code LOCALTIMESTAMP}); the agent's clock starts at the real
 * time (the database's clock cannot be simulated) and is moved by hand from there.
 *
 * <p>Matching zones: a row scheduled an hour ahead waits an hour, a row that expired a minute ago
 * expires, an advertisement goes only 08:00-21:00 Korean time, {@code DELIVERED_AT} is the REPORT's
 * SENDTIME (Korean time) in {@code zone}, and finished rows land in the log table of the Korean
 * month. Mismatching zones: the agent refuses to start, naming both zones, unless {@code
 * allow-zone-mismatch}.
 */
class ZoneMatrixIT {
  private static final ZoneId KST = ZoneId.of("Asia/Seoul");
  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final String AD = "(광고) 12월 할인\n무료수신거부 080-123-4567";

  private TestDb db;
  private final List<Agent> agents = new ArrayList<>();

  @AfterEach
  void stop() {
    agents.forEach(Agent::close);
    if (db != null) {
      db.close();
    }
  }

  static Stream<Arguments> matrix() {
    List<Arguments> out = new ArrayList<>();
    for (Dialect d : List.of(Dialect.POSTGRESQL, Dialect.H2)) {
      for (ZoneId zone : List.of(UTC, KST)) {
        for (ZoneId session : List.of(UTC, KST)) {
          out.add(Arguments.of(d, zone, session));
        }
      }
    }
    return out.stream();
  }

  private AgentConfig config(ZoneId zone) {
    return AgentConfig.builder()
        .nodeId("zm")
        .zone(zone)
        .database(db.config("Z_"))
        .accounts(
            List.of(AgentConfig.Account.builder("acc", 1).password("pw").encrypted(false).build()))
        .polling(
            new AgentConfig.Polling(Duration.ofMillis(20), 100, 500, 500, Duration.ofMillis(2)))
        .expiry(new AgentConfig.Expiry(Duration.ZERO, Duration.ofHours(72)))
        .logTable(new AgentConfig.LogTable("monthly", Duration.ofMinutes(5), 100))
        .lease(new AgentConfig.Lease(Duration.ofSeconds(3), Duration.ofMillis(100)))
        .http(new AgentConfig.Http(0, null))
        .build();
  }

  private long insert(String sql) {
    db.update(sql);
    return db.count("SELECT MAX(ID) FROM Z_MSG");
  }

  private static String values(
      String dest, String text, String ad, String extraCols, String extraVals) {
    return "INSERT INTO Z_MSG (MSG_TYPE, DEST_ADDR, CALLBACK, SENDER_CODE, MSG_TEXT, AD_FLAG"
        + extraCols
        + ") VALUES ('S', '"
        + dest
        + "', '15880000', '101280092', '"
        + text
        + "', '"
        + ad
        + "'"
        + extraVals
        + ")";
  }

  private Map<String, Object> row(long id) {
    return db.query("SELECT * FROM Z_MSG WHERE ID = ?", id).get(0);
  }

  private String status(long id) {
    return (String) row(id).get("STATUS");
  }

  @ParameterizedTest(name = "{0}: zone {1}, sessions {2}")
  @MethodSource("matrix")
  void theAgentKeepsKoreanAndLocalTimeApart(Dialect dialect, ZoneId zone, ZoneId session) {
    db = TestDb.create(dialect, session);
    SchemaMigrator.migrate(db.ds, dialect, "Z_");
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    MutableClock clock = new MutableClock(start);
    FakeGateway gateway = new FakeGateway();
    // the REPORT's SENDTIME: Korean wall-clock time, as the NGS gateway sends it
    gateway.reports =
        d ->
            new Report(
                0,
                ReportMessage.EMPTY,
                d.daAddr(),
                d.serial(),
                "GW1",
                LocalDateTime.ofInstant(clock.instant(), KST),
                Telco.SK);
    Agent.Builder builder =
        Agent.builder(config(zone))
            .dataSource(db.ds, db.url)
            .gateway(gateway)
            .clock(clock)
            .migrate(true);

    if (!zone.equals(session)) {
      assertThatThrownBy(() -> builder.build().start())
          .isInstanceOf(AgentException.class)
          .hasMessageContaining("zone is " + zone)
          .hasMessageContaining("UTC" + (session.equals(KST) ? "+09:00" : "+00:00"))
          .hasMessageContaining(
              dialect == Dialect.POSTGRESQL
                  ? "-Duser.timezone=" + zone
                  : "SET TIME ZONE '" + zone + "'")
          .hasMessageContaining("allow-zone-mismatch");
      Agent anyway =
          Agent.builder(config(zone).toBuilder().allowZoneMismatch(true).build())
              .dataSource(db.ds, db.url)
              .gateway(gateway)
              .clock(clock)
              .migrate(true)
              .build();
      agents.add(anyway);
      anyway.start(); // warns only
      return;
    }

    long now = insert(values("01050000001", "now", "N", "", ""));
    long later =
        insert(
            values(
                "01050000002",
                "in an hour",
                "N",
                ", SCHEDULED_AT",
                ", LOCALTIMESTAMP + INTERVAL '1' HOUR"));
    long expired =
        insert(
            values(
                "01050000003",
                "too late",
                "N",
                ", EXPIRES_AT",
                ", LOCALTIMESTAMP - INTERVAL '1' MINUTE"));
    long ad = insert(values("01050000004", AD, "Y", "", ""));
    Agent agent = builder.build();
    agents.add(agent);
    agent.start();

    await()
        .atMost(15, TimeUnit.SECONDS)
        .until(() -> "DONE".equals(status(now)) && "EXPIRED".equals(status(expired)));
    Map<String, Object> r = row(now);
    LocalDateTime inZone = LocalDateTime.ofInstant(clock.instant(), zone);
    assertThat(r.get("ACK_AT")).isEqualTo(inZone);
    assertThat(r.get("DELIVERED_AT")).as("SENDTIME in zone").isEqualTo(inZone);
    assertThat(r.get("REPORT_AT")).isEqualTo(inZone);
    assertThat(status(later)).isEqualTo("READY");

    ZonedDateTime korea = clock.instant().atZone(KST);
    boolean adWindow =
        !korea.toLocalTime().isBefore(LocalTime.of(8, 0))
            && korea.toLocalTime().isBefore(LocalTime.of(21, 0));
    if (adWindow) {
      await().atMost(15, TimeUnit.SECONDS).until(() -> "DONE".equals(status(ad)));
    } else {
      await().atMost(15, TimeUnit.SECONDS).until(() -> row(ad).get("NEXT_TRY_AT") != null);
      ZonedDateTime opens =
          korea.toLocalTime().isBefore(LocalTime.of(8, 0))
              ? korea.toLocalDate().atTime(8, 0).atZone(KST)
              : korea.toLocalDate().plusDays(1).atTime(8, 0).atZone(KST);
      assertThat(row(ad).get("NEXT_TRY_AT"))
          .as("08:00 KST in zone")
          .isEqualTo(opens.withZoneSameInstant(zone).toLocalDateTime());
      assertThat(status(ad)).isEqualTo("READY");
    }

    clock.advance(Duration.ofMinutes(61));
    await().atMost(15, TimeUnit.SECONDS).until(() -> "DONE".equals(status(later)));

    // finished rows move to the log table of the Korean month of their last update
    String month =
        LocalDateTime.ofInstant(start, KST).format(DateTimeFormatter.ofPattern("yyyyMM"));
    String expectedLog = "Z_MSG_LOG_" + month;
    await()
        .atMost(15, TimeUnit.SECONDS)
        .until(() -> db.count("SELECT COUNT(*) FROM Z_MSG WHERE ID = " + now) == 0);
    assertThat(
            db.count(
                "SELECT COUNT(*) FROM "
                    + expectedLog
                    + " WHERE ID IN ("
                    + now
                    + ", "
                    + expired
                    + ")"))
        .isEqualTo(2);
  }

  /**
   * init-db runs the same check on the pool the agent would build from the URL: PostgreSQL's driver
   * gives those sessions the JVM's zone, so a zone other than the JVM's is refused, and allowed
   * when told to.
   */
  @org.junit.jupiter.api.Test
  void initDbRefusesAZoneTheSessionsDoNotWriteIn() {
    db = TestDb.create(Dialect.POSTGRESQL, KST);
    ZoneId jvm = ZoneId.systemDefault();
    ZoneId other =
        jvm.getRules().getOffset(Instant.now()).equals(KST.getRules().getOffset(Instant.now()))
            ? UTC
            : KST;
    AgentConfig wrong = config(other);
    assertThatThrownBy(() -> Agent.initDb(wrong, Map.of()))
        .isInstanceOf(AgentException.class)
        .hasMessageContaining("zone is " + other)
        .hasMessageContaining("-Duser.timezone=" + other);
    assertThat(
            db.count(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = 'z_msg'",
                db.name))
        .as("nothing created")
        .isZero();
    assertThat(Agent.initDb(wrong.toBuilder().allowZoneMismatch(true).build(), Map.of()))
        .isEqualTo(7); // V1-V7 (PostgreSQL)
    assertThat(Agent.initDb(config(jvm), Map.of())).isZero();
  }
}
