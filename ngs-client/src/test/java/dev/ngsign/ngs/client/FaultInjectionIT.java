package dev.ngsign.ngs.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.Cert;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.Event;
import dev.ngsign.ngs.protocol.packet.Link;
import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.ReportAck;
import dev.ngsign.ngs.protocol.packet.ReportMessage;
import dev.ngsign.ngs.protocol.packet.Telco;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults the real gateway does not make, from a scripted peer on 127.0.0.1, with short timers. */
class FaultInjectionIT {
  private static final String PW = "peer-password";
  private ScriptedPeer peer;
  private final List<StateChange> changes = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    peer = new ScriptedPeer(PW);
  }

  @AfterEach
  void tearDown() {
    peer.close();
  }

  private NgsClientBuilder client() {
    return peer.client("faulty")
        .ackTimeout(Duration.ofMillis(1_500))
        .certMinInterval(Duration.ofMillis(300))
        .stateListener(changes::add);
  }

  private static Sms sms(String serial) {
    return Sms.builder().to("01020001234").from("15880000").text("hello").serial(serial).build();
  }

  private long certs() {
    return peer.packets("CERT", Cert.class).size();
  }

  @Test
  void noDeliverAckWithinTimeoutFailsTheSendAndReconnects() throws Exception {
    peer.deliverAckCode = d -> null; // never answer
    try (NgsClient c = client().ackTimeout(Duration.ofMillis(400)).build()) {
      c.start();
      long before = certs();
      var f = c.send(sms("noack-1"));
      assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(NgsTimeoutException.class)
          .satisfies(e -> assertThat(((NgsTimeoutException) e).maybeDelivered()).isTrue());
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> certs() > before && c.state() == ConnectionState.BOUND);
      assertThat(changes)
          .extracting(StateChange::current)
          .containsSubsequence(
              ConnectionState.BOUND,
              ConnectionState.DISCONNECTED,
              ConnectionState.RECONNECTING,
              ConnectionState.BOUND);
      assertThat(
              changes.stream()
                  .filter(x -> x.current() == ConnectionState.DISCONNECTED)
                  .findFirst()
                  .orElseThrow()
                  .reason())
          .contains("no DELIVER_ACK for SERIAL noack-1 within PT0.4S");
    }
  }

  @Test
  void retryableRefusalIsRetriedWithTheSameSerial() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    peer.deliverAckCode = d -> calls.incrementAndGet() == 1 ? ResultCode.E_SYS_BUSY.code() : 0;
    try (NgsClient c =
        client()
            .retryPolicy(RetryPolicy.exponential(3, Duration.ofMillis(20), Duration.ofMillis(50)))
            .build()) {
      c.start();
      DeliverResult r = c.sendAndWait(sms("retry-1"));
      assertThat(r.attempts()).isEqualTo(2);
      assertThat(peer.packets("DLV", Deliver.class))
          .extracting(p -> ((Deliver) p).serial())
          .containsExactly("retry-1", "retry-1");
    }
  }

  @Test
  void finalRefusalFailsWithTheReplyAndIsNotRetried() {
    peer.deliverAckCode = d -> ResultCode.E_INVALID_CALLBACK.code();
    try (NgsClient c = client().build()) {
      c.start();
      assertThatThrownBy(() -> c.sendAndWait(sms("final-1")))
          .isInstanceOfSatisfying(
              NgsRejectedException.class,
              e -> {
                assertThat(e.resultCode()).isEqualTo(ResultCode.E_INVALID_CALLBACK);
                assertThat(e.ack().serial()).isEqualTo("final-1");
                assertThat(e.attempts()).isEqualTo(1);
              });
      assertThat(peer.packets("DLV", Deliver.class)).hasSize(1);
    }
  }

  @Test
  void retriesGiveUpAfterMaxAttempts() {
    peer.deliverAckCode = d -> ResultCode.E_TPS_OVER.code();
    try (NgsClient c =
        client()
            .retryPolicy(RetryPolicy.exponential(3, Duration.ofMillis(10), Duration.ofMillis(20)))
            .build()) {
      c.start();
      assertThatThrownBy(() -> c.sendAndWait(sms("giveup-1")))
          .isInstanceOfSatisfying(
              NgsRejectedException.class,
              e -> {
                assertThat(e.retryable()).isTrue();
                assertThat(e.attempts()).isEqualTo(3);
              });
    }
  }

  @Test
  void linkIsSentWhenIdleAndAMissingLinkAckReconnects() {
    try (NgsClient c = client().linkInterval(Duration.ofMillis(150)).build()) {
      c.start();
      await()
          .atMost(Duration.ofSeconds(3))
          .until(
              () ->
                  peer.packets("DLV", Link.class).size() >= 2
                      && peer.packets("REP", Link.class).size() >= 2);
      assertThat(c.state()).isEqualTo(ConnectionState.BOUND);
      long before = certs();
      peer.answerLink = false;
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> changes.stream().anyMatch(x -> x.reason().contains("no LINK_ACK")));
      peer.answerLink = true;
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> certs() > before && c.state() == ConnectionState.BOUND);
    }
  }

  @Test
  void sameReportTwiceIsFlaggedAsDuplicateAndAckedBothTimes() {
    List<NgsReport> got = new CopyOnWriteArrayList<>();
    try (NgsClient c = client().reportListener(got::add).build()) {
      c.start();
      Report r =
          new Report(
              0,
              ReportMessage.EMPTY,
              "01020001234",
              "dup-1",
              "GW0000000000001",
              LocalDateTime.of(2026, 1, 2, 3, 4, 5),
              Telco.SK);
      peer.sendOnReport(r);
      await()
          .atMost(Duration.ofSeconds(3))
          .until(() -> peer.packets("REP", ReportAck.class).size() == 1);
      peer.sendOnReport(r);
      await()
          .atMost(Duration.ofSeconds(3))
          .until(() -> peer.packets("REP", ReportAck.class).size() == 2);
      assertThat(got).extracting(NgsReport::duplicate).containsExactly(false, true);
      assertThat(peer.packets("REP", ReportAck.class))
          .allSatisfy(
              a ->
                  assertThat((ReportAck) a)
                      .isEqualTo(new ReportAck(0, "dup-1", "GW0000000000001")));
    }
  }

  @Test
  void reportIsNotAcknowledgedWhenTheListenerThrows() {
    List<String> seen = new CopyOnWriteArrayList<>();
    try (NgsClient c =
        client()
            .reportListener(
                r -> {
                  seen.add(r.serial());
                  if (r.serial().equals("fails")) {
                    throw new IllegalStateException("database down");
                  }
                })
            .build()) {
      c.start();
      peer.sendOnReport(
          new Report(4001, ReportMessage.EMPTY, "01020001234", "fails", "GW1", null, Telco.ETC));
      peer.sendOnReport(
          new Report(0, ReportMessage.EMPTY, "01020001234", "works", "GW2", null, Telco.KT));
      // the listener runs in order, so once "works" is acknowledged "fails" has been handled
      await()
          .atMost(Duration.ofSeconds(3))
          .until(() -> peer.packets("REP", ReportAck.class).size() == 1);
      assertThat(seen).containsExactly("fails", "works");
      assertThat(peer.packets("REP", ReportAck.class))
          .containsExactly(new ReportAck(0, "works", "GW2"));
    }
  }

  @Test
  void certsAreNeverCloserThanTheMinimumIntervalWhileReconnecting() {
    try (NgsClient c = client().build()) {
      c.start();
      peer.bindResult =
          ResultCode.E_DUPLICATE_SESSION
              .code(); // every later BIND fails: the client keeps retrying
      peer.deliverChannel.get().close();
      await().atMost(Duration.ofSeconds(5)).until(() -> certs() >= 5);
      List<Long> t = peer.times("CERT", Cert.class);
      for (int i = 1; i < t.size(); i++) {
        assertThat(TimeUnit.NANOSECONDS.toMillis(t.get(i) - t.get(i - 1)))
            .as("gap before CERT %d", i)
            .isGreaterThanOrEqualTo(295);
      }
      assertThat(changes)
          .anyMatch(
              x -> x.failure().filter(NgsAuthenticationException.class::isInstance).isPresent());
    }
  }

  @Test
  void eventTypeOneChangesTpsAndEventTypeZeroReconnects() {
    try (NgsClient c = client().build()) {
      c.start();
      assertThat(c.tpsLimits()).contains(new TpsLimits(1000, 1000, 1000));
      peer.sendOnDeliver(Event.tpsChange(new TpsLimits(5, 6, 7)));
      await()
          .atMost(Duration.ofSeconds(3))
          .until(() -> c.tpsLimits().orElseThrow().equals(new TpsLimits(5, 6, 7)));
      long before = certs();
      peer.sendOnReport(Event.disconnect("maintenance"));
      await()
          .atMost(Duration.ofSeconds(3))
          .until(() -> certs() > before && c.state() == ConnectionState.BOUND);
      assertThat(changes)
          .anyMatch(
              x ->
                  x.current() == ConnectionState.DISCONNECTED
                      && x.reason().equals("EVENT 0: maintenance"));
    }
  }

  @Test
  void encryptedSessionAgainstThePeer() {
    try (NgsClient c = client().encrypted(true).keyPos(60).build()) {
      c.start();
      assertThat(c.sendAndWait(sms("enc-1")).attempts()).isEqualTo(1);
      assertThat(peer.packets("DLV", Deliver.class)).hasSize(1);
    }
  }

  @Test
  void closeWaitsForInFlightSendsThenRefusesNewOnes() throws Exception {
    java.util.concurrent.ScheduledExecutorService later =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    peer.deliverAckCode =
        d -> {
          // answer 300 ms later, from another thread
          var ch = peer.deliverChannel.get();
          later.schedule(
              () ->
                  ch.writeAndFlush(
                      new dev.ngsign.ngs.protocol.packet.DeliverAck(0, d.daAddr(), d.serial())),
              300,
              TimeUnit.MILLISECONDS);
          return null;
        };
    try {
      NgsClient c = client().ackTimeout(Duration.ofSeconds(5)).build();
      c.start();
      List<java.util.concurrent.CompletableFuture<DeliverResult>> fs = new java.util.ArrayList<>();
      for (int i = 0; i < 10; i++) {
        fs.add(c.send(sms("drain-" + i)));
      }
      c.close();
      assertThat(fs)
          .allSatisfy(f -> assertThat(f).isCompletedWithValueMatching(r -> r.attempts() == 1));
      assertThat(c.state()).isEqualTo(ConnectionState.CLOSED);
      assertThatThrownBy(() -> c.sendAndWait(sms("late"))).isInstanceOf(NgsClosedException.class);
    } finally {
      later.shutdownNow();
    }
  }

  @Test
  void closeTimeoutFailsWhatIsLeftSayingWhetherItMayHaveBeenDelivered() {
    peer.deliverAckCode = d -> null;
    NgsClient c =
        client()
            .ackTimeout(Duration.ofSeconds(30))
            .window(1)
            .closeTimeout(Duration.ofMillis(200))
            .build();
    c.start();
    var inFlight = c.send(sms("left-1"));
    var queued = c.send(sms("left-2"));
    await().atMost(Duration.ofSeconds(2)).until(() -> c.inFlight() == 1);
    c.close();
    assertThat(inFlight).isCompletedExceptionally();
    assertThat(inFlight.handle((r, e) -> e).join())
        .isInstanceOfSatisfying(
            NgsConnectionException.class, e -> assertThat(e.maybeDelivered()).isTrue());
    assertThat(queued.handle((r, e) -> e).join()).isInstanceOf(NgsClosedException.class);
  }

  @Test
  void aFullQueuePushesBackOnTheCaller() {
    peer.deliverAckCode = d -> null;
    try (NgsClient c =
        client()
            .ackTimeout(Duration.ofSeconds(30))
            .queueCapacity(3)
            .maxBlock(Duration.ofMillis(100))
            .closeTimeout(Duration.ZERO)
            .build()) {
      c.start();
      for (int i = 0; i < 3; i++) {
        c.send(sms("q" + i));
      }
      assertThat(c.pending()).isEqualTo(3);
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> c.sendAndWait(sms("q3"))).isInstanceOf(NgsQueueFullException.class);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isGreaterThanOrEqualTo(90);
    }
  }

  @Test
  void queuedSendsWaitThroughAReconnectButNotPastTheDeliveryTimeout() {
    try (NgsClient c = client().deliveryTimeout(Duration.ofMillis(600)).build()) {
      c.start();
      peer.bindResult = ResultCode.E_SYS_FAIL.code(); // the next session never comes up
      peer.deliverChannel.get().close();
      await().atMost(Duration.ofSeconds(2)).until(() -> c.state() != ConnectionState.BOUND);
      var f = c.send(sms("waits"));
      assertThat(f.handle((r, e) -> e).join())
          .isInstanceOfSatisfying(
              NgsTimeoutException.class,
              e -> {
                assertThat(e.maybeDelivered()).isFalse();
                assertThat(e.getMessage()).contains("deliveryTimeout");
              });
      peer.bindResult = 0;
      await().atMost(Duration.ofSeconds(3)).until(() -> c.state() == ConnectionState.BOUND);
      assertThat(c.sendAndWait(sms("after")).attempts()).isEqualTo(1);
    }
  }

  @Test
  void aBlockedSenderGetsThroughOnceAcksFreeRoom() throws Exception {
    java.util.concurrent.ScheduledExecutorService later =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    peer.deliverAckCode =
        d -> {
          var ch = peer.deliverChannel.get();
          later.schedule(
              () ->
                  ch.writeAndFlush(
                      new dev.ngsign.ngs.protocol.packet.DeliverAck(0, d.daAddr(), d.serial())),
              50,
              TimeUnit.MILLISECONDS);
          return null;
        };
    try (NgsClient c =
        client()
            .ackTimeout(Duration.ofSeconds(5))
            .queueCapacity(4)
            .window(2)
            .maxBlock(Duration.ofSeconds(10))
            .build()) {
      c.start();
      List<java.util.concurrent.CompletableFuture<DeliverResult>> fs = new java.util.ArrayList<>();
      for (int i = 0; i < 20; i++) {
        fs.add(c.send(sms("blk-" + i))); // blocks while 4 are pending
        assertThat(c.pending()).isLessThanOrEqualTo(4);
      }
      java.util.concurrent.CompletableFuture.allOf(
              fs.toArray(java.util.concurrent.CompletableFuture[]::new))
          .get(10, TimeUnit.SECONDS);
      assertThat(peer.packets("DLV", Deliver.class)).hasSize(20);
    } finally {
      later.shutdownNow();
    }
  }

  @Test
  void closeDuringStartFailsTheStart() {
    peer.bindResult = ResultCode.E_SYS_FAIL.code();
    NgsClient c =
        client()
            .reconnect(
                ReconnectStrategy.exponential(Duration.ofSeconds(5), Duration.ofSeconds(5), 0))
            .build();
    var started = c.startAsync();
    c.close();
    assertThat(started.handle((v, e) -> e).join()).isInstanceOf(NgsException.class);
    assertThat(c.state()).isEqualTo(ConnectionState.CLOSED);
  }

  @Test
  void anUnreadableSendTimeKeepsTheReportAndTheSessionButACorruptHeaderReconnects() {
    List<NgsReport> got = new CopyOnWriteArrayList<>();
    try (NgsClient c = client().reportListener(got::add).build()) {
      c.start();
      long certs = certs();
      Report bad =
          new Report(
              0,
              ReportMessage.EMPTY,
              "01020001234",
              "bad-time",
              "GW9",
              LocalDateTime.of(2026, 1, 2, 3, 4, 5),
              Telco.SK);
      io.netty.buffer.ByteBuf frame = io.netty.buffer.Unpooled.buffer();
      dev.ngsign.ngs.protocol.codec.PacketCodec.encode(bad, frame);
      frame.setBytes(
          14 + 4 + 15 + 20 + 20 + 16,
          "20261399999999".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      peer.reportChannel.get().writeAndFlush(frame);
      peer.sendOnReport(
          new Report(0, ReportMessage.EMPTY, "01020001234", "good", "GW10", null, Telco.SK));
      // ngs-protocol reads an unreadable SENDTIME as absent (b89a261) rather than losing the report
      await()
          .atMost(Duration.ofSeconds(3))
          .until(() -> peer.packets("REP", ReportAck.class).size() == 2);
      assertThat(got).extracting(NgsReport::serial).containsExactly("bad-time", "good");
      assertThat(got.get(0).report().sendTimeValue()).isEmpty();
      assertThat(c.state()).isEqualTo(ConnectionState.BOUND);
      assertThat(certs()).isEqualTo(certs);

      peer.reportChannel
          .get()
          .writeAndFlush(
              io.netty.buffer.Unpooled.copiedBuffer(
                  "99xx0000000000", java.nio.charset.StandardCharsets.US_ASCII));
      await()
          .atMost(Duration.ofSeconds(3))
          .until(() -> certs() > certs && c.state() == ConnectionState.BOUND);
    }
  }

  @Test
  void reportAckWaitsUntilTheListenerReturns() throws Exception {
    java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    try (NgsClient c =
        client()
            .reportListener(
                r -> {
                  entered.countDown();
                  release.await(); // e.g. a database commit
                })
            .build()) {
      c.start();
      var future = c.awaitReport("slow-commit");
      peer.sendOnReport(
          new Report(0, ReportMessage.EMPTY, "01020001234", "slow-commit", "GW77", null, Telco.LG));
      assertThat(entered.await(3, TimeUnit.SECONDS)).isTrue();
      assertThat(peer.packets("REP", ReportAck.class)).isEmpty();
      assertThat(future).isNotDone();
      release.countDown();
      await()
          .atMost(Duration.ofSeconds(3))
          .until(() -> peer.packets("REP", ReportAck.class).size() == 1);
      assertThat(future.get(3, TimeUnit.SECONDS).gwSerial()).isEqualTo("GW77");
    }
  }
}
