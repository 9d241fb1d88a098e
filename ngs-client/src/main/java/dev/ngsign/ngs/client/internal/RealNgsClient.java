package dev.ngsign.ngs.client.internal;

import dev.ngsign.ngs.client.ConnectionState;
import dev.ngsign.ngs.client.DeliverResult;
import dev.ngsign.ngs.client.NgsClient;
import dev.ngsign.ngs.client.NgsClosedException;
import dev.ngsign.ngs.client.NgsException;
import dev.ngsign.ngs.client.NgsInvalidMessageException;
import dev.ngsign.ngs.client.NgsMessage;
import dev.ngsign.ngs.client.NgsQueueFullException;
import dev.ngsign.ngs.client.NgsReport;
import dev.ngsign.ngs.client.SessionStateListener;
import dev.ngsign.ngs.client.SessionStates;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link NgsClient}: the caller-facing face (validation, back-pressure, blocking variants) over
 * one event loop that owns all session state ({@link SessionSupervisor}, {@link SendWindow}, {@link
 * ReportDispatcher}).
 */
public final class RealNgsClient implements NgsClient {
  private static final Logger log = LoggerFactory.getLogger(RealNgsClient.class);

  private final ClientConfig cfg;
  private final EventLoopGroup group;
  private final boolean ownGroup;
  private final EventLoop loop;
  private final ExecutorService ownReportExecutor;
  private final Semaphore permits;

  /**
   * Callers blocked in send() wake when this many permits are free, not on every ACK (a futex per
   * ACK is costly).
   */
  private final int wakeAt;

  private final ReentrantLock spaceLock = new ReentrantLock();
  private final Condition space = spaceLock.newCondition();
  private final AtomicInteger blocked = new AtomicInteger();
  private final LongSupplier ticker;
  private final ClientMetrics metrics;
  private final SendWindow window;
  private final ReportDispatcher reports;
  private final SessionSupervisor supervisor;
  private final AtomicReference<CompletableFuture<Void>> startFuture = new AtomicReference<>();
  private final AtomicReference<CompletableFuture<Void>> closeFuture = new AtomicReference<>();
  private volatile boolean closing;
  private boolean finished;

  // NioEventLoopGroup: deprecated in Netty 4.2 but present in 4.1 and 4.2 alike, so the client runs
  // on the
  // Netty a Spring Boot 3 application already has (MultiThreadIoEventLoopGroup exists only from
  // 4.2)
  @SuppressWarnings("deprecation")
  public RealNgsClient(ClientConfig cfg) {
    this(cfg, java.util.List.of());
  }

  /** With listeners for the sessions' {@link SessionStates}. */
  @SuppressWarnings("deprecation")
  public RealNgsClient(ClientConfig cfg, java.util.List<SessionStateListener> sessionListeners) {
    this.cfg = cfg;
    this.ticker = ticker(cfg.clock());
    this.ownGroup = cfg.eventLoopGroup() == null;
    this.group =
        ownGroup
            ? new NioEventLoopGroup(1, new DefaultThreadFactory("ngs-io-" + cfg.id(), true))
            : cfg.eventLoopGroup();
    this.loop = group.next();
    Executor reportExecutor = cfg.reportExecutor();
    if (reportExecutor == null && cfg.hasReportListener()) {
      ownReportExecutor =
          Executors.newSingleThreadExecutor(
              new DefaultThreadFactory("ngs-report-" + cfg.id(), true));
      reportExecutor = ownReportExecutor;
    } else {
      ownReportExecutor = null;
    }
    this.permits = new Semaphore(cfg.queueCapacity());
    this.wakeAt = Math.max(1, cfg.queueCapacity() / 4);
    this.metrics = ClientMetrics.of(cfg.meterRegistry(), cfg.accountName(), cfg.id());
    this.window = new SendWindow(cfg, loop, metrics, ticker);
    this.reports = new ReportDispatcher(cfg, loop, reportExecutor, metrics);
    this.supervisor =
        new SessionSupervisor(
            cfg,
            loop,
            window,
            reports,
            metrics,
            ticker,
            new SessionStateTracker(cfg.id(), cfg.clock(), sessionListeners));
    metrics.gauges(window::inFlight, this::pending, window::queued);
  }

  /**
   * The monotonic ticker behind TPS windows, keepalive and timeouts: {@link System#nanoTime} with
   * the system clock; an injected clock (tests) drives them too, so a test that holds its clock
   * still holds them still.
   */
  static LongSupplier ticker(Clock clock) {
    if (clock.equals(Clock.systemUTC()) || clock.equals(Clock.systemDefaultZone())) {
      return System::nanoTime;
    }
    return () -> {
      Instant now = clock.instant();
      return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    };
  }

  @Override
  public CompletableFuture<Void> startAsync() {
    CompletableFuture<Void> f = new CompletableFuture<>();
    if (!startFuture.compareAndSet(null, f)) {
      return startFuture.get();
    }
    if (closing) {
      f.completeExceptionally(new NgsClosedException("client closed before start()"));
      return f;
    }
    log.info(
        "[{}] starting: cert server {}, {} sessions",
        cfg.id(),
        cfg.certServerText(),
        cfg.encrypted() ? "encrypted" : "plain");
    // completes on the loop; a failed start is closed there first, so the caller sees CLOSED when
    // start() throws
    CompletableFuture<Void> attempt = new CompletableFuture<>();
    attempt.whenComplete(
        (v, e) -> {
          if (e != null) {
            closeNow();
            f.completeExceptionally(e);
          } else {
            f.complete(null);
          }
        });
    try {
      // close() may have run on the loop between the check above and this task: supervisor.start
      // then fails it
      loop.execute(() -> supervisor.start(attempt));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      f.completeExceptionally(
          new NgsClosedException("client " + cfg.id() + " closed during start()"));
    }
    return f;
  }

  @Override
  public void start() {
    await(startAsync());
  }

  @Override
  public CompletableFuture<DeliverResult> send(NgsMessage message) {
    Objects.requireNonNull(message, "message");
    if (closing) {
      return CompletableFuture.failedFuture(
          new NgsClosedException("client " + cfg.id() + " is closed"));
    }
    if (startFuture.get() == null) {
      return CompletableFuture.failedFuture(
          new NgsClosedException("client " + cfg.id() + " is not started: call start() first"));
    }
    Deliver d;
    try {
      d = prepare(message);
    } catch (NgsInvalidMessageException e) {
      metrics.failed("invalid");
      return CompletableFuture.failedFuture(e);
    }
    if (!acquire()) {
      if (closing) {
        return CompletableFuture.failedFuture(
            new NgsClosedException("client " + cfg.id() + " closed while send() waited for room"));
      }
      metrics.failed("queue-full");
      return CompletableFuture.failedFuture(
          new NgsQueueFullException(
              cfg.queueCapacity()
                  + " sends pending for "
                  + cfg.maxBlock()
                  + " (maxBlock): sending faster than the account's TPS and window allow"));
    }
    CompletableFuture<DeliverResult> f = new CompletableFuture<>();
    f.whenComplete((r, e) -> release());
    long now = ticker.getAsLong();
    window.submit(new PendingSend(d, f, now, now + cfg.deliveryTimeout().toNanos()));
    return f;
  }

  private boolean acquire() {
    if (permits.tryAcquire()) {
      return true;
    }
    if (cfg.maxBlock().isZero() || loop.inEventLoop()) {
      return false; // never block the I/O thread: it is the one that frees permits
    }
    long deadline = System.nanoTime() + cfg.maxBlock().toNanos();
    blocked.incrementAndGet();
    try {
      while (true) {
        if (permits.tryAcquire()) {
          return true;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || closing) {
          return false;
        }
        spaceLock.lockInterruptibly();
        try {
          while (permits.availablePermits() < wakeAt && left > 0 && !closing) {
            left = space.awaitNanos(left);
          }
        } finally {
          spaceLock.unlock();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      blocked.decrementAndGet();
    }
  }

  private void release() {
    permits.release();
    if (blocked.get() > 0 && (permits.availablePermits() >= wakeAt || closing)) {
      spaceLock.lock();
      try {
        space.signalAll();
      } finally {
        spaceLock.unlock();
      }
    }
  }

  /** The DELIVER to send: validated, with the default SENDER_CODE filled in. */
  private Deliver prepare(NgsMessage message) {
    Deliver d = message.deliver();
    if (d.senderCode().isEmpty()) {
      if (cfg.senderCode().isEmpty()) {
        throw new NgsInvalidMessageException(
            "SENDER_CODE: message "
                + d.serial()
                + " has no sender code: set it on the message or with NgsClientBuilder.senderCode(...)");
      }
      d =
          new Deliver(
              d.messageType(),
              d.daAddr(),
              d.callback(),
              d.encoding(),
              d.text(),
              d.kakao(),
              d.serial(),
              cfg.senderCode(),
              d.extension(),
              d.media());
    }
    if (!(message instanceof Validated)) {
      MessageSupport.validate(d);
    }
    return d;
  }

  @Override
  public DeliverResult sendAndWait(NgsMessage message) {
    return await(send(message));
  }

  private <T> T await(CompletableFuture<T> f) {
    if (loop.inEventLoop() && !f.isDone()) {
      throw new IllegalStateException(
          "blocking call on the client's I/O thread would deadlock: use the async variant");
    }
    try {
      return f.get();
    } catch (ExecutionException | CompletionException e) {
      Throwable c = e.getCause();
      if (c instanceof NgsException ne) {
        throw ne;
      }
      throw new NgsException(String.valueOf(c), c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NgsException("interrupted while waiting", e);
    }
  }

  @Override
  public CompletableFuture<NgsReport> awaitReport(String serial) {
    Objects.requireNonNull(serial, "serial");
    if (closing) {
      return CompletableFuture.failedFuture(
          new NgsClosedException(
              "client "
                  + cfg.id()
                  + " is closed: no report for SERIAL "
                  + serial
                  + " will arrive"));
    }
    return reports.await(serial);
  }

  @Override
  public String accountId() {
    return cfg.id();
  }

  @Override
  public ConnectionState state() {
    return supervisor.state();
  }

  @Override
  public SessionStates sessionStates() {
    return supervisor.sessions().states();
  }

  @Override
  public Optional<TpsLimits> tpsLimits() {
    return Optional.ofNullable(supervisor.tps());
  }

  @Override
  public int inFlight() {
    return window.inFlight();
  }

  @Override
  public int pending() {
    return cfg.queueCapacity() - permits.availablePermits();
  }

  @Override
  public CompletableFuture<Void> closeAsync() {
    CompletableFuture<Void> f = new CompletableFuture<>();
    if (!closeFuture.compareAndSet(null, f)) {
      return closeFuture.get();
    }
    closing = true;
    log.info("[{}] closing: {} sends pending", cfg.id(), pending());
    if (loop.isShuttingDown()) {
      // the (shared) event loop is going away: nothing on it will complete a pending start any more
      CompletableFuture<Void> started = startFuture.get();
      if (started != null) {
        started.completeExceptionally(
            new NgsClosedException("client " + cfg.id() + " closed: its event loop shut down"));
      }
      f.complete(null);
      return f;
    }
    try {
      loop.execute(
          () -> {
            supervisor.closing();
            long deadline = ticker.getAsLong() + cfg.closeTimeout().toNanos();
            waitDrained(f, deadline);
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      CompletableFuture<Void> started = startFuture.get();
      if (started != null) {
        started.completeExceptionally(
            new NgsClosedException("client " + cfg.id() + " closed: its event loop shut down"));
      }
      f.complete(null);
    }
    return f;
  }

  private void waitDrained(CompletableFuture<Void> f, long deadline) {
    if (window.idle() || ticker.getAsLong() - deadline >= 0 || startFuture.get() == null) {
      finish(f);
    } else {
      loop.schedule(() -> waitDrained(f, deadline), 10, TimeUnit.MILLISECONDS);
    }
  }

  /** On the loop: fails what is left and releases everything. */
  private void finish(CompletableFuture<Void> f) {
    if (finished) {
      return;
    }
    finished = true;
    supervisor
        .shutdown(); // fails DELIVERs without their ACK first: those may have reached the gateway
    window.failAll(
        new NgsClosedException("client " + cfg.id() + " closed before this message was sent"));
    reports.close();
    log.info("[{}] closed", cfg.id());
    if (ownReportExecutor != null) {
      ownReportExecutor.shutdown();
    }
    if (ownGroup) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).addListener(x -> f.complete(null));
    } else {
      f.complete(null);
    }
  }

  private void closeNow() {
    closeFuture.compareAndSet(null, new CompletableFuture<>());
    closing = true;
    CompletableFuture<Void> f = closeFuture.get();
    if (loop.inEventLoop()) {
      finish(f);
    } else {
      loop.execute(() -> finish(f));
    }
  }

  @Override
  public void close() {
    CompletableFuture<Void> f = closeAsync();
    if (loop.inEventLoop()) {
      return;
    }
    try {
      f.get(cfg.closeTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      log.warn("[{}] close did not finish cleanly: {}", cfg.id(), e.toString());
    }
  }

  @Override
  public String toString() {
    return "NgsClient[id=" + cfg.id() + ", state=" + state() + "]";
  }
}
