package dev.ngsign.ngs.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ngsign.ngs.gateway.Account;
import dev.ngsign.ngs.gateway.NgsGateway;
import dev.ngsign.ngs.gateway.TestNumbers;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.Failover;
import dev.ngsign.ngs.protocol.packet.MessageType;
import dev.ngsign.ngs.protocol.packet.TpsClass;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import dev.ngsign.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client against the real gateway on 127.0.0.1. */
class GatewayIT {
  private static final String FROM = GatewayFixture.FROM;

  static List<NgsMessage> everyType(String to) {
    return List.of(
        Sms.builder().to(to).from(FROM).text("SMS 테스트 발송 입니다.").build(),
        Lms.builder().to(to).from(FROM).subject("LMS 제목").text("LMS 본문 ".repeat(50)).build(),
        Mms.builder()
            .to(to)
            .from(FROM)
            .subject("MMS 제목")
            .text("MMS 본문")
            .image(Images.jpeg(2_000))
            .image(Images.png(1_000))
            .build(),
        AlimTalk.builder()
            .to(to)
            .from(FROM)
            .senderKey("cf1060fa976a7875eafae84083649af24f6ad3db")
            .template("temp_code_01")
            .text("알림톡 본문입니다.")
            .button(KakaoButton.webLink("보기", "https://m.example.com/a", null))
            .failover(Failover.CONVERT)
            .fallbackTitle("Replace Title")
            .build(),
        AlimTalk.builder()
            .to(to)
            .from(FROM)
            .senderKey("cf1060fa976a7875eafae84083649af24f6ad3db")
            .template("temp_code_02")
            .text("알림톡 이미지")
            .image(Images.jpeg(3_000))
            .fallbackText("대체 본문")
            .build(),
        FriendTalk.builder()
            .to(to)
            .from(FROM)
            .senderKey("cf1060fa976a7875eafae84083649af24f6ad3db")
            .text("친구톡 본문 😀")
            .fallbackText("친구톡 대체 본문")
            .build(),
        FriendTalk.builder()
            .to(to)
            .from(FROM)
            .senderKey("cf1060fa976a7875eafae84083649af24f6ad3db")
            .text("친구톡 이미지")
            .image(Images.png(5_000))
            .build(),
        FriendTalk.builder()
            .to(to)
            .from(FROM)
            .senderKey("cf1060fa976a7875eafae84083649af24f6ad3db")
            .text("와이드")
            .wideImage(Images.jpeg(10_000))
            .build());
  }

  @ParameterizedTest(name = "encrypted={0}")
  @ValueSource(booleans = {false, true})
  void everyMessageTypeIsAcceptedAndReported(boolean encrypted) throws Exception {
    try (GatewayFixture gw = new GatewayFixture(GatewayFixture.account("types"));
        NgsClient client = gw.client("types").encrypted(encrypted).build()) {
      client.start();
      List<NgsMessage> msgs = everyType(TestNumbers.DELIVERED_KT);
      assertThat(msgs)
          .extracting(NgsMessage::type)
          .containsExactly(
              MessageType.SMS,
              MessageType.LMS,
              MessageType.MMS,
              MessageType.ALIMTALK,
              MessageType.ALIMTALK_IMAGE,
              MessageType.FRIENDTALK,
              MessageType.FRIENDTALK_IMAGE,
              MessageType.FRIENDTALK_WIDE);
      List<CompletableFuture<NgsReport>> reports = new ArrayList<>();
      for (NgsMessage m : msgs) {
        reports.add(client.awaitReport(m.serial()));
        assertThat(client.sendAndWait(m).resultCode()).isEqualTo(ResultCode.E_OK);
      }
      for (int i = 0; i < msgs.size(); i++) {
        NgsReport r = reports.get(i).get(10, TimeUnit.SECONDS);
        assertThat(r.delivered()).as("report of %s", msgs.get(i)).isTrue();
        assertThat(r.serial()).isEqualTo(msgs.get(i).serial());
      }
      assertThat(gw.gateway.acceptedCount("types")).isEqualTo(msgs.size());
    }
  }

  @Test
  void failureReportsCarryTheirCodeAndFlags() throws Exception {
    try (GatewayFixture gw = new GatewayFixture(GatewayFixture.account("fails"));
        NgsClient client = gw.client("fails").build()) {
      client.start();
      Sms unknown = Sms.builder().to(TestNumbers.UNKNOWN_SUBSCRIBER).from(FROM).text("x").build();
      AlimTalk kakaoFail =
          AlimTalk.builder()
              .to(TestNumbers.kakaoFailure(2103))
              .from(FROM)
              .senderKey("k1")
              .template("t1")
              .text("알림")
              .failover(Failover.CONVERT)
              .build();
      var r1 = client.awaitReport(unknown.serial());
      var r2 = client.awaitReport(kakaoFail.serial());
      client.sendAndWait(unknown);
      client.sendAndWait(kakaoFail);
      assertThat(r1.get(10, TimeUnit.SECONDS).resultCode())
          .isEqualTo(ResultCode.E_UNKNOWN_SUBSCRIBER);
      NgsReport k = r2.get(10, TimeUnit.SECONDS);
      assertThat(k.report().message().kakaoErrorCode()).contains("2103");
    }
  }

  @Test
  void theWindowFillsToExactlyItsSizeAndNoFurther() {
    // The gateway answers none of the first 300 DELIVERs; a client clock held still keeps their ACK
    // timeout away.
    String silent = "01077770300";
    MutableClock clock = new MutableClock();
    try (GatewayFixture gw = new GatewayFixture(GatewayFixture.account("window"));
        NgsClient client = gw.client("window").window(300).clock(clock).build()) {
      client.start();
      gw.gateway.swallowDeliverAcks(silent, 300);
      for (int i = 0; i < 310; i++) {
        client.send(Sms.builder().to(silent).from(FROM).text("w" + i).build());
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> client.inFlight() == 300);
      assertThat(client.pending()).isEqualTo(310);
      assertThat(gw.gateway.acceptedCount("window")).isZero();
      assertThat(client.inFlight()).isEqualTo(300); // the ten others wait for a free slot
    }
  }

  @Test
  void twoThousandPassThroughAWindowOfThreeHundred() {
    try (GatewayFixture gw = new GatewayFixture(GatewayFixture.account("window"));
        NgsClient client = gw.client("window").window(300).build()) {
      client.start();
      AtomicInteger maxInFlight = new AtomicInteger();
      List<CompletableFuture<DeliverResult>> fs = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        fs.add(
            client
                .send(Sms.builder().to(TestNumbers.DELIVERED_SK).from(FROM).text("w" + i).build())
                .whenComplete(
                    (r, e) -> maxInFlight.accumulateAndGet(client.inFlight() + 1, Math::max)));
      }
      CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).join();
      assertThat(maxInFlight.get()).isBetween(1, 300);
      assertThat(gw.gateway.acceptedCount("window")).isEqualTo(2_000);
      assertThat(client.inFlight()).isZero();
      await().atMost(Duration.ofSeconds(2)).until(() -> client.pending() == 0);
    }
  }

  @Test
  void tpsIsNeverExceededAndFollowsEventTypeOne() {
    try (GatewayFixture gw =
            new GatewayFixture(
                Account.builder("tps", GatewayFixture.PASSWORD).tps(40, 5, 5).build());
        NgsClient client = gw.client("tps").window(500).build()) {
      client.start();
      assertThat(client.tpsLimits()).contains(new TpsLimits(40, 5, 5));
      sendAll(client, 120);
      Map<Long, Long> perSecond = gw.gateway.acceptedPerSecond("tps");
      assertThat(perSecond.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(40L));
      assertThat(gw.gateway.refusedCount("tps")).isZero();

      gw.gateway.setTps("tps", new TpsLimits(100, 5, 5));
      await()
          .atMost(Duration.ofSeconds(3))
          .until(() -> client.tpsLimits().orElseThrow().sms() == 100);
      long start = System.currentTimeMillis() / 1000;
      sendAll(client, 250);
      Collection<Long> after = gw.gateway.acceptedPerSecond("tps").tailMap(start + 1).values();
      assertThat(after).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(100L));
      assertThat(after).anySatisfy(n -> assertThat(n).isGreaterThan(40L));
      assertThat(gw.gateway.refusedCount("tps")).isZero();
    }
  }

  private static void sendAll(NgsClient client, int n) {
    List<CompletableFuture<DeliverResult>> fs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      fs.add(
          client.send(
              Sms.builder().to(TestNumbers.DELIVERED_LG).from(FROM).text("tps " + i).build()));
    }
    CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).join();
  }

  @Test
  void gatewayRestartMidStreamLosesNoReportAndFailsUnackedSends(@TempDir Path dir)
      throws Exception {
    Account acct = GatewayFixture.account("restart");
    NgsGateway.Builder b1 =
        NgsGateway.builder()
            .certInterval(Duration.ofMillis(200))
            .reportDelay(Duration.ofMillis(300))
            .dataDir(dir)
            .ioThreads(1);
    GatewayFixture gw1 = new GatewayFixture(b1, acct);
    Set<String> reported = ConcurrentHashMap.newKeySet();
    List<StateChange> changes = new CopyOnWriteArrayList<>();
    Map<String, CompletableFuture<DeliverResult>> sends = new ConcurrentHashMap<>();
    GatewayFixture gw2 = null;
    try (NgsClient client =
        gw1.client("restart")
            .window(50)
            .reportListener(r -> reported.add(r.serial()))
            .stateListener(changes::add)
            .build()) {
      client.start();
      for (int i = 0; i < 300; i++) {
        Sms m = Sms.builder().to(TestNumbers.DELIVERED_SK).from(FROM).text("r" + i).build();
        sends.put(m.serial(), client.send(m));
      }
      // the gateway goes away while sends and reports are in progress
      await().atMost(Duration.ofSeconds(5)).until(() -> gw1.gateway.acceptedCount("restart") >= 50);
      gw1.close();
      for (int i = 0; i < 300; i++) {
        Sms m = Sms.builder().to(TestNumbers.DELIVERED_SK).from(FROM).text("s" + i).build();
        sends.put(m.serial(), client.send(m));
      }
      NgsGateway.Builder b2 =
          NgsGateway.builder()
              .certInterval(Duration.ofMillis(200))
              .reportDelay(Duration.ofMillis(300))
              .dataDir(dir)
              .ioThreads(1)
              .certPort(gw1.ports.certPort())
              .deliverPort(gw1.ports.deliverPort())
              .reportPort(gw1.ports.reportPort());
      gw2 = new GatewayFixture(b2, acct);
      // every send completes: acknowledged, or failed with a reason (never silently dropped)
      CompletableFuture.allOf(
              sends.values().stream()
                  .map(f -> f.exceptionally(e -> null))
                  .toArray(CompletableFuture[]::new))
          .get(30, TimeUnit.SECONDS);
      List<String> accepted = new ArrayList<>();
      for (var e : sends.entrySet()) {
        if (e.getValue().isCompletedExceptionally()) {
          Throwable t = e.getValue().handle((r, x) -> x).join();
          assertThat(t).isInstanceOf(NgsConnectionException.class);
          assertThat(((NgsConnectionException) t).maybeDelivered()).isTrue();
        }
        if (gw2.gateway.messagesAccepted("restart", e.getKey()) > 0) {
          accepted.add(e.getKey());
        }
      }
      assertThat(accepted.size()).isGreaterThan(300);
      // every message the gateway took gets its report, across the restart
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(() -> assertThat(reported).containsAll(accepted));
      await().atMost(Duration.ofSeconds(5)).until(() -> gw2Pending(dir, accepted, reported));
      assertThat(changes)
          .extracting(StateChange::current)
          .contains(ConnectionState.DISCONNECTED, ConnectionState.RECONNECTING);
    } finally {
      gw1.close();
      if (gw2 != null) {
        gw2.close();
      }
    }
  }

  private static boolean gw2Pending(Path dir, List<String> accepted, Set<String> reported) {
    return reported.containsAll(accepted);
  }

  @Test
  void secondLoginOfTheSameAccountIsRefusedAndTheFirstRecovers() {
    List<StateChange> changes = new CopyOnWriteArrayList<>();
    try (GatewayFixture gw =
            new GatewayFixture(
                NgsGateway.builder()
                    .certInterval(Duration.ZERO)
                    .reportDelay(Duration.ZERO)
                    .ioThreads(1),
                GatewayFixture.account("dup"));
        NgsClient first = gw.client("dup").stateListener(changes::add).build();
        NgsClient second = gw.client("dup").build()) {
      first.start();
      assertThatThrownBy(second::start)
          .isInstanceOfSatisfying(
              NgsAuthenticationException.class,
              e -> assertThat(e.resultCode()).isEqualTo(ResultCode.E_DUPLICATE_SESSION));
      assertThat(second.state()).isEqualTo(ConnectionState.CLOSED);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  changes.stream().anyMatch(c -> c.current() == ConnectionState.DISCONNECTED)
                      && first.state() == ConnectionState.BOUND);
      assertThat(
              first
                  .sendAndWait(
                      Sms.builder()
                          .to(TestNumbers.DELIVERED_SK)
                          .from(FROM)
                          .text("still here")
                          .build())
                  .resultCode())
          .isEqualTo(ResultCode.E_OK);
    }
  }

  @Test
  void wrongPasswordFailsStartWithTheCode() {
    try (GatewayFixture gw = new GatewayFixture(GatewayFixture.account("pw"));
        NgsClient client = gw.client("pw").account("pw", "wrong-password").build()) {
      assertThatThrownBy(client::start)
          .isInstanceOfSatisfying(
              NgsAuthenticationException.class,
              e -> {
                assertThat(e.resultCode()).isEqualTo(ResultCode.E_AUTH_FAIL);
                assertThat(e.getMessage()).doesNotContain("wrong-password");
              });
    }
  }

  @Test
  void badInputNeverReachesTheWire() {
    try (GatewayFixture gw = new GatewayFixture(GatewayFixture.account("bad"));
        NgsClient client = gw.client("bad").build()) {
      client.start();
      var custom =
          new NgsMessage() {
            final dev.ngsign.ngs.protocol.packet.Deliver d =
                dev.ngsign.ngs.protocol.packet.Deliver.builder(MessageType.SMS)
                    .daAddr("010-2000-1234")
                    .callback(FROM)
                    .text("hyphens")
                    .serial("custom-1")
                    .build();

            @Override
            public String serial() {
              return d.serial();
            }

            @Override
            public MessageType type() {
              return d.messageType();
            }

            @Override
            public String to() {
              return d.daAddr();
            }

            @Override
            public dev.ngsign.ngs.protocol.packet.Deliver deliver() {
              return d;
            }
          };
      assertThatThrownBy(() -> client.sendAndWait(custom))
          .isInstanceOf(NgsInvalidMessageException.class)
          .hasMessageContaining("DA_ADDR");
      assertThatThrownBy(() -> client.sendAndWait(NgsMessage.of(custom.deliver())))
          .isInstanceOf(NgsInvalidMessageException.class);
      assertThatThrownBy(
              () ->
                  Sms.builder()
                      .to(TestNumbers.DELIVERED_SK)
                      .from(FROM)
                      .text("가".repeat(46))
                      .build())
          .isInstanceOf(NgsInvalidMessageException.class)
          .hasMessageContaining("send it as LMS");
      assertThat(gw.gateway.acceptedCount("bad") + gw.gateway.refusedCount("bad")).isZero();
    }
  }

  @Test
  void tpsClassesAreIndependent() {
    // One clock, held still, for the client's TPS windows and the gateway's per-second counts:
    // while it does not
    // move, the LMS class (10/s) may send exactly 10 and the SMS class (200/s) all of its 150.
    MutableClock clock = new MutableClock();
    NgsGateway.Builder b =
        NgsGateway.builder()
            .certInterval(Duration.ofMillis(200))
            .reportDelay(Duration.ZERO)
            .ioThreads(1)
            .clock(clock);
    Duration window = Duration.ofMillis(1_005); // the client's default TPS window
    try (GatewayFixture gw =
            new GatewayFixture(
                b, Account.builder("classes", GatewayFixture.PASSWORD).tps(200, 10, 200).build());
        NgsClient client = gw.client("classes").window(500).clock(clock).build()) {
      client.start();
      List<String> completions = new CopyOnWriteArrayList<>();
      List<CompletableFuture<DeliverResult>> lms = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        lms.add(
            client
                .send(
                    Lms.builder().to(TestNumbers.DELIVERED_SK).from(FROM).text("lms " + i).build())
                .whenComplete((r, e) -> completions.add("LMS")));
      }
      List<CompletableFuture<DeliverResult>> sms = new ArrayList<>();
      for (int i = 0; i < 150; i++) {
        sms.add(
            client
                .send(
                    Sms.builder().to(TestNumbers.DELIVERED_LG).from(FROM).text("sms " + i).build())
                .whenComplete((r, e) -> completions.add("SMS")));
      }
      // SMS are not held up behind the slow LMS class: all 150 go in the first window, beside 10
      // LMS.
      CompletableFuture.allOf(sms.toArray(CompletableFuture[]::new)).join();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> lms.stream().filter(CompletableFuture::isDone).count() == 10);
      assertThat(gw.gateway.acceptedCount("classes")).isEqualTo(160);
      assertThat(lms.stream().filter(CompletableFuture::isDone).count()).isEqualTo(10);

      clock.advance(window); // the second window: ten more LMS, and no more
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> lms.stream().filter(CompletableFuture::isDone).count() == 20);
      assertThat(gw.gateway.acceptedCount("classes")).isEqualTo(170);

      clock.advance(window); // the third: the last five
      CompletableFuture.allOf(lms.toArray(CompletableFuture[]::new)).join();
      assertThat(gw.gateway.acceptedCount("classes")).isEqualTo(175);
      assertThat(completions).hasSize(175);
      assertThat(completions.subList(0, 160))
          .filteredOn("SMS"::equals)
          .hasSize(150); // every SMS before the 11th LMS
      assertThat(completions.subList(160, 175)).containsOnly("LMS");
      assertThat(gw.gateway.refusedCount("classes")).isZero();
      assertThat(gw.gateway.acceptedPerSecond("classes", TpsClass.MMS).values())
          .containsExactly(10L, 10L, 5L);
    }
  }
}
