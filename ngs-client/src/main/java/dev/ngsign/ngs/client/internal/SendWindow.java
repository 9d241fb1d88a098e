package dev.ngsign.ngs.client.internal;

import dev.ngsign.ngs.client.DeliverResult;
import dev.ngsign.ngs.client.NgsInvalidMessageException;
import dev.ngsign.ngs.client.NgsRejectedException;
import dev.ngsign.ngs.client.NgsTimeoutException;
import dev.ngsign.ngs.protocol.NgsProtocolException;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.codec.PacketCodec;
import dev.ngsign.ngs.protocol.packet.DeliverAck;
import dev.ngsign.ngs.protocol.packet.TpsClass;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliver side of the session: per-TPS-class queues, the window of DELIVERs waiting for their
 * ACK (matched by SERIAL), the TPS limiter, retries and the DELIVER_ACK timeout. Everything but
 * {@link #submit} runs on the client's event loop, so nothing here is locked.
 */
final class SendWindow {
  private static final Logger log = LoggerFactory.getLogger(SendWindow.class);
  private static final TpsClass[] CLASSES = TpsClass.values();

  /** Encoded DELIVERs are written in buffers of about this size. */
  private static final int BATCH_BYTES = 64 * 1024;

  private final ClientConfig cfg;
  private final EventLoop loop;
  private final ClientMetrics metrics;
  private final LongSupplier ticker;
  private final WallClock clock;
  private final long ackTimeoutNanos;

  private final ConcurrentLinkedQueue<PendingSend> incoming = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();

  @SuppressWarnings("unchecked")
  private final ArrayDeque<PendingSend>[] queues = new ArrayDeque[CLASSES.length];

  private final LinkedHashMap<String, PendingSend> inFlight = new LinkedHashMap<>();

  /** The sends of the current drain, stamped with the time of its flush (reused, loop only). */
  private final ArrayList<PendingSend> flushing = new ArrayList<>();

  private final Set<PendingSend> retrying = Collections.newSetFromMap(new IdentityHashMap<>());

  private Channel channel;
  private dev.ngsign.ngs.protocol.crypto.BodyCipher cipher;
  private TpsLimiter limiter;
  private ScheduledFuture<?> ackTimer;
  private ScheduledFuture<?> wakeTimer;
  private long wakeAt;
  private ScheduledFuture<?> sweepTimer;
  private volatile int inFlightCount;
  private volatile int queuedCount;
  private volatile boolean closed;
  private Consumer<String> onAckTimeout = reason -> {};

  SendWindow(ClientConfig cfg, EventLoop loop, ClientMetrics metrics, LongSupplier ticker) {
    this.cfg = cfg;
    this.loop = loop;
    this.metrics = metrics;
    this.ticker = ticker;
    this.clock = new WallClock(cfg.clock(), ticker);
    this.ackTimeoutNanos = cfg.ackTimeout().toNanos();
    for (int i = 0; i < queues.length; i++) {
      queues[i] = new ArrayDeque<>();
    }
  }

  /** Called (on the loop) with a reason when the oldest DELIVER waited past the ACK timeout. */
  void onAckTimeout(Consumer<String> callback) {
    this.onAckTimeout = callback;
  }

  int inFlight() {
    return inFlightCount;
  }

  int queued() {
    return queuedCount;
  }

  Optional<TpsLimits> limits() {
    TpsLimiter l = limiter;
    return l == null ? Optional.empty() : Optional.of(l.limits());
  }

  /** Any thread: hands a send to the loop. */
  void submit(PendingSend p) {
    incoming.add(p);
    if (drainScheduled.compareAndSet(false, true)) {
      loop.execute(this::drainTask);
    }
  }

  private void drainTask() {
    drainScheduled.set(false);
    drain();
  }

  /** The deliver session is bound: start sending within these limits. */
  void bound(Channel dlv, TpsLimits limits) {
    this.channel = dlv;
    this.cipher = dlv.attr(BindHandler.CIPHER).get();
    if (limiter == null) {
      limiter = new TpsLimiter(cfg.tpsWindow().toNanos(), limits);
    } else {
      limiter.update(limits);
    }
    if (sweepTimer == null) {
      long period =
          Math.max(10_000_000L, Math.min(cfg.deliveryTimeout().toNanos() / 4, 1_000_000_000L));
      sweepTimer = loop.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.NANOSECONDS);
    }
    drain();
  }

  /** EVENT type 1. */
  void updateTps(TpsLimits limits) {
    if (limiter != null) {
      limiter.update(limits);
    }
    drain();
  }

  /**
   * The session is gone: every DELIVER without its ACK fails (it may or may not have reached the
   * gateway); queued ones wait for the next session.
   */
  void unbound(Function<PendingSend, Throwable> failure) {
    channel = null;
    cancel(ackTimer);
    ackTimer = null;
    cancel(wakeTimer);
    wakeTimer = null;
    List<PendingSend> lost = new ArrayList<>(inFlight.values());
    inFlight.clear();
    inFlightCount = 0;
    long now = ticker.getAsLong();
    for (PendingSend p : lost) {
      p.stamp.done(now); // the gateway may have taken it at any time until now
      fail(p, failure.apply(p), "disconnected");
    }
  }

  /** Moves submitted sends into the queues and writes as many as the window and the TPS allow. */
  void drain() {
    PendingSend p;
    while ((p = incoming.poll()) != null) {
      if (closed) {
        fail(p, new dev.ngsign.ngs.client.NgsClosedException("client closed"), "closed");
      } else {
        queues[p.tpsClass.ordinal()].add(p);
      }
    }
    if (channel == null || closed) {
      updateQueued();
      return;
    }
    long now = ticker.getAsLong();
    long nextWake = Long.MAX_VALUE;
    boolean wrote = false;
    ByteBuf batch = null;
    int window = cfg.window();
    for (TpsClass c : CLASSES) {
      ArrayDeque<PendingSend> q = queues[c.ordinal()];
      while (!q.isEmpty() && inFlight.size() < window) {
        PendingSend head = q.peek();
        if (head.future.isDone()) { // cancelled by the caller
          q.poll();
          continue;
        }
        if (now - head.deadlineNanos >= 0) {
          q.poll();
          fail(
              head,
              new NgsTimeoutException(
                  "SERIAL "
                      + head.serial()
                      + " waited "
                      + cfg.deliveryTimeout()
                      + " (deliveryTimeout) without being sent",
                  false),
              "delivery-timeout");
          continue;
        }
        long wait = limiter.waitNanos(c, now);
        if (wait > 0) {
          if (wait != TpsLimiter.NEVER && wait != TpsLimiter.AFTER_ACK) {
            nextWake = Math.min(nextWake, wait);
          }
          break;
        }
        q.poll();
        if (inFlight.containsKey(head.serial())) {
          fail(
              head,
              new NgsInvalidMessageException(
                  "SERIAL "
                      + head.serial()
                      + " is already in flight: every message needs its own SERIAL"),
              "duplicate-serial");
          continue;
        }
        if (batch == null) {
          batch = channel.alloc().ioBuffer(BATCH_BYTES);
        }
        int mark = batch.writerIndex();
        try {
          PacketCodec.encode(head.deliver, batch, cipher);
        } catch (NgsProtocolException e) { // the codec left the buffer as it was
          fail(
              head,
              new NgsInvalidMessageException(
                  "SERIAL " + head.serial() + " cannot be encoded: " + e.getMessage(),
                  List.of(),
                  e),
              "invalid");
          continue;
        }
        head.stamp = limiter.record(c);
        track(head, now);
        wrote = true;
        if (batch.writerIndex() - mark > 0 && batch.readableBytes() >= BATCH_BYTES) {
          channel.write(batch, channel.voidPromise());
          batch = null;
        }
      }
    }
    updateQueued();
    if (batch != null) {
      if (batch.isReadable()) {
        channel.write(batch, channel.voidPromise());
      } else {
        batch.release();
      }
    }
    if (wrote) {
      channel.flush();
      long written = ticker.getAsLong();
      for (int i = 0; i < flushing.size(); i++) {
        flushing.get(i).writtenNanos = written;
      }
      flushing.clear();
      armAckTimer(now);
    }
    if (nextWake != Long.MAX_VALUE) {
      scheduleWake(now, nextWake);
    }
  }

  /**
   * Marks a DELIVER as in flight. It was encoded into the batch buffer already (one write and one
   * buffer per drain instead of one per message; an encoding error fails only that message). A
   * write failure closes the channel, and the drop fails everything in flight.
   */
  private void track(PendingSend p, long now) {
    p.attempts++;
    p.sentNanos = now;
    flushing.add(p);
    inFlight.put(p.serial(), p);
    inFlightCount = inFlight.size();
    metrics.sent();
  }

  private void scheduleWake(long now, long wait) {
    long at = now + wait;
    if (wakeTimer != null && !wakeTimer.isDone() && wakeAt - at <= 0) {
      return;
    }
    cancel(wakeTimer);
    wakeAt = at;
    wakeTimer =
        loop.schedule(
            () -> {
              wakeTimer = null;
              drain();
            },
            wait,
            TimeUnit.NANOSECONDS);
  }

  private void armAckTimer(long now) {
    if (ackTimer != null || inFlight.isEmpty()) {
      return;
    }
    PendingSend oldest = inFlight.values().iterator().next();
    long delay = Math.max(0, oldest.sentNanos + ackTimeoutNanos - now);
    ackTimer = loop.schedule(this::checkAckTimeout, delay, TimeUnit.NANOSECONDS);
  }

  private void checkAckTimeout() {
    ackTimer = null;
    if (inFlight.isEmpty() || channel == null) {
      return;
    }
    long now = ticker.getAsLong();
    PendingSend oldest = inFlight.values().iterator().next();
    if (now - oldest.sentNanos >= ackTimeoutNanos) {
      onAckTimeout.accept(
          "no DELIVER_ACK for SERIAL " + oldest.serial() + " within " + cfg.ackTimeout());
    } else {
      armAckTimer(now);
    }
  }

  /** A DELIVER_ACK arrived. The caller drains afterwards (once per read batch). */
  void onAck(DeliverAck ack) {
    PendingSend p = inFlight.remove(ack.serial());
    if (p == null) {
      log.warn(
          "[{}] DELIVER_ACK for SERIAL {} that is not in flight (late after a timeout?): ignored",
          cfg.id(),
          ack.serial());
      return;
    }
    inFlightCount = inFlight.size();
    long now = ticker.getAsLong();
    p.stamp.done(now);
    metrics.acked(ack.result(), now - p.acceptedNanos);
    if (ack.isOk()) {
      p.future.complete(
          new DeliverResult(
              p.serial(),
              p.deliver.daAddr(),
              ResultCode.E_OK,
              p.attempts,
              Duration.ofNanos(now - p.acceptedNanos),
              clock.at(now),
              Duration.ofNanos(Math.max(0, p.writtenNanos - p.acceptedNanos))));
      return;
    }
    ResultCode code = ResultCode.of(ack.result());
    Optional<Duration> delay = cfg.retryPolicy().retryDelay(code, p.attempts);
    if (delay.isPresent() && now + delay.get().toNanos() - p.deadlineNanos < 0 && !closed) {
      log.debug(
          "[{}] SERIAL {} refused with {}: retry {} in {}",
          cfg.id(),
          p.serial(),
          code,
          p.attempts + 1,
          delay.get());
      retrying.add(p);
      loop.schedule(
          () -> {
            if (retrying.remove(p) && !p.future.isDone()) {
              queues[p.tpsClass.ordinal()].addFirst(p);
              drain();
            }
          },
          delay.get().toNanos(),
          TimeUnit.NANOSECONDS);
    } else {
      fail(p, new NgsRejectedException(ack, p.attempts), "rejected");
    }
  }

  /** Fails queued sends whose delivery timeout passed (they may wait through a long reconnect). */
  private void sweep() {
    long now = ticker.getAsLong();
    for (ArrayDeque<PendingSend> q : queues) {
      for (Iterator<PendingSend> it = q.iterator(); it.hasNext(); ) {
        PendingSend p = it.next();
        if (p.future.isDone()) {
          it.remove();
        } else if (now - p.deadlineNanos >= 0) {
          it.remove();
          fail(
              p,
              new NgsTimeoutException(
                  "SERIAL "
                      + p.serial()
                      + " waited "
                      + cfg.deliveryTimeout()
                      + " (deliveryTimeout) without being sent",
                  false),
              "delivery-timeout");
        }
      }
    }
    updateQueued();
  }

  /** True when nothing is queued, retrying or in flight. */
  boolean idle() {
    return incoming.isEmpty()
        && inFlight.isEmpty()
        && retrying.isEmpty()
        && queues[0].isEmpty()
        && queues[1].isEmpty()
        && queues[2].isEmpty();
  }

  /** Close: fails everything still pending with {@code cause}. */
  void failAll(Throwable cause) {
    closed = true;
    cancel(sweepTimer);
    cancel(wakeTimer);
    cancel(ackTimer);
    List<PendingSend> all = new ArrayList<>(inFlight.values());
    inFlight.clear();
    inFlightCount = 0;
    all.addAll(retrying);
    retrying.clear();
    for (ArrayDeque<PendingSend> q : queues) {
      all.addAll(q);
      q.clear();
    }
    PendingSend p;
    while ((p = incoming.poll()) != null) {
      all.add(p);
    }
    updateQueued();
    for (PendingSend x : all) {
      fail(x, cause, "closed");
    }
  }

  private void updateQueued() {
    queuedCount = queues[0].size() + queues[1].size() + queues[2].size();
  }

  private void fail(PendingSend p, Throwable t, String reason) {
    if (p.future.completeExceptionally(t)) {
      metrics.failed(reason);
    }
  }

  private static void cancel(ScheduledFuture<?> f) {
    if (f != null) {
      f.cancel(false);
    }
  }
}
