package dev.ngsign.ngs.agent.internal.sender;

import dev.ngsign.ngs.agent.AgentConfig;
import dev.ngsign.ngs.agent.ConfigException;
import dev.ngsign.ngs.agent.GatewaySession;
import dev.ngsign.ngs.agent.MessageGateway;
import dev.ngsign.ngs.agent.ReportSink;
import dev.ngsign.ngs.agent.RowMilestones;
import dev.ngsign.ngs.client.ConnectionState;
import dev.ngsign.ngs.client.NgsClient;
import dev.ngsign.ngs.client.NgsClientBuilder;
import dev.ngsign.ngs.client.NgsInvalidMessageException;
import dev.ngsign.ngs.client.NgsMessage;
import dev.ngsign.ngs.client.NgsRejectedException;
import dev.ngsign.ngs.client.ReconnectStrategy;
import dev.ngsign.ngs.client.RetryPolicy;
import dev.ngsign.ngs.client.SessionState;
import dev.ngsign.ngs.client.SessionStates;
import dev.ngsign.ngs.client.SessionStatus;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.DeliverAck;
import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link MessageGateway}: one {@link NgsClient} per account.
 *
 * <ul>
 *   <li>The client's own retries are off ({@link RetryPolicy#none()}): the agent keeps retry state
 *       in the row (ATTEMPTS, NEXT_TRY_AT) so that it survives restarts.
 *   <li>A DELIVER goes out as built by the agent, with the row's SERIAL ({@link NgsMessage#of}).
 *   <li>Reports go to the client's {@link dev.ngsign.ngs.client.AsyncReportListener}: the listener
 *       only queues the report for the group commit and returns its stage, and the client sends
 *       REPORT_ACK when that stage completes, i.e. after the commit. No thread waits per report, so
 *       many reports share one commit without a pool of blocked threads.
 *   <li>When the first login fails the client closes; this session builds a new one after a pause.
 * </ul>
 */
public final class NgsClientGateway implements MessageGateway {
  private static final Logger log = LoggerFactory.getLogger(NgsClientGateway.class);

  /**
   * How often ngs-client retries a first login refused with a retryable code (docs/client.md,
   * "Sessions").
   */
  static final int CLIENT_START_RETRIES = 3;

  /**
   * Jitter of the reconnect strategy the agent gives the client (the first delay is at most 1.2 ×
   * the minimum).
   */
  static final double RECONNECT_JITTER = 0.2;

  /**
   * Added to the client's own bound on a login, so that its watchdog, not ours, ends a slow
   * attempt.
   */
  static final Duration START_SLACK = Duration.ofSeconds(5);

  /**
   * Client settings the agent exposes.
   *
   * @param window DELIVERs awaiting their ACK per account
   * @param queueCapacity sends queued in the client
   * @param restartDelay pause before a new client after a failed first login
   * @param certMinInterval least time between two CERTs (the spec refuses a second within 3 s)
   * @param reconnectMin the client's first reconnect delay (the spec asks about 5 s)
   * @param connectTimeout the client's TCP connect timeout
   * @param ackTimeout the client's timeout for any ACK (CERT_ACK, BIND_ACK, DELIVER_ACK, LINK_ACK)
   * @param reportCommitTimeout how long a REPORT may wait for its commit; after that it is given up
   *     without REPORT_ACK (the gateway sends it again on the next report session) instead of being
   *     held forever
   * @param startTimeout a first login that has neither bound nor failed by then is abandoned and
   *     retried; {@code null} derives it from the client's own bound ({@link #clientStartBound}).
   *     It must be longer than that bound, or the agent would abandon a login the client may still
   *     complete.
   */
  public record Tuning(
      int window,
      int queueCapacity,
      Duration restartDelay,
      Duration certMinInterval,
      Duration reconnectMin,
      Duration connectTimeout,
      Duration ackTimeout,
      Duration reportCommitTimeout,
      Duration startTimeout) {
    public Tuning {
      Duration bound = clientStartBound(connectTimeout, ackTimeout, certMinInterval, reconnectMin);
      if (startTimeout == null) {
        startTimeout = bound.plus(START_SLACK);
      } else if (startTimeout.compareTo(bound) <= 0) {
        throw new ConfigException(
            "the agent's start timeout ("
                + text(startTimeout)
                + ") must be longer than the client's bound on"
                + " startAsync() ("
                + text(bound)
                + ": up to "
                + (CLIENT_START_RETRIES + 1)
                + " attempts of 2 x (connect timeout "
                + text(connectTimeout)
                + " + ack timeout "
                + text(ackTimeout)
                + ") + 1 s and the retry delays between them);"
                + " otherwise the agent abandons a login the client may still complete");
      }
    }

    /** The production settings; the start timeout is derived from the client's timeouts (147 s). */
    public static Tuning defaults() {
      return new Tuning(
          256,
          10_000,
          Duration.ofSeconds(5),
          Duration.ofMillis(3_500),
          Duration.ofSeconds(5),
          Duration.ofSeconds(5),
          Duration.ofSeconds(10),
          Duration.ofSeconds(120),
          null);
    }

    /** The same with other login pacing (tests, demo); the start timeout is derived again. */
    public Tuning withLoginPacing(Duration certMinInterval, Duration reconnect) {
      return new Tuning(
          window,
          queueCapacity,
          reconnect,
          certMinInterval,
          reconnect,
          connectTimeout,
          ackTimeout,
          reportCommitTimeout,
          null);
    }

    /** The same with another report commit timeout (tests). */
    public Tuning withReportCommitTimeout(Duration timeout) {
      return new Tuning(
          window,
          queueCapacity,
          restartDelay,
          certMinInterval,
          reconnectMin,
          connectTimeout,
          ackTimeout,
          timeout,
          startTimeout);
    }

    /**
     * The longest one CERT + BIND attempt of ngs-client may take: connect and CERT_ACK, then
     * connect and BIND_ACK, plus a second (its SessionSupervisor's watchdog; docs/client.md,
     * "Sessions").
     */
    public static Duration clientAttemptBound(Duration connectTimeout, Duration ackTimeout) {
      return connectTimeout.plus(ackTimeout).multipliedBy(2).plusSeconds(1);
    }

    /**
     * The longest ngs-client's {@code startAsync()} may take before it completes on its own: the
     * first attempt (a new client has no CERT to pace against), then up to {@code
     * CLIENT_START_RETRIES} (3) retries of a retryable refusal, each after {@code
     * max(certMinInterval, reconnect.delay(1))}, which for the agent's reconnect strategy is at
     * most {@code reconnectMin × (1 + jitter)}.
     */
    public static Duration clientStartBound(
        Duration connectTimeout,
        Duration ackTimeout,
        Duration certMinInterval,
        Duration reconnectMin) {
      Duration attempt = clientAttemptBound(connectTimeout, ackTimeout);
      Duration firstReconnect =
          Duration.ofNanos((long) (reconnectMin.toNanos() * (1 + RECONNECT_JITTER)));
      Duration retryDelay =
          certMinInterval.compareTo(firstReconnect) >= 0 ? certMinInterval : firstReconnect;
      return attempt.plus(retryDelay.plus(attempt).multipliedBy(CLIENT_START_RETRIES));
    }

    private static String text(Duration d) {
      long ms = d.toMillis();
      return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }
  }

  private final Map<String, String> env;
  private final MeterRegistry registry;
  private final Tuning tuning;
  private final RowMilestones milestones;
  private final Clock clock;
  private final ScheduledExecutorService restarts =
      Executors.newSingleThreadScheduledExecutor(daemon("ngs-agent-restart"));

  public NgsClientGateway(Map<String, String> env, MeterRegistry registry, Tuning tuning) {
    this(env, registry, tuning, RowMilestones.NONE, Clock.systemUTC());
  }

  /**
   * @param milestones told when each row's DELIVER, ACK and REPORT happen (benchmarks); {@link
   *     RowMilestones#NONE} costs nothing
   * @param clock the agent's clock: the {@code since} of the session states it shows
   */
  public NgsClientGateway(
      Map<String, String> env,
      MeterRegistry registry,
      Tuning tuning,
      RowMilestones milestones,
      Clock clock) {
    this.milestones = milestones;
    this.env = env;
    this.registry = registry;
    this.tuning = tuning;
    this.clock = clock;
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public GatewaySession open(AgentConfig.Account account, ReportSink reports) {
    return new Session(account, reports);
  }

  private final class Session implements GatewaySession {
    private final AgentConfig.Account account;
    private final ReportSink reports;
    private volatile NgsClient client;
    private volatile boolean closed;

    /**
     * The states shown: the current client's, except that a failed first login stays shown while
     * the next client is built and logs in (its NEW/CONNECTING would hide "login refused"), and a
     * client closed after a failed login is not shown as CLOSED. Times on the agent's clock.
     */
    private volatile SessionStates shown;

    Session(AgentConfig.Account account, ReportSink reports) {
      this.account = account;
      this.reports = reports;
      Instant now = clock.instant();
      this.shown =
          new SessionStates(
              new SessionState(
                  SessionKind.DELIVER, SessionStatus.CONNECTING, now, "logging in", null),
              new SessionState(
                  SessionKind.REPORT, SessionStatus.CONNECTING, now, "logging in", null));
      connect();
    }

    private synchronized void onState(NgsClient from, SessionState s) {
      if (from != client) {
        return; // a client being replaced
      }
      SessionStates now = shown;
      SessionState old = s.kind() == SessionKind.DELIVER ? now.deliver() : now.report();
      if (s.status() == SessionStatus.CLOSED && !closed) {
        return; // a failed first login closed the client; the next one is on its way
      }
      if ((s.status() == SessionStatus.NEW || s.status() == SessionStatus.CONNECTING)
          && old.status().failed()) {
        return;
      }
      boolean same = old.status() == s.status() && Objects.equals(old.code(), s.code());
      SessionState next =
          new SessionState(
              s.kind(), s.status(), same ? old.since() : clock.instant(), s.reason(), s.code());
      shown =
          s.kind() == SessionKind.DELIVER
              ? new SessionStates(next, now.report())
              : new SessionStates(now.deliver(), next);
    }

    @Override
    public Optional<SessionStates> sessionStates() {
      return Optional.of(shown);
    }

    @Override
    public Optional<TpsLimits> tpsLimits() {
      NgsClient c = client;
      return c == null ? Optional.empty() : c.tpsLimits();
    }

    private void connect() {
      if (closed) {
        return;
      }
      NgsClientBuilder b =
          NgsClient.builder()
              .certServer(account.certHost(), account.certPort())
              .account(account.id(), account.resolvePassword(env))
              .accountName(account.name())
              .encrypted(account.encrypted())
              .retryPolicy(RetryPolicy.none())
              .window(tuning.window())
              .queueCapacity(tuning.queueCapacity())
              .certMinInterval(tuning.certMinInterval())
              .reconnect(
                  ReconnectStrategy.exponential(
                      tuning.reconnectMin(),
                      tuning.reconnectMin().multipliedBy(12),
                      RECONNECT_JITTER))
              // set here, not left to the client's defaults: the start timeout below is derived
              // from them
              .connectTimeout(tuning.connectTimeout())
              .ackTimeout(tuning.ackTimeout())
              .asyncReportListener(
                  r -> committed(reports, r.report(), tuning.reportCommitTimeout()));
      if (account.senderCode() != null && !account.senderCode().isBlank()) {
        b.senderCode(account.senderCode());
      }
      if (registry != null) {
        b.meterRegistry(registry);
      }
      NgsClient[] self = new NgsClient[1];
      b.sessionStateListener(s -> onState(self[0], s));
      NgsClient c = b.build();
      self[0] = c;
      client = c;
      log.info(
          "account {}: logging in to {}:{} as {}",
          account.name(),
          account.certHost(),
          account.certPort(),
          account.id());
      // a backstop: the client completes its start on its own within Tuning.clientStartBound, which
      // the start
      // timeout exceeds; it only fires if the client broke that promise
      c.startAsync()
          .orTimeout(tuning.startTimeout().toMillis(), TimeUnit.MILLISECONDS)
          .whenComplete(
              (v, e) -> {
                if (e != null && !closed) {
                  log.warn(
                      "account {}: login failed ({}); trying again in {}",
                      account.name(),
                      rootMessage(e),
                      tuning.restartDelay());
                  c.closeAsync();
                  restarts.schedule(
                      this::connect, tuning.restartDelay().toMillis(), TimeUnit.MILLISECONDS);
                } else if (e == null) {
                  log.info("account {}: bound to the gateway", account.name());
                }
              });
      if (closed) {
        c.closeAsync();
      }
    }

    @Override
    public boolean isReady() {
      NgsClient c = client;
      return c != null && c.state() == ConnectionState.BOUND;
    }

    @Override
    public CompletionStage<DeliverAck> send(Deliver d) {
      NgsClient c = client;
      CompletableFuture<DeliverAck> out = new CompletableFuture<>();
      NgsMessage m;
      try {
        m = NgsMessage.of(d);
      } catch (NgsInvalidMessageException e) {
        out.complete(invalid(d, e));
        return out;
      }
      c.send(m)
          .whenComplete(
              (ok, e) -> {
                if (e == null) {
                  if (milestones != RowMilestones.NONE) {
                    // latency - queued = from the write to the ACK, which arrived just now (this
                    // runs on the I/O thread right after it); send() may have blocked for room
                    milestones.deliverWritten(
                        d.serial(), System.nanoTime() - ok.latency().minus(ok.queued()).toNanos());
                  }
                  out.complete(new DeliverAck(0, d.daAddr(), d.serial()));
                  return;
                }
                Throwable t =
                    e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                if (t instanceof NgsRejectedException r) {
                  out.complete(r.ack());
                } else if (t instanceof NgsInvalidMessageException inv
                    && !inv.violations().isEmpty()) {
                  out.complete(invalid(d, inv));
                } else {
                  out.completeExceptionally(t);
                }
              });
      return out;
    }

    private DeliverAck invalid(Deliver d, NgsInvalidMessageException e) {
      int code =
          e.violations().isEmpty()
              ? ResultCode.E_MALFORMED_PACKET.code()
              : e.violations().get(0).code().code();
      return new DeliverAck(code, d.daAddr(), d.serial());
    }

    @Override
    public void close() {
      closed = true;
      NgsClient c = client;
      if (c != null) {
        try {
          c.close();
        } catch (RuntimeException e) {
          log.warn("account {}: close: {}", account.name(), e.getMessage());
        }
      }
    }
  }

  /**
   * The stage the client sends REPORT_ACK on: completes when the sink committed the report, fails
   * when the sink failed it or when it did not complete within {@code timeout}. A write-back that
   * never completes (the database down for hours) must not keep the report outstanding in the
   * client for ever: past 1,000 outstanding the client stops reading the report session. A report
   * given up here may still be committed later; the gateway sends it again on the next report
   * session and its update is idempotent. The sink's own future is not touched (it belongs to the
   * write-behind).
   */
  static CompletableFuture<Void> committed(ReportSink sink, Report report, Duration timeout) {
    CompletableFuture<Void> out = new CompletableFuture<>();
    sink.accept(report)
        .whenComplete(
            (v, e) -> {
              if (e != null) {
                out.completeExceptionally(e);
              } else {
                out.complete(null);
              }
            });
    return out.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
