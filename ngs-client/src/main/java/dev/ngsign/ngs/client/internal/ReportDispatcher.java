package dev.ngsign.ngs.client.internal;

import dev.ngsign.ngs.client.AsyncReportListener;
import dev.ngsign.ngs.client.NgsClosedException;
import dev.ngsign.ngs.client.NgsReport;
import dev.ngsign.ngs.client.NgsReportForgottenException;
import dev.ngsign.ngs.client.ReportListener;
import dev.ngsign.ngs.protocol.NgsProtocolException;
import dev.ngsign.ngs.protocol.codec.PacketCodec;
import dev.ngsign.ngs.protocol.packet.Report;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The report side: hands each REPORT to the listener on the report executor and sends REPORT_ACK
 * only after the listener returned normally (spec section 4.4: an unacknowledged report is re-sent
 * after reconnect). Flags reports already acknowledged once. Stops reading the report session while
 * too many reports wait for the listener, so a slow listener slows the gateway down instead of
 * filling memory.
 */
final class ReportDispatcher {
  private static final Logger log = LoggerFactory.getLogger(ReportDispatcher.class);
  static final int HIGH_WATER = 1_000;
  static final int LOW_WATER = 100;

  private final String id;
  private final EventLoop loop;
  private final ReportListener listener;
  private final AsyncReportListener asyncListener;
  private final Executor executor;
  private final ClientMetrics metrics;
  private final WallClock clock;
  private final DuplicateFilter seen;
  private final Map<String, CompletableFuture<NgsReport>> waiters = new ConcurrentHashMap<>();

  /**
   * By SERIAL: the latest acknowledged reports, so an {@link #await} that comes after its report
   * still completes; then {@link #FORGOTTEN} for as many older ones, so an await for one of those
   * fails at once. One map for both, so remembering a report costs three map writes, not five.
   * Written on the loop (with the rings), read from any thread.
   */
  private final Map<String, Object> recent = new ConcurrentHashMap<>();

  /** The mark of a SERIAL whose report arrived and is no longer remembered. */
  private static final Object FORGOTTEN = new Object();

  private final NgsReport[] recentRing;
  private int recentNext;
  private final String[] forgottenRing;
  private int forgottenNext;
  private int outstanding;

  /**
   * Set by {@link #close()}: no listener call, no REPORT_ACK, no task handed to the loop any more.
   */
  private volatile boolean closed;

  private ByteBuf acks;
  private Channel ackChannel;

  ReportDispatcher(ClientConfig cfg, EventLoop loop, Executor executor, ClientMetrics metrics) {
    this.id = cfg.id();
    this.loop = loop;
    this.listener = cfg.reportListener();
    this.asyncListener = cfg.asyncReportListener();
    this.executor = executor;
    this.metrics = metrics;
    this.clock = new WallClock(cfg.clock(), System::nanoTime);
    this.seen = new DuplicateFilter(cfg.duplicateMemory());
    this.recentRing = new NgsReport[cfg.recentReports()];
    this.forgottenRing = new String[cfg.recentReports()];
  }

  /**
   * Any thread. The report if it already arrived and is remembered; a failure at once when it
   * arrived and was forgotten, or the client is closed; else a future for the next one.
   */
  CompletableFuture<NgsReport> await(String serial) {
    if (closed) {
      return CompletableFuture.failedFuture(
          new NgsClosedException("client closed: no report for SERIAL " + serial + " will arrive"));
    }
    Object known = recent.get(serial);
    if (known instanceof NgsReport r) {
      return CompletableFuture.completedFuture(r);
    }
    if (known == FORGOTTEN) {
      return CompletableFuture.failedFuture(forgotten(serial));
    }
    CompletableFuture<NgsReport> f =
        waiters.computeIfAbsent(serial, s -> new CompletableFuture<>());
    f.whenComplete((r, e) -> waiters.remove(serial, f));
    // The report may have been remembered between the look-up above and the registration: the loop
    // remembers
    // before it looks for waiters, so one of the two sides sees the other.
    known = recent.get(serial);
    if (known instanceof NgsReport r) {
      f.complete(r);
    } else if (known == FORGOTTEN) {
      f.completeExceptionally(forgotten(serial));
    } else if (closed) {
      f.completeExceptionally(new NgsClosedException("client closed before the report arrived"));
    }
    return f;
  }

  private NgsReportForgottenException forgotten(String serial) {
    return new NgsReportForgottenException(
        "the report for SERIAL "
            + serial
            + " arrived before awaitReport was called and is"
            + " no longer in memory (recentReports keeps the latest "
            + recentRing.length
            + "): read it where your report"
            + " listener stored it, or call awaitReport before sending");
  }

  /** On the loop: keeps the report for late {@link #await} calls, forgetting the oldest. */
  private void remember(NgsReport report) {
    if (recentRing.length == 0) {
      return;
    }
    NgsReport old = recentRing[recentNext];
    recentRing[recentNext] = report;
    recentNext = (recentNext + 1) % recentRing.length;
    recent.put(report.serial(), report); // over a FORGOTTEN mark of an earlier report, if any
    if (old != null && recent.replace(old.serial(), old, FORGOTTEN)) {
      String older = forgottenRing[forgottenNext];
      if (older != null) {
        recent.remove(older, FORGOTTEN);
      }
      forgottenRing[forgottenNext] = old.serial();
      forgottenNext = (forgottenNext + 1) % forgottenRing.length;
    }
  }

  /** On the loop: a REPORT arrived on {@code ch}. */
  void onReport(Channel ch, Report r) {
    metrics.report(r.result());
    DuplicateFilter.Key key = DuplicateFilter.key(r.serial(), r.gwSerial());
    NgsReport report = new NgsReport(r, seen.contains(key), clock.now());
    if (report.duplicate()) {
      log.info(
          "[{}] REPORT SERIAL {} GWSERIAL {} was already acknowledged once: passed on flagged as duplicate",
          id,
          r.serial(),
          r.gwSerial());
    }
    if (listener == null && asyncListener == null) {
      acknowledge(ch, report, key);
      return;
    }
    if (closed) {
      log.debug(
          "[{}] REPORT SERIAL {} after close(): not acknowledged, the gateway re-sends it",
          id,
          r.serial());
      return;
    }
    if (++outstanding >= HIGH_WATER && ch.config().isAutoRead()) {
      ch.config().setAutoRead(false);
    }
    try {
      executor.execute(() -> runListener(ch, report, key));
    } catch (RejectedExecutionException e) {
      --outstanding;
      if (closed) {
        log.debug(
            "[{}] report executor closed: REPORT SERIAL {} not acknowledged, the gateway re-sends it",
            id,
            r.serial());
      } else {
        log.warn(
            "[{}] report executor refused REPORT SERIAL {}: not acknowledged, the gateway re-sends it",
            id,
            r.serial(),
            e);
      }
    }
  }

  /**
   * On the report executor: the listener, then the REPORT_ACK back on the loop unless the client
   * closed meanwhile.
   */
  private void runListener(Channel ch, NgsReport report, DuplicateFilter.Key key) {
    if (closed) {
      log.debug(
          "[{}] client closed before the listener got REPORT SERIAL {}: not acknowledged, the gateway re-sends it",
          id,
          report.serial());
      return;
    }
    if (asyncListener != null) {
      runAsyncListener(ch, report, key);
      return;
    }
    boolean ok;
    try {
      listener.onReport(report);
      ok = true;
    } catch (Throwable t) {
      ok = false;
      log.warn(
          "[{}] report listener failed for SERIAL {} GWSERIAL {}: REPORT_ACK not sent, the gateway re-sends it",
          id,
          report.serial(),
          report.report().gwSerial(),
          t);
    }
    handBack(ch, report, key, ok);
  }

  /**
   * The asynchronous listener: the REPORT_ACK follows its stage, from whichever thread completes
   * it.
   */
  private void runAsyncListener(Channel ch, NgsReport report, DuplicateFilter.Key key) {
    CompletionStage<Void> stage;
    try {
      stage = asyncListener.onReport(report);
      if (stage == null) {
        throw new NullPointerException(
            "AsyncReportListener returned null instead of a CompletionStage");
      }
    } catch (Throwable t) {
      log.warn(
          "[{}] report listener failed for SERIAL {} GWSERIAL {}: REPORT_ACK not sent, the gateway re-sends it",
          id,
          report.serial(),
          report.report().gwSerial(),
          t);
      handBack(ch, report, key, false);
      return;
    }
    stage.whenComplete(
        (v, t) -> {
          if (t != null) {
            log.warn(
                "[{}] report listener's stage failed for SERIAL {} GWSERIAL {}: REPORT_ACK not sent, the gateway re-sends it",
                id,
                report.serial(),
                report.report().gwSerial(),
                t);
          }
          handBack(ch, report, key, t == null);
        });
  }

  /**
   * Any thread: the listener finished; the rest happens on the loop, or not at all once the client
   * closed.
   */
  private void handBack(Channel ch, NgsReport report, DuplicateFilter.Key key, boolean ok) {
    if (closed) {
      afterClose(report);
      return;
    }
    try {
      loop.execute(() -> afterListener(ch, report, key, ok));
    } catch (RejectedExecutionException e) {
      afterClose(report); // the loop shut down between the check and the hand-over
    }
  }

  private void afterClose(NgsReport report) {
    log.debug(
        "[{}] report listener for SERIAL {} finished after close(): not acknowledged, the gateway re-sends it",
        id,
        report.serial());
  }

  private void afterListener(Channel ch, NgsReport report, DuplicateFilter.Key key, boolean ok) {
    if (closed) {
      afterClose(
          report); // a shared loop outlives the client, or the task got in while the loop shut down
      return;
    }
    if (--outstanding <= LOW_WATER && !ch.config().isAutoRead() && ch.isActive()) {
      ch.config().setAutoRead(true);
    }
    if (ok) {
      acknowledge(ch, report, key);
      flushAcks();
    }
  }

  private void acknowledge(Channel ch, NgsReport report, DuplicateFilter.Key key) {
    if (ch.isActive()) {
      // encoded into one buffer, written at the end of the read batch (SessionHandler) or after the
      // listener task
      if (ackChannel != ch) {
        flushAcks();
      }
      if (acks == null) {
        acks = ch.alloc().ioBuffer(64 * 48);
        ackChannel = ch;
      }
      try {
        PacketCodec.encode(report.report().ack(), acks, ch.attr(BindHandler.CIPHER).get());
      } catch (NgsProtocolException e) {
        log.error(
            "[{}] cannot encode REPORT_ACK for SERIAL {}: {}", id, report.serial(), e.getMessage());
        return;
      }
    } else {
      log.info(
          "[{}] report session closed before REPORT_ACK for SERIAL {}: the gateway will re-send it",
          id,
          report.serial());
    }
    seen.add(key);
    remember(report);
    if (!waiters.isEmpty()) {
      CompletableFuture<NgsReport> f = waiters.remove(report.serial());
      if (f != null) {
        f.complete(report);
      }
    }
  }

  /** Writes the REPORT_ACKs encoded so far. On the loop. */
  void flushAcks() {
    ByteBuf b = acks;
    Channel ch = ackChannel;
    acks = null;
    ackChannel = null;
    if (b == null) {
      return;
    }
    if (ch.isActive() && b.isReadable()) {
      ch.writeAndFlush(b, ch.voidPromise());
    } else {
      b.release();
    }
  }

  /** Close: fails every {@link #await} future. */
  void close() {
    closed = true;
    flushAcks();
    for (CompletableFuture<NgsReport> f : new ArrayList<>(waiters.values())) {
      f.completeExceptionally(new NgsClosedException("client closed before the report arrived"));
    }
    waiters.clear();
  }
}
