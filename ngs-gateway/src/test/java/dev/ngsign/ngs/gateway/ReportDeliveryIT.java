package dev.ngsign.ngs.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.DeliverAck;
import dev.ngsign.ngs.protocol.packet.Event;
import dev.ngsign.ngs.protocol.packet.Failover;
import dev.ngsign.ngs.protocol.packet.Link;
import dev.ngsign.ngs.protocol.packet.LinkAck;
import dev.ngsign.ngs.protocol.packet.NgsPacket;
import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.ReportAck;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import dev.ngsign.ngs.protocol.packet.SessionMode;
import dev.ngsign.ngs.protocol.packet.Telco;
import dev.ngsign.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Simulated carrier outcomes (issue point 4) and report delivery that loses nothing (point 5). */
class ReportDeliveryIT {
  private static final String ID = "testid";
  private static final String PW = "secret";

  @TempDir Path dataDir;
  private NgsGateway gw;
  private GatewayPorts ports;

  private void start(Path dir) {
    gw =
        NgsGateway.builder()
            .certInterval(Duration.ZERO)
            .reportDelay(Duration.ZERO)
            .dataDir(dir)
            .account(Account.builder(ID, PW).build())
            .build();
    ports = gw.start();
  }

  @AfterEach
  void stop() {
    if (gw != null) {
      gw.close();
    }
  }

  static Stream<Arguments> outcomes() {
    return Stream.of(
        Arguments.of(TestNumbers.DELIVERED_SK, ResultCode.E_OK, "", Telco.SK),
        Arguments.of(TestNumbers.DELIVERED_KT, ResultCode.E_OK, "", Telco.KT),
        Arguments.of(TestNumbers.DELIVERED_LG, ResultCode.E_OK, "", Telco.LG),
        Arguments.of(TestNumbers.SPAM_SUCCESS, ResultCode.E_OK, "SS", Telco.SK),
        Arguments.of(
            TestNumbers.UNKNOWN_SUBSCRIBER, ResultCode.E_UNKNOWN_SUBSCRIBER, "", Telco.ETC),
        Arguments.of(TestNumbers.UNREACHABLE, ResultCode.E_UNREACHABLE, "", Telco.ETC),
        Arguments.of(TestNumbers.TIMEOUT, ResultCode.E_DELIVERY_TIMEOUT, "", Telco.ETC),
        Arguments.of(TestNumbers.SPAM_BLOCKED, ResultCode.E_SPAM_BLOCKED, "", Telco.ETC),
        Arguments.of(
            TestNumbers.HANDSET_UNSUPPORTED, ResultCode.E_HANDSET_UNSUPPORTED, "", Telco.ETC),
        Arguments.of(TestNumbers.CARRIER_FAIL, ResultCode.E_CARRIER_FAIL, "", Telco.ETC),
        Arguments.of("01012345670", ResultCode.E_OK, "", Telco.SK),
        Arguments.of("01012345675", ResultCode.E_OK, "", Telco.KT),
        Arguments.of("01012345679", ResultCode.E_OK, "", Telco.LG));
  }

  @ParameterizedTest
  @MethodSource("outcomes")
  void testNumbersDecideTheReport(String da, ResultCode result, String message, Telco telco) {
    start(null);
    try (RawNgsClient dlv =
            RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.DELIVER);
        RawNgsClient rep =
            RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.REPORT)) {
      dlv.deliverOk(Messages.sms("T1", da));
      Report r = (Report) rep.read();
      assertThat(ResultCode.of(r.result())).isEqualTo(result);
      assertThat(r.message().toWire()).isEqualTo(message);
      assertThat(r.telco()).isEqualTo(telco);
      assertThat(r.daAddr()).isEqualTo(da);
      assertThat(r.sendTime()).isNotNull();
    }
  }

  static Stream<Arguments> kakaoFallbacks() {
    String shortText = "짧은 본문";
    String longText = "가".repeat(60); // 120 bytes in MS949: LMS
    return Stream.of(
        Arguments.of(Failover.NONE, shortText, null, ResultCode.E_KAKAO_FAIL, "K2103"),
        Arguments.of(Failover.CONVERT, shortText, null, ResultCode.E_OK, "K2103,TS"),
        Arguments.of(Failover.CONVERT, longText, null, ResultCode.E_OK, "K2103,TL"),
        Arguments.of(Failover.REPLACE, longText, shortText, ResultCode.E_OK, "K2103,TS"),
        Arguments.of(Failover.REPLACE, shortText, longText, ResultCode.E_OK, "K2103,TL"),
        Arguments.of(Failover.REPLACE_MMS, shortText, shortText, ResultCode.E_OK, "K2103,TS"));
  }

  @ParameterizedTest
  @MethodSource("kakaoFallbacks")
  void kakaoFailureFallsBackAsFailoverAsks(
      Failover failover, String body, String fallback, ResultCode result, String message) {
    start(null);
    try (RawNgsClient dlv =
            RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.DELIVER);
        RawNgsClient rep =
            RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.REPORT)) {
      dlv.deliverOk(
          Messages.alimtalk("K1", TestNumbers.kakaoFailure(2103), failover, body, fallback));
      Report r = (Report) rep.read();
      assertThat(ResultCode.of(r.result())).isEqualTo(result);
      assertThat(r.message().toWire()).isEqualTo(message);
    }
  }

  @Test
  void kakaoDeliveredNormallyComesFromKko() {
    start(null);
    try (RawNgsClient dlv =
            RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.DELIVER);
        RawNgsClient rep =
            RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.REPORT)) {
      dlv.deliverOk(Messages.alimtalk("K1", "01099998888", Failover.CONVERT, "본문", null));
      Report r = (Report) rep.read();
      assertThat(r.result()).isZero();
      assertThat(r.telco()).isEqualTo(Telco.KKO);
    }
  }

  @ParameterizedTest
  @EnumSource(SessionMode.class)
  void unacknowledgedReportsAreSentAgainAfterReconnect(SessionMode mode) {
    start(null);
    try (RawNgsClient dlv = RawNgsClient.login(ports, ID, PW, mode, SessionKind.DELIVER)) {
      for (int i = 0; i < 3; i++) {
        dlv.deliverOk(Messages.sms("R" + i));
      }
    }
    Set<String> firstRound = new HashSet<>();
    try (RawNgsClient rep = RawNgsClient.login(ports, ID, PW, mode, SessionKind.REPORT)) {
      for (int i = 0; i < 3; i++) {
        Report r = (Report) rep.read();
        firstRound.add(r.gwSerial());
        if (r.serial().equals("R0")) {
          rep.send(r.ack()); // only R0 is acknowledged
        }
      }
      rep.send(new Link());
      assertThat(rep.read()).isInstanceOf(LinkAck.class);
    }
    await().until(() -> !gw.isBound(ID, SessionKind.REPORT));
    assertThat(gw.pendingReports(ID)).isEqualTo(2);
    try (RawNgsClient rep = RawNgsClient.login(ports, ID, PW, mode, SessionKind.REPORT)) {
      Report a = (Report) rep.read();
      Report b = (Report) rep.read();
      assertThat(Set.of(a.serial(), b.serial())).containsExactlyInAnyOrder("R1", "R2");
      assertThat(firstRound).contains(a.gwSerial(), b.gwSerial());
      rep.send(a.ack());
      rep.send(b.ack());
      rep.send(new Link());
      assertThat(rep.read()).isInstanceOf(LinkAck.class);
      await().until(() -> gw.pendingReports(ID) == 0);
    }
    try (RawNgsClient rep = RawNgsClient.login(ports, ID, PW, mode, SessionKind.REPORT)) {
      rep.send(new Link());
      assertThat(rep.read()).as("nothing left to send").isInstanceOf(LinkAck.class);
    }
  }

  @Test
  void anAckWithAnotherSerialOrAFailureResultDeletesNothing() {
    start(null);
    try (RawNgsClient dlv =
        RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.DELIVER)) {
      dlv.deliverOk(Messages.sms("A1"));
      dlv.deliverOk(Messages.sms("A2"));
    }
    try (RawNgsClient rep =
        RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.REPORT)) {
      Report r1 = (Report) rep.read();
      Report r2 = (Report) rep.read();
      rep.send(new ReportAck(0, "WRONG", r1.gwSerial()));
      rep.send(new ReportAck(3001, r2.serial(), r2.gwSerial()));
      rep.send(new Link());
      assertThat(rep.read()).isInstanceOf(LinkAck.class);
      assertThat(gw.pendingReports(ID)).isEqualTo(2);
    }
    await().until(() -> !gw.isBound(ID, SessionKind.REPORT));
    try (RawNgsClient rep =
        RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.REPORT)) {
      Report a = (Report) rep.read();
      Report b = (Report) rep.read();
      assertThat(Set.of(a.serial(), b.serial()))
          .as("the refused reports go out again on the next report session")
          .containsExactlyInAnyOrder("A1", "A2");
      rep.send(a.ack());
      rep.send(b.ack());
      await().until(() -> gw.pendingReports(ID) == 0);
    }
  }

  @Test
  void pendingReportsSurviveARestart() {
    start(dataDir);
    try (RawNgsClient dlv =
        RawNgsClient.login(ports, ID, PW, SessionMode.ENCRYPTED, SessionKind.DELIVER)) {
      for (int i = 0; i < 5; i++) {
        dlv.deliverOk(Messages.sms("P" + i, TestNumbers.DELIVERED_LG));
      }
    }
    Set<String> gwSerials = new HashSet<>();
    try (RawNgsClient rep =
        RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.REPORT)) {
      Report r = (Report) rep.read(); // sent, never acknowledged
      gwSerials.add(r.gwSerial());
    }
    gw.close();
    GatewayPorts before = ports;
    gw =
        NgsGateway.builder()
            .certInterval(Duration.ZERO)
            .reportDelay(Duration.ZERO)
            .dataDir(dataDir)
            .certPort(before.certPort())
            .deliverPort(before.deliverPort())
            .reportPort(before.reportPort())
            .account(Account.builder(ID, PW).build())
            .build();
    ports = gw.start(); // same data directory, same ports
    assertThat(ports).isEqualTo(before);
    assertThat(gw.pendingReports(ID)).isEqualTo(5);
    try (RawNgsClient rep =
        RawNgsClient.login(ports, ID, PW, SessionMode.ENCRYPTED, SessionKind.REPORT)) {
      Set<String> serials = new HashSet<>();
      for (int i = 0; i < 5; i++) {
        Report r = (Report) rep.read();
        assertThat(r.telco()).isEqualTo(Telco.LG);
        serials.add(r.serial());
        gwSerials.add(r.gwSerial());
        rep.send(r.ack());
      }
      assertThat(serials).containsExactlyInAnyOrder("P0", "P1", "P2", "P3", "P4");
      assertThat(gwSerials).hasSize(5);
      await().until(() -> gw.pendingReports(ID) == 0);
    }
    // GWSERIALs keep growing after a restart
    try (RawNgsClient dlv =
            RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.DELIVER);
        RawNgsClient rep =
            RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.REPORT)) {
      dlv.deliverOk(Messages.sms("NEW"));
      Report r = (Report) rep.read();
      assertThat(gwSerials).allSatisfy(old -> assertThat(r.gwSerial()).isGreaterThan(old));
    }
  }

  @Test
  void waitingReportsOutliveTheDropOfTheirSerialBucketAndExpiredSerialsAreNew() {
    MutableClock clock = new MutableClock();
    gw =
        NgsGateway.builder()
            .clock(clock)
            .certInterval(Duration.ZERO)
            .reportDelay(Duration.ZERO)
            .dedupWindow(Duration.ofSeconds(10))
            .dataDir(dataDir)
            .account(Account.builder(ID, PW).build())
            .build();
    ports =
        gw.start(); // sweeps every second (a tenth of the window, at least 1 s); buckets 2.5 s wide
    try (RawNgsClient dlv =
        RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.DELIVER)) {
      for (int i = 0; i < 50; i++) {
        dlv.deliverOk(Messages.sms("W" + i));
      }
      clock.advance(Duration.ofSeconds(5));
      assertThat(gw.messagesAccepted(ID, "W7")).as("in the window").isEqualTo(1);
      clock.advance(
          Duration.ofSeconds(20)); // every SERIAL in the bucket expired: the next sweep drops it
      await().atMost(Duration.ofSeconds(20)).until(() -> gw.messagesAccepted(ID, "W7") == 0);
      assertThat(gw.pendingReports(ID)).isEqualTo(50);
      dlv.deliverOk(Messages.sms("W7")); // after the window: a new message, not a duplicate
      assertThat(gw.messagesAccepted(ID, "W7")).isEqualTo(1);
    }
    assertThat(gw.duplicateCount()).isZero();
    try (RawNgsClient rep =
        RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.REPORT)) {
      Set<String> gwSerials = new HashSet<>();
      for (int i = 0; i < 51; i++) {
        Report r = (Report) rep.read();
        assertThat(gwSerials.add(r.gwSerial())).as("each report once").isTrue();
        rep.send(r.ack());
      }
      await().until(() -> gw.pendingReports(ID) == 0);
    }
    gw.close();
    gw =
        NgsGateway.builder()
            .clock(clock)
            .certInterval(Duration.ZERO)
            .reportDelay(Duration.ZERO)
            .dedupWindow(Duration.ofSeconds(10))
            .dataDir(dataDir)
            .account(Account.builder(ID, PW).build())
            .build();
    ports = gw.start();
    assertThat(gw.pendingReports(ID))
        .as("acknowledged reports stay acknowledged after a restart")
        .isZero();
  }

  @Test
  void aReportThatCannotBeReadBackClosesTheReportSessionWithAnEventInsteadOfStallingIt()
      throws Exception {
    MutableClock clock = new MutableClock();
    gw =
        NgsGateway.builder()
            .clock(clock)
            .certInterval(Duration.ZERO)
            .reportDelay(Duration.ofSeconds(30))
            .dataDir(dataDir)
            .account(Account.builder(ID, PW).build())
            .build();
    ports = gw.start();
    try (RawNgsClient dlv =
            RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.DELIVER);
        RawNgsClient rep =
            RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.REPORT)) {
      dlv.deliverOk(Messages.sms("T1"));
      storeOf(gw).close(); // the store fails under the running gateway (a disk fault)
      clock.advance(Duration.ofSeconds(30)); // due now: the report session's poller reads it back
      List<NgsPacket> got = rep.readUntilClosed();
      assertThat(got)
          .last()
          .isInstanceOfSatisfying(
              Event.class,
              e ->
                  assertThat(e.data())
                      .isEqualTo(ResultCode.E_SYS_FAIL.code() + " gateway store failure"));
    }
  }

  /**
   * The gateway's store, reached by reflection: only to make it fail from under a running gateway.
   */
  private static dev.ngsign.ngs.gateway.internal.report.ReportStore storeOf(NgsGateway g)
      throws Exception {
    java.lang.reflect.Field f = NgsGateway.class.getDeclaredField("server");
    f.setAccessible(true);
    return ((dev.ngsign.ngs.gateway.internal.GatewayServer) f.get(g)).context().store();
  }

  @Test
  void reportsWaitForTheirDelay() {
    MutableClock clock = new MutableClock();
    gw =
        NgsGateway.builder()
            .clock(clock)
            .certInterval(Duration.ZERO)
            .reportDelay(Duration.ofSeconds(30))
            .account(Account.builder(ID, PW).build())
            .build();
    ports = gw.start();
    try (RawNgsClient dlv =
            RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.DELIVER);
        RawNgsClient rep =
            RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.REPORT)) {
      dlv.deliverOk(Messages.sms("D1"));
      rep.send(new Link());
      assertThat(rep.read()).as("not due yet").isInstanceOf(LinkAck.class);
      clock.advance(Duration.ofSeconds(30));
      NgsPacket p = rep.read();
      assertThat(p).isInstanceOf(Report.class);
      assertThat(((Report) p).sendTime())
          .isEqualTo(java.time.LocalDateTime.of(2026, 11, 24, 12, 0, 30));
    }
  }

  @Test
  void manyReportsFlowWithABoundedWindow() {
    gw =
        NgsGateway.builder()
            .certInterval(Duration.ZERO)
            .reportDelay(Duration.ZERO)
            .reportWindow(16)
            .account(Account.builder(ID, PW).build())
            .build();
    ports = gw.start();
    int n = 500;
    try (RawNgsClient dlv =
            RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.DELIVER);
        RawNgsClient rep =
            RawNgsClient.login(ports, ID, PW, SessionMode.ENCRYPTED, SessionKind.REPORT)) {
      for (int i = 0; i < n; i++) {
        dlv.send(Messages.sms("M" + i));
      }
      for (int i = 0; i < n; i++) {
        assertThat(((DeliverAck) dlv.read()).result()).isZero();
      }
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < n; i++) {
        Report r = (Report) rep.read();
        assertThat(seen.add(r.serial())).isTrue();
        rep.send(r.ack());
      }
      await().until(() -> gw.pendingReports(ID) == 0);
    }
  }
}
