package dev.ngsign.ngs.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ngsign.ngs.gateway.TestNumbers;
import dev.ngsign.ngs.protocol.crypto.PasswordHash;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Metrics and logs: what an operator sees, and that no secret is in it. */
class ObservabilityIT {

  @Test
  void metersCountSendsAcksReportsAndReconnects() throws Exception {
    SimpleMeterRegistry reg = new SimpleMeterRegistry();
    try (GatewayFixture gw = new GatewayFixture(GatewayFixture.account("metrics"));
        NgsClient c = gw.client("metrics").accountName("shop").meterRegistry(reg).build()) {
      c.start();
      for (int i = 0; i < 5; i++) {
        Sms m =
            Sms.builder()
                .to(i < 4 ? TestNumbers.DELIVERED_SK : TestNumbers.UNREACHABLE)
                .from(GatewayFixture.FROM)
                .text("m" + i)
                .build();
        var rep = c.awaitReport(m.serial());
        c.sendAndWait(m);
        rep.get(10, TimeUnit.SECONDS);
      }
      gw.gateway.kick("metrics", SessionKind.DELIVER, "operator test");
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  reg.get("ngs.client.reconnects").counter().count() == 1
                      && c.state() == ConnectionState.BOUND);
      assertThat(
              reg.get("ngs.client.sent")
                  .tag("account", "shop")
                  .tag("ngs_id", "metrics")
                  .counter()
                  .count())
          .isEqualTo(5);
      // every meter of the account carries both its name and its NGS id
      assertThat(reg.getMeters())
          .isNotEmpty()
          .allSatisfy(
              m -> {
                assertThat(m.getId().getTag("account")).as(m.getId().getName()).isEqualTo("shop");
                assertThat(m.getId().getTag("ngs_id")).as(m.getId().getName()).isEqualTo("metrics");
              });
      assertThat(reg.get("ngs.client.acked").tag("code", "E_OK").counter().count()).isEqualTo(5);
      assertThat(reg.get("ngs.client.ack.latency").timer().count()).isEqualTo(5);
      assertThat(reg.get("ngs.client.reports").tag("result", "E_OK").counter().count())
          .isEqualTo(4);
      assertThat(reg.get("ngs.client.reports").tag("result", "E_UNREACHABLE").counter().count())
          .isEqualTo(1);
      assertThat(reg.get("ngs.client.inflight").gauge().value()).isZero();
      assertThat(reg.get("ngs.client.pending").gauge().value()).isZero();
      assertThat(reg.get("ngs.client.queued").gauge().value()).isZero();
    }
  }

  /**
   * A failed login closes the client; the application builds a new one for the same account (the
   * agent, the Spring starter). The gauges must read the new client, and registering them again
   * must not make Micrometer warn "This Gauge has been already registered" (before the fix they
   * stayed bound to the first, closed client and read 0 for ever).
   */
  @Test
  void gaugesFollowTheLiveClientAfterAFailedLogin() {
    SimpleMeterRegistry reg = new SimpleMeterRegistry();
    Logger micrometer = (Logger) LoggerFactory.getLogger("io.micrometer");
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    micrometer.addAppender(logs);
    GatewayFixture gw = new GatewayFixture(GatewayFixture.account("gauges"));
    try {
      try (NgsClient refused =
          gw.client("gauges").account("gauges", "wrong").meterRegistry(reg).build()) {
        assertThat(refused.startAsync()).failsWithin(Duration.ofSeconds(10));
      }
      try (NgsClient live = gw.client("gauges").meterRegistry(reg).build()) {
        live.start();
        gw.close(); // the live client reconnects; what it is given now waits in its queue
        await().atMost(Duration.ofSeconds(10)).until(() -> live.state() != ConnectionState.BOUND);
        var pending =
            live.send(
                Sms.builder()
                    .to(TestNumbers.DELIVERED_SK)
                    .from(GatewayFixture.FROM)
                    .text("queued while down")
                    .build());
        await()
            .atMost(Duration.ofSeconds(5))
            .untilAsserted(
                () -> {
                  assertThat(reg.get("ngs.client.pending").gauge().value()).isEqualTo(1.0);
                  assertThat(reg.get("ngs.client.queued").gauge().value()).isEqualTo(1.0);
                });
        assertThat(pending).isNotDone();
      }
      // closed: the gauges read zero, not the numbers of a client that is gone
      assertThat(reg.get("ngs.client.pending").gauge().value()).isZero();
      assertThat(reg.find("ngs.client.pending").gauges()).hasSize(1);
      assertThat(logs.list)
          .extracting(ILoggingEvent::getFormattedMessage)
          .noneMatch(m -> m.contains("already registered"));
    } finally {
      micrometer.detachAppender(logs);
      gw.close();
    }
  }

  @Test
  void thePasswordAndItsDerivedFieldsNeverReachTheLogs() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Logger client = (Logger) LoggerFactory.getLogger("dev.ngsign.ngs.client");
    ch.qos.logback.classic.Level before = client.getLevel();
    client.setLevel(ch.qos.logback.classic.Level.DEBUG);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    try (GatewayFixture gw = new GatewayFixture(GatewayFixture.account("secret"))) {
      try (NgsClient bad = gw.client("secret").account("secret", "Wrong-Pa55word").build()) {
        bad.startAsync().handle((v, e) -> e).join();
      }
      try (NgsClient c = gw.client("secret").encrypted(true).build()) {
        c.start();
        c.sendAndWait(
            Sms.builder().to(TestNumbers.DELIVERED_SK).from(GatewayFixture.FROM).text("x").build());
        gw.gateway.kick("secret", null, "test");
        await().atMost(Duration.ofSeconds(5)).until(() -> c.state() == ConnectionState.BOUND);
      }
    } finally {
      root.detachAppender(logs);
      client.setLevel(before);
    }
    String pwdField = PasswordHash.of(GatewayFixture.PASSWORD).pwdField(0).substring(0, 20);
    assertThat(logs.list).isNotEmpty();
    assertThat(logs.list)
        .allSatisfy(
            e -> {
              String text =
                  e.getFormattedMessage()
                      + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage());
              assertThat(text)
                  .doesNotContain(GatewayFixture.PASSWORD)
                  .doesNotContain("Wrong-Pa55word")
                  .doesNotContain(pwdField);
            });
    assertThat(logs.list).anyMatch(e -> e.getFormattedMessage().contains("[secret]"));
  }
}
