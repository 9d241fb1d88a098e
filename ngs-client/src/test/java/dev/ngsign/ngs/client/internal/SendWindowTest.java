package dev.ngsign.ngs.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.client.DeliverResult;
import dev.ngsign.ngs.client.NgsRejectedException;
import dev.ngsign.ngs.client.NgsTimeoutException;
import dev.ngsign.ngs.client.ReconnectStrategy;
import dev.ngsign.ngs.client.RetryPolicy;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.crypto.PasswordHash;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.DeliverAck;
import dev.ngsign.ngs.protocol.packet.MessageType;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deliver window on an EmbeddedChannel with a frozen, hand-moved clock: no sockets, no waiting.
 */
class SendWindowTest {
  private final EmbeddedChannel ch = new EmbeddedChannel();
  private long now = 1_000_000_000L;
  private final List<String> ackTimeouts = new ArrayList<>();

  @BeforeEach
  void freeze() {
    ch.freezeTime();
  }

  static ClientConfig config(int window, RetryPolicy retry) {
    return new ClientConfig(
        InetSocketAddress.createUnresolved("127.0.0.1", 1),
        "unit",
        PasswordHash.of("pw"),
        false,
        null,
        "101280092",
        window,
        100,
        Duration.ZERO,
        Duration.ofSeconds(60),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(5),
        Duration.ofMillis(3500),
        Duration.ofSeconds(1),
        Duration.ofMillis(1005),
        ReconnectStrategy.defaultStrategy(),
        retry,
        null,
        null,
        List.of(),
        null,
        Clock.systemUTC(),
        null,
        0,
        null,
        10_000,
        "unit");
  }

  private SendWindow window(int size, RetryPolicy retry, TpsLimits tps) {
    SendWindow w =
        new SendWindow(config(size, retry), ch.eventLoop(), ClientMetrics.NONE, () -> now);
    w.onAckTimeout(ackTimeouts::add);
    w.bound(ch, tps);
    return w;
  }

  private void advance(long millis) {
    now += TimeUnit.MILLISECONDS.toNanos(millis);
    ch.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
    ch.runPendingTasks();
    ch.runScheduledPendingTasks();
  }

  private CompletableFuture<DeliverResult> submit(SendWindow w, String serial) {
    Deliver d =
        Deliver.builder(MessageType.SMS)
            .daAddr("01020001234")
            .callback("15880000")
            .text("t")
            .serial(serial)
            .senderCode("101280092")
            .build();
    CompletableFuture<DeliverResult> f = new CompletableFuture<>();
    w.submit(new PendingSend(d, f, now, now + TimeUnit.SECONDS.toNanos(60)));
    ch.runPendingTasks();
    return f;
  }

  /** The DELIVERs written since the last call, decoded from the batch buffers the window writes. */
  private List<String> written() {
    List<String> out = new ArrayList<>();
    Object o;
    while ((o = ch.readOutbound()) != null) {
      io.netty.buffer.ByteBuf b = (io.netty.buffer.ByteBuf) o;
      byte[] bytes = io.netty.buffer.ByteBufUtil.getBytes(b);
      b.release();
      for (var p : dev.ngsign.ngs.protocol.codec.PacketCodec.decodeAll(bytes, null, 1 << 20)) {
        out.add(((Deliver) p).serial());
      }
    }
    return out;
  }

  private static DeliverAck ack(String serial, ResultCode code) {
    return new DeliverAck(code.code(), "01020001234", serial);
  }

  @Test
  void acksAreMatchedBySerialInAnyOrderAndTheWindowCapsInFlight() {
    SendWindow w = window(2, RetryPolicy.none(), new TpsLimits(99_999, 99_999, 99_999));
    var a = submit(w, "a");
    var b = submit(w, "b");
    var c = submit(w, "c");
    assertThat(written()).containsExactly("a", "b");
    assertThat(w.inFlight()).isEqualTo(2);
    w.onAck(ack("b", ResultCode.E_OK));
    w.drain();
    assertThat(b)
        .isCompletedWithValueMatching(
            r -> r.serial().equals("b") && r.resultCode() == ResultCode.E_OK);
    assertThat(a).isNotDone();
    assertThat(written()).containsExactly("c");
    w.onAck(ack("a", ResultCode.E_OK));
    w.onAck(ack("c", ResultCode.E_OK));
    assertThat(a).isCompleted();
    assertThat(c).isCompleted();
    assertThat(w.idle()).isTrue();
  }

  @Test
  void queuedIsTheTimeFromSendToTheWriteAndLatencyRunsOnToTheAck() {
    SendWindow w = window(1, RetryPolicy.none(), new TpsLimits(99_999, 99_999, 99_999));
    var a = submit(w, "a");
    advance(30); // b waits 30 ms behind a in the window of one
    var b = submit(w, "b");
    assertThat(written()).containsExactly("a");
    advance(40);
    w.onAck(ack("a", ResultCode.E_OK));
    w.drain();
    assertThat(written()).containsExactly("b");
    advance(5);
    w.onAck(ack("b", ResultCode.E_OK));
    assertThat(a.join().queued()).isEqualTo(Duration.ZERO);
    assertThat(a.join().latency()).isEqualTo(Duration.ofMillis(70));
    assertThat(b.join().queued()).isEqualTo(Duration.ofMillis(40));
    assertThat(b.join().latency()).isEqualTo(Duration.ofMillis(45));
  }

  @Test
  void retryableCodeIsResentWithTheSameSerialAfterTheDelay() {
    SendWindow w =
        window(
            8,
            RetryPolicy.exponential(3, Duration.ofMillis(100), Duration.ofSeconds(1)),
            new TpsLimits(99_999, 1, 1));
    var f = submit(w, "r");
    assertThat(written()).containsExactly("r");
    w.onAck(ack("r", ResultCode.E_SYS_BUSY));
    assertThat(f).isNotDone();
    advance(50);
    assertThat(written()).isEmpty();
    advance(100);
    assertThat(written()).containsExactly("r");
    w.onAck(ack("r", ResultCode.E_OK));
    assertThat(f).isCompletedWithValueMatching(r -> r.attempts() == 2);
  }

  @Test
  void finalCodeFailsWithTheReply() {
    SendWindow w = window(8, RetryPolicy.defaultPolicy(), new TpsLimits(99_999, 1, 1));
    var f = submit(w, "x");
    written();
    w.onAck(ack("x", ResultCode.E_INVALID_DA_ADDR));
    assertThat(f.handle((r, e) -> e).join())
        .isInstanceOfSatisfying(
            NgsRejectedException.class,
            e -> assertThat(e.resultCode()).isEqualTo(ResultCode.E_INVALID_DA_ADDR));
  }

  @Test
  void tpsHoldsTheNextSendUntilAfterTheOldestAck() {
    SendWindow w = window(100, RetryPolicy.none(), new TpsLimits(2, 1, 1));
    submit(w, "1");
    submit(w, "2");
    submit(w, "3");
    assertThat(written()).containsExactly("1", "2");
    advance(2_000);
    assertThat(written()).as("no ACK for the oldest yet: wait").isEmpty();
    w.onAck(ack("1", ResultCode.E_OK));
    w.drain();
    assertThat(written()).isEmpty();
    advance(1_000);
    assertThat(written()).isEmpty();
    advance(5);
    assertThat(written()).containsExactly("3");
  }

  @Test
  void eventTypeOneRaisesTheLimitAtOnce() {
    SendWindow w = window(100, RetryPolicy.none(), new TpsLimits(1, 1, 1));
    submit(w, "1");
    submit(w, "2");
    assertThat(written()).containsExactly("1");
    w.updateTps(new TpsLimits(5, 1, 1));
    assertThat(written()).containsExactly("2");
  }

  @Test
  void noAckWithinTheTimeoutAsksForADropAndUnboundFailsInFlight() {
    SendWindow w = window(8, RetryPolicy.none(), new TpsLimits(99_999, 1, 1));
    var f = submit(w, "slow");
    var queued = new ArrayList<CompletableFuture<DeliverResult>>();
    advance(9_999);
    assertThat(ackTimeouts).isEmpty();
    advance(2);
    assertThat(ackTimeouts).singleElement().asString().contains("no DELIVER_ACK for SERIAL slow");
    w.unbound(p -> new NgsTimeoutException("dropped", true));
    assertThat(f.handle((r, e) -> e).join()).isInstanceOf(NgsTimeoutException.class);
    queued.add(submit(w, "later")); // waits for the next session
    assertThat(written()).containsExactly("slow");
    assertThat(queued.get(0)).isNotDone();
    w.bound(ch, new TpsLimits(99_999, 1, 1));
    assertThat(written()).containsExactly("later");
  }

  @Test
  void aSecondSendWithASerialInFlightIsRefused() {
    SendWindow w = window(8, RetryPolicy.none(), new TpsLimits(99_999, 1, 1));
    submit(w, "same");
    var dup = submit(w, "same");
    assertThat(dup.handle((r, e) -> e).join()).hasMessageContaining("already in flight");
  }
}
