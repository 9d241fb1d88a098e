package dev.ngsign.ngs.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ngsign.ngs.agent.demo.SampleMessages;
import dev.ngsign.ngs.agent.internal.schema.Dialect;
import dev.ngsign.ngs.gateway.Account;
import dev.ngsign.ngs.gateway.GatewayPorts;
import dev.ngsign.ngs.gateway.NgsGateway;
import dev.ngsign.ngs.gateway.TestNumbers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The console's actions through real HTTP, on a real database, with the agent sending through the
 * real gateway simulator (issue 18.2): resend of a FAILED and of an EXPIRED row (a new row, a new
 * SERIAL, accepted by the gateway once), cancel of a READY row, pause and resume of an account
 * (held across a restart); each with its audit row; refusals change nothing.
 */
class ConsoleActionsIT {
  private NgsGateway gateway;
  private GatewayPorts ports;
  private TestDb db;
  private Agent agent;

  @BeforeEach
  void startGateway() {
    gateway =
        NgsGateway.builder()
            .account(Account.builder("testid", "secret").build())
            .account(Account.builder("sideid", "secret").build())
            .reportDelay(Duration.ofMillis(20))
            .certInterval(Duration.ZERO)
            .lock(0, Duration.ofSeconds(1), Duration.ofSeconds(1))
            .build();
    ports = gateway.start();
  }

  @AfterEach
  void stop() {
    if (agent != null) {
      agent.close();
    }
    gateway.close();
    if (db != null) {
      db.close();
    }
  }

  private Agent startAgent() {
    agent =
        db.agent(
                ConsoleUnderTest.config(
                    "console-it",
                    db,
                    "C_",
                    List.of(
                        ConsoleUnderTest.account("main", ports.certPort(), "testid", true, 0),
                        ConsoleUnderTest.account("side", ports.certPort(), "sideid", false, 0))))
            .build()
            .start();
    return agent;
  }

  @ParameterizedTest
  @EnumSource(
      value = Dialect.class,
      names = {"H2", "POSTGRESQL", "MARIADB"})
  void a_failed_row_is_resent_once_as_a_new_row_with_a_new_serial(Dialect dialect)
      throws Exception {
    db = TestDb.create(dialect);
    startAgent();
    ConsoleClient ops = new ConsoleClient(agent.consolePort()).login("박지성");
    long failed = insert(SampleMessages.sms(TestNumbers.UNREACHABLE, "재전송 시험").columns());
    await().atMost(30, TimeUnit.SECONDS).until(() -> status(failed).equals("FAILED"));
    String oldSerial = (String) row(failed).get("SERIAL");

    HttpResponse<String> done = ops.act("resend", Map.of("id", Long.toString(failed)));
    assertThat(done.statusCode()).isEqualTo(303);
    assertThat(done.headers().firstValue("Location").orElseThrow()).startsWith("/audit?done=");

    Map<String, Object> audit = db.query("SELECT * FROM C_AUDIT").get(0);
    assertThat(audit)
        .containsEntry("ACTION", "RESEND")
        .containsEntry("OPERATOR", "박지성")
        .containsEntry("NODE_ID", "console-it")
        .containsEntry("ACCOUNT", "main");
    assertThat(((Number) audit.get("MSG_ID")).longValue()).isEqualTo(failed);
    long copy = ((Number) audit.get("NEW_MSG_ID")).longValue();
    HttpResponse<String> page = ops.get(done.headers().firstValue("Location").orElseThrow());
    assertThat(page.body()).contains("Row " + failed + " resent as row " + copy);

    // the copy goes out with its own SERIAL: the gateway takes it as a new message
    await().atMost(30, TimeUnit.SECONDS).until(() -> status(copy).equals("FAILED"));
    Map<String, Object> c = row(copy);
    assertThat(c.get("SERIAL")).isNotEqualTo(oldSerial);
    assertThat(c.get("DEST_ADDR")).isEqualTo(TestNumbers.UNREACHABLE);
    assertThat(c.get("MSG_TEXT")).isEqualTo("재전송 시험");
    assertThat(c.get("ACCOUNT")).isEqualTo("main");
    assertThat(((Number) c.get("RESULT_CODE")).intValue()).isEqualTo(4002);
    assertThat(gateway.messagesAccepted("testid", oldSerial)).isEqualTo(1);
    assertThat(gateway.messagesAccepted("testid", (String) c.get("SERIAL"))).isEqualTo(1);
    assertThat(status(failed)).isEqualTo("FAILED");

    // twice: refused, nothing new
    HttpResponse<String> again = ops.act("resend", Map.of("id", Long.toString(failed)));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("already resent as row " + copy);
    assertThat(db.count("SELECT COUNT(*) FROM C_MSG")).isEqualTo(2);
    assertThat(db.count("SELECT COUNT(*) FROM C_AUDIT")).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(
      value = Dialect.class,
      names = {"H2", "POSTGRESQL"})
  void an_expired_row_is_resent_and_delivered_and_a_ready_row_cannot_be_resent(Dialect dialect)
      throws Exception {
    db = TestDb.create(dialect);
    startAgent();
    ConsoleClient ops = new ConsoleClient(agent.consolePort()).login("ops");
    Map<String, Object> cols =
        new HashMap<>(SampleMessages.lms(TestNumbers.DELIVERED_KT).columns());
    cols.put("EXPIRES_AT", LocalDateTime.now(ZoneId.of("Asia/Seoul")).minusMinutes(5));
    long expired = insert(cols);
    await().atMost(30, TimeUnit.SECONDS).until(() -> status(expired).equals("EXPIRED"));

    HttpResponse<String> r = ops.act("resend", Map.of("id", Long.toString(expired)));
    assertThat(r.statusCode()).isEqualTo(303);
    long copy = newRowOf(expired);
    await().atMost(30, TimeUnit.SECONDS).until(() -> status(copy).equals("DONE"));
    assertThat(row(copy).get("EXPIRES_AT")).isNull();
    assertThat(row(copy).get("SUBJECT")).isEqualTo(row(expired).get("SUBJECT"));
    assertThat(gateway.messagesAccepted("testid", (String) row(copy).get("SERIAL"))).isEqualTo(1);

    HttpResponse<String> done = ops.act("resend", Map.of("id", Long.toString(copy)));
    assertThat(done.statusCode()).isEqualTo(409);
    assertThat(done.body()).contains("is DONE; only a FAILED or EXPIRED row can be resent");
  }

  @ParameterizedTest
  @EnumSource(
      value = Dialect.class,
      names = {"H2", "POSTGRESQL"})
  void a_row_without_a_report_is_resent_only_when_a_duplicate_is_accepted(Dialect dialect)
      throws Exception {
    db = TestDb.create(dialect);
    startAgent();
    ConsoleClient ops = new ConsoleClient(agent.consolePort()).login("ops");
    long id = insert(SampleMessages.sms(TestNumbers.DELIVERED_SK, "no report").columns());
    await().atMost(30, TimeUnit.SECONDS).until(() -> status(id).equals("DONE"));
    // as the report timeout leaves a row whose REPORT never came
    db.update("UPDATE C_MSG SET STATUS = 'FAILED', RESULT_CODE = 9006 WHERE ID = ?", id);

    HttpResponse<String> confirm = ops.get("/actions/resend?id=" + id);
    assertThat(confirm.body()).contains("may already have it", "accept-duplicate");
    HttpResponse<String> refused = ops.act("resend", Map.of("id", Long.toString(id)));
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(db.count("SELECT COUNT(*) FROM C_MSG")).isEqualTo(1);

    HttpResponse<String> accepted =
        ops.act("resend", Map.of("id", Long.toString(id), "accept-duplicate", "yes"));
    assertThat(accepted.statusCode()).isEqualTo(303);
    long copy = newRowOf(id);
    await().atMost(30, TimeUnit.SECONDS).until(() -> status(copy).equals("DONE"));
  }

  @ParameterizedTest
  @EnumSource(
      value = Dialect.class,
      names = {"H2", "POSTGRESQL"})
  void pause_holds_across_a_restart_cancel_takes_a_ready_row_and_resume_sends_the_rest(
      Dialect dialect) throws Exception {
    db = TestDb.create(dialect);
    startAgent();
    ConsoleClient ops = new ConsoleClient(agent.consolePort()).login("ops");
    HttpResponse<String> paused =
        ops.act("pause", Map.of("account", "main", "reason", "통신사 장애 점검"));
    assertThat(paused.statusCode()).isEqualTo(303);
    assertThat(ops.get("/").body()).contains("paused by ops", "통신사 장애 점검");

    long held = insert(SampleMessages.sms(TestNumbers.DELIVERED_SK, "held").columns());
    long toCancel = insert(SampleMessages.sms(TestNumbers.DELIVERED_LG, "cancel me").columns());
    Map<String, Object> sideCols =
        new HashMap<>(SampleMessages.sms(TestNumbers.DELIVERED_KT, "side").columns());
    sideCols.put("ACCOUNT", "side");
    long side = insert(sideCols);
    // the other account sends; the paused one claims nothing
    await().atMost(30, TimeUnit.SECONDS).until(() -> status(side).equals("DONE"));
    assertThat(status(held)).isEqualTo("READY");

    HttpResponse<String> canceled = ops.act("cancel", Map.of("id", Long.toString(toCancel)));
    assertThat(canceled.statusCode()).isEqualTo(303);
    assertThat(status(toCancel)).isEqualTo("CANCELED");
    HttpResponse<String> cancelDone = ops.act("cancel", Map.of("id", Long.toString(side)));
    assertThat(cancelDone.statusCode()).isEqualTo(409);
    assertThat(cancelDone.body()).contains("only a READY row can be canceled");
    assertThat(status(side)).isEqualTo("DONE");

    // a restart keeps the pause (it is in the database, for every node)
    agent.close();
    startAgent();
    Map<String, Object> side2Cols = new HashMap<>(sideCols);
    long side2 = insert(side2Cols);
    await().atMost(30, TimeUnit.SECONDS).until(() -> status(side2).equals("DONE"));
    assertThat(status(held)).isEqualTo("READY");

    ops = new ConsoleClient(agent.consolePort()).login("ops2"); // sessions end with the process
    HttpResponse<String> resumed = ops.act("resume", Map.of("account", "main"));
    assertThat(resumed.statusCode()).isEqualTo(303);
    await().atMost(30, TimeUnit.SECONDS).until(() -> status(held).equals("DONE"));
    assertThat(status(toCancel)).isEqualTo("CANCELED");
    assertThat(row(toCancel).get("SERIAL")).isNull(); // never claimed, never sent
    HttpResponse<String> twice = ops.act("resume", Map.of("account", "main"));
    assertThat(twice.statusCode()).isEqualTo(409);

    List<Map<String, Object>> audit =
        db.query("SELECT ACTION, OPERATOR, ACCOUNT, MSG_ID, DETAIL FROM C_AUDIT ORDER BY ID");
    assertThat(audit).extracting(a -> a.get("ACTION")).containsExactly("PAUSE", "CANCEL", "RESUME");
    assertThat(audit).extracting(a -> a.get("OPERATOR")).containsExactly("ops", "ops", "ops2");
    assertThat(audit.get(0).get("DETAIL")).isEqualTo("통신사 장애 점검");
    assertThat(((Number) audit.get(1).get("MSG_ID")).longValue()).isEqualTo(toCancel);
    assertThat(db.count("SELECT COUNT(*) FROM C_PAUSE")).isZero();
  }

  private long insert(Map<String, ?> cols) {
    return new SendTable(db.ds, "C_").insert(cols);
  }

  private long newRowOf(long id) {
    return ((Number)
            db.query("SELECT NEW_MSG_ID FROM C_AUDIT WHERE RESENT_FROM = ?", id)
                .get(0)
                .get("NEW_MSG_ID"))
        .longValue();
  }

  private String status(long id) {
    return (String) row(id).get("STATUS");
  }

  private Map<String, Object> row(long id) {
    return db.query("SELECT * FROM C_MSG WHERE ID = ?", id).get(0);
  }
}
