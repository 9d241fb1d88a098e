package dev.ngsign.ngs.agent.internal.sender;

import dev.ngsign.ngs.agent.AgentConfig;
import dev.ngsign.ngs.agent.GatewaySession;
import dev.ngsign.ngs.agent.MessageGateway;
import dev.ngsign.ngs.agent.ReportSink;
import dev.ngsign.ngs.client.ConnectionState;
import dev.ngsign.ngs.client.NgsClient;
import dev.ngsign.ngs.client.NgsClientBuilder;
import dev.ngsign.ngs.client.NgsInvalidMessageException;
import dev.ngsign.ngs.client.NgsMessage;
import dev.ngsign.ngs.client.NgsRejectedException;
import dev.ngsign.ngs.client.ReconnectStrategy;
import dev.ngsign.ngs.client.RetryPolicy;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.DeliverAck;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
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
 *   <li>The client's own retries are off ({@link RetryPolicy#none()}): the agent keeps retry state in the
 *       row (ATTEMPTS, NEXT_TRY_AT) so that it survives restarts.
 *   <li>A DELIVER goes out as built by the agent, with the row's SERIAL ({@link NgsMessage#of}).
 *   <li>The report listener blocks until the report is committed (the client then sends REPORT_ACK). It
 *       runs on a pool, not one thread, so that many reports wait for the same group commit.
 *   <li>When the first login fails the client closes; this session builds a new one after a pause.
 * </ul>
 */
public final class NgsClientGateway implements MessageGateway {
  private static final Logger log = LoggerFactory.getLogger(NgsClientGateway.class);

  /**
   * Client settings the agent exposes.
   *
   * @param window DELIVERs awaiting their ACK per account
   * @param queueCapacity sends queued in the client
   * @param reportThreads threads that may wait for report commits at once
   * @param restartDelay pause before a new client after a failed first login
   * @param certMinInterval least time between two CERTs (the spec refuses a second within 3 s)
   * @param reconnectMin the client's first reconnect delay (the spec asks about 5 s)
   * @param startTimeout a first login that has neither bound nor failed by then is abandoned and retried
   */
  public record Tuning(int window, int queueCapacity, int reportThreads, Duration restartDelay, Duration certMinInterval,
      Duration reconnectMin, Duration startTimeout) {
    public static Tuning defaults() {
      return new Tuning(256, 10_000, 512, Duration.ofSeconds(5), Duration.ofMillis(3_500), Duration.ofSeconds(5), Duration.ofSeconds(30));
    }
  }

  private final Map<String, String> env;
  private final MeterRegistry registry;
  private final Tuning tuning;
  private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(daemon("ngs-agent-restart"));

  public NgsClientGateway(Map<String, String> env, MeterRegistry registry, Tuning tuning) {
    this.env = env;
    this.registry = registry;
    this.tuning = tuning;
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
    private final ExecutorService reportPool;
    private volatile NgsClient client;
    private volatile boolean closed;

    Session(AgentConfig.Account account, ReportSink reports) {
      this.account = account;
      this.reports = reports;
      this.reportPool = Executors.newFixedThreadPool(tuning.reportThreads(), daemon("ngs-agent-report-" + account.name()));
      connect();
    }

    private void connect() {
      if (closed) {
        return;
      }
      NgsClientBuilder b = NgsClient.builder()
          .certServer(account.certHost(), account.certPort())
          .account(account.id(), account.resolvePassword(env))
          .encrypted(account.encrypted())
          .retryPolicy(RetryPolicy.none())
          .window(tuning.window())
          .queueCapacity(tuning.queueCapacity())
          .certMinInterval(tuning.certMinInterval())
          .reconnect(ReconnectStrategy.exponential(tuning.reconnectMin(), tuning.reconnectMin().multipliedBy(12), 0.2))
          .reportExecutor(this::runReportTask)
          .reportListener(r -> reports.accept(r.report()).toCompletableFuture().get(120, TimeUnit.SECONDS));
      if (account.senderCode() != null && !account.senderCode().isBlank()) {
        b.senderCode(account.senderCode());
      }
      if (registry != null) {
        b.meterRegistry(registry);
      }
      NgsClient c = b.build();
      client = c;
      log.info("account {}: logging in to {}:{} as {}", account.name(), account.certHost(), account.certPort(), account.id());
      c.startAsync().orTimeout(tuning.startTimeout().toMillis(), TimeUnit.MILLISECONDS).whenComplete((v, e) -> {
        if (e != null && !closed) {
          log.warn("account {}: login failed ({}); trying again in {}", account.name(), rootMessage(e), tuning.restartDelay());
          c.closeAsync();
          restarts.schedule(this::connect, tuning.restartDelay().toMillis(), TimeUnit.MILLISECONDS);
        } else if (e == null) {
          log.info("account {}: bound to the gateway", account.name());
        }
      });
      if (closed) {
        c.closeAsync();
      }
    }

    /**
     * Runs the client's report task on the pool. After the client closed, its task may fail to hand the
     * REPORT_ACK back to the closed event loop; the report is committed and the gateway re-sends it (its
     * update is idempotent), so that failure is expected and not an error of this thread.
     */
    private void runReportTask(Runnable task) {
      try {
        reportPool.execute(() -> {
          try {
            task.run();
          } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("account {}: report task after close: {}", account.name(), e.getMessage());
          }
        });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        log.debug("account {}: report arrived after close; not acknowledged, the gateway sends it again", account.name());
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
      c.send(m).whenComplete((ok, e) -> {
        if (e == null) {
          out.complete(new DeliverAck(0, d.daAddr(), d.serial()));
          return;
        }
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof NgsRejectedException r) {
          out.complete(r.ack());
        } else if (t instanceof NgsInvalidMessageException inv && !inv.violations().isEmpty()) {
          out.complete(invalid(d, inv));
        } else {
          out.completeExceptionally(t);
        }
      });
      return out;
    }

    private DeliverAck invalid(Deliver d, NgsInvalidMessageException e) {
      int code = e.violations().isEmpty() ? ResultCode.E_MALFORMED_PACKET.code() : e.violations().get(0).code().code();
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
      reportPool.shutdown();
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
