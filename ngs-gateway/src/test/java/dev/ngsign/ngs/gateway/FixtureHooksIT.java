package dev.ngsign.ngs.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.DeliverAck;
import dev.ngsign.ngs.protocol.packet.Event;
import dev.ngsign.ngs.protocol.packet.EventType;
import dev.ngsign.ngs.protocol.packet.Failover;
import dev.ngsign.ngs.protocol.packet.Link;
import dev.ngsign.ngs.protocol.packet.LinkAck;
import dev.ngsign.ngs.protocol.packet.NgsPacket;
import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import dev.ngsign.ngs.protocol.packet.SessionMode;
import dev.ngsign.ngs.protocol.packet.TpsClass;
import dev.ngsign.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fixture hooks client tests asked for, over real sockets: LINK_ACKs held back (keepalive
 * timeout), an acknowledged REPORT sent once more (duplicate reports) and accepted counts per TPS
 * class (pacing).
 */
class FixtureHooksIT {
  private static final String ID = "testid";
  private static final String PW = "secret";

  private NgsGateway gw;
  private GatewayPorts ports;

  private void start(UnaryOperator<NgsGateway.Builder> config) {
    gw =
        config
            .apply(
                NgsGateway.builder()
                    .certInterval(Duration.ZERO)
                    .reportDelay(Duration.ZERO)
                    .account(Account.builder(ID, PW).build()))
            .build();
    ports = gw.start();
  }

  @AfterEach
  void stop() {
    if (gw != null) {
      gw.close();
    }
  }

  /**
   * Asserts that nothing but LINK_ACKs comes: two LINK round trips, because a LINK_ACK is written
   * as its LINK is read, a REPORT only at the end of that read; after the second LINK_ACK nothing
   * of the first read is left to come.
   */
  private static void assertNothingElseSent(RawNgsClient rep, String why) {
    for (int i = 0; i < 2; i++) {
      rep.send(new Link());
      assertThat(rep.read()).as(why).isInstanceOf(LinkAck.class);
    }
  }

  private long packetsIn(SessionKind kind) {
    return gw.sessions().stream()
        .filter(s -> s.kind() == kind)
        .mapToLong(SessionInfo::packetsIn)
        .sum();
  }

  // ---- holdLinkAcks ----

  @Test
  void heldLinkIsReceivedKeepsTheSessionAliveAndIsNotAnswered() throws InterruptedException {
    start(b -> b.idleTimeout(Duration.ofMillis(1_000)));
    gw.holdLinkAcks(ID, SessionKind.DELIVER, true);
    ScheduledExecutorService linker = Executors.newSingleThreadScheduledExecutor();
    try (RawNgsClient dlv =
            RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.DELIVER);
        RawNgsClient rep =
            RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.REPORT)) {
      // LINK then DELIVER on one session: a LINK_ACK would come before the DELIVER_ACK
      dlv.send(new Link());
      dlv.deliverOk(Messages.sms("H1"));
      // the other kind is not held (H1's report comes first: it was due at once)
      Report h1 = (Report) rep.read();
      rep.send(h1.ack());
      rep.send(new Link());
      assertThat(rep.read()).isInstanceOf(LinkAck.class);

      // LINKs alone, unanswered, keep the session past its idle timeout: they are still activity
      long before = packetsIn(SessionKind.DELIVER);
      linker.scheduleAtFixedRate(() -> dlv.send(new Link()), 0, 200, TimeUnit.MILLISECONDS);
      await()
          .during(Duration.ofMillis(2_500))
          .atMost(Duration.ofSeconds(5))
          .until(() -> gw.isBound(ID, SessionKind.DELIVER));
      linker.shutdownNow();
      assertThat(linker.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
      assertThat(packetsIn(SessionKind.DELIVER) - before)
          .as("LINKs received")
          .isGreaterThanOrEqualTo(10);

      // once the LINKs stop, the idle timeout closes it; not one LINK_ACK came before the EVENT
      List<NgsPacket> got = dlv.readUntilClosed();
      assertThat(got).hasSize(1).first().isInstanceOf(Event.class);
      Event e = (Event) got.get(0);
      assertThat(e.eventType()).isEqualTo(EventType.DISCONNECT);
      assertThat(e.data()).startsWith(ResultCode.E_IDLE_TIMEOUT.code() + " ");
    } finally {
      linker.shutdownNow();
    }
    await().until(() -> !gw.isBound(ID, SessionKind.DELIVER));

    // the hold is per account and kind: the session bound after the reconnect is held too, until
    // released
    try (RawNgsClient dlv =
        RawNgsClient.login(ports, ID, PW, SessionMode.ENCRYPTED, SessionKind.DELIVER)) {
      dlv.send(new Link());
      dlv.deliverOk(Messages.sms("H2"));
      gw.holdLinkAcks(ID, null, false);
      dlv.send(new Link());
      assertThat(dlv.read()).isInstanceOf(LinkAck.class);
    }
  }

  // ---- resendAcknowledgedReports ----

  @ParameterizedTest
  @EnumSource(SessionMode.class)
  void anAcknowledgedReportIsSentOnceMoreWhenAsked(SessionMode mode) {
    start(b -> b);
    try (RawNgsClient dlv = RawNgsClient.login(ports, ID, PW, mode, SessionKind.DELIVER);
        RawNgsClient rep = RawNgsClient.login(ports, ID, PW, mode, SessionKind.REPORT)) {
      // unused, an acknowledged report never comes again
      dlv.deliverOk(Messages.sms("N1"));
      Report n1 = (Report) rep.read();
      rep.send(n1.ack());
      assertNothingElseSent(rep, "no repeat without the switch");

      gw.resendAcknowledgedReports(ID, 1);
      dlv.deliverOk(Messages.sms("R1"));
      dlv.deliverOk(Messages.sms("R2"));
      Report r1 = (Report) rep.read();
      Report r2 = (Report) rep.read();
      assertThat(List.of(r1.serial(), r2.serial())).containsExactly("R1", "R2");
      rep.send(r1.ack());
      Report again = (Report) rep.read();
      assertThat(again).as("R1 once more, unchanged").isEqualTo(r1);
      assertThat(gw.pendingReports(ID)).as("R1 is acknowledged all the same").isEqualTo(1);

      rep.send(again.ack()); // the repeat's ACK deletes nothing and is not repeated
      rep.send(r2.ack()); // the count is used up: R2 does not come again
      assertNothingElseSent(rep, "one repeat only");
      await().until(() -> gw.pendingReports(ID) == 0);
      assertThat(gw.messagesAccepted(ID, "R1")).isEqualTo(1);
    }
    // nor on the next report session
    try (RawNgsClient rep = RawNgsClient.login(ports, ID, PW, mode, SessionKind.REPORT)) {
      assertNothingElseSent(rep, "nothing left to send");
    }
  }

  // ---- acceptedPerSecond per TPS class ----

  @Test
  void acceptedPerSecondPerTpsClass() {
    MutableClock clock = new MutableClock();
    gw =
        NgsGateway.builder()
            .clock(clock)
            .certInterval(Duration.ZERO)
            .reportDelay(Duration.ZERO)
            .account(Account.builder(ID, PW).tps(3, 2, 1).build())
            .build();
    ports = gw.start();
    long second = clock.millis() / 1000;
    try (RawNgsClient dlv =
        RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.DELIVER)) {
      for (int i = 0; i < 4; i++) {
        dlv.send(Messages.sms("S" + i)); // the 4th is over the SMS limit: refused, not counted
      }
      assertThat(results(dlv, 4)).containsExactly(0, 0, 0, ResultCode.E_TPS_OVER.code());
      dlv.deliverOk(Messages.sms("S0")); // a duplicate: E_OK, not a new message
      dlv.deliverOk(Messages.lms("L0", "본문"));
      dlv.deliverOk(Messages.lms("L1", "본문"));
      dlv.deliverOk(Messages.alimtalk("K0", "01020001234", Failover.NONE, "본문", null));
      clock.advance(Duration.ofSeconds(1));
      dlv.deliverOk(Messages.sms("S9"));
    }
    assertThat(gw.acceptedPerSecond(ID, TpsClass.SMS))
        .isEqualTo(Map.of(second, 3L, second + 1, 1L));
    assertThat(gw.acceptedPerSecond(ID, TpsClass.MMS)).isEqualTo(Map.of(second, 2L));
    assertThat(gw.acceptedPerSecond(ID, TpsClass.KKO)).isEqualTo(Map.of(second, 1L));
    assertThat(gw.acceptedPerSecond(ID))
        .as("the total is their sum")
        .isEqualTo(Map.of(second, 6L, second + 1, 1L));
  }

  private static List<Integer> results(RawNgsClient dlv, int n) {
    Integer[] out = new Integer[n];
    for (int i = 0; i < n; i++) {
      out[i] = ((DeliverAck) dlv.read()).result();
    }
    return List.of(out);
  }
}
