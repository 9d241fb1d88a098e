package dev.ngsign.ngs.agent.internal.sender;

import dev.ngsign.ngs.agent.AgentConfig;
import dev.ngsign.ngs.agent.GatewaySession;
import dev.ngsign.ngs.agent.MessageGateway;
import dev.ngsign.ngs.agent.internal.housekeeping.Housekeeping;
import dev.ngsign.ngs.agent.internal.lease.LeaseListener;
import dev.ngsign.ngs.agent.internal.metrics.AgentMetrics;
import dev.ngsign.ngs.agent.internal.reports.WriteBehind;
import dev.ngsign.ngs.agent.internal.store.MessageStore;
import dev.ngsign.ngs.agent.internal.store.WriteBack;
import dev.ngsign.ngs.agent.internal.wakeup.Wakeup;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node does when it gains or loses an account's lease: on gain it recovers the rows a
 * previous holder left in flight, opens the account's gateway session and starts its {@link
 * AccountWorker}; on loss it stops the worker, closes the session and waits for the write-back. The
 * maintenance lease only switches {@link Housekeeping}'s sweeps on and off.
 */
public final class AccountLeases implements LeaseListener {
  private static final Logger log = LoggerFactory.getLogger(AccountLeases.class);

  private record Running(AccountWorker worker, GatewaySession session, SessionWatch watch) {}

  private final AgentConfig config;
  private final Map<String, AgentConfig.Account> accounts;
  private final MessageGateway gateway;
  private final MessageStore store;
  private final WriteBehind writer;
  private final Housekeeping housekeeping;
  private final Clock clock;
  private final AgentMetrics metrics;
  private final Wakeup wakeup;
  private final boolean adaptivePoll;
  private final Map<String, Running> running = new ConcurrentHashMap<>();

  /**
   * @param wakeup what the workers wait on between claims (signalled by the PostgreSQL listener)
   * @param adaptivePoll true where nothing signals {@code wakeup} (MariaDB, H2): see {@code
   *     PollPacer}
   */
  public AccountLeases(
      AgentConfig config,
      Map<String, AgentConfig.Account> accounts,
      MessageGateway gateway,
      MessageStore store,
      WriteBehind writer,
      Housekeeping housekeeping,
      Clock clock,
      AgentMetrics metrics,
      Wakeup wakeup,
      boolean adaptivePoll) {
    this.wakeup = wakeup;
    this.adaptivePoll = adaptivePoll;
    this.config = config;
    this.accounts = accounts;
    this.gateway = gateway;
    this.store = store;
    this.writer = writer;
    this.housekeeping = housekeeping;
    this.clock = clock;
    this.metrics = metrics;
  }

  private LocalDateTime now() {
    return LocalDateTime.ofInstant(clock.instant(), config.zone());
  }

  @Override
  public void acquired(String account, long fence) {
    if (account.equals(Housekeeping.MAINTENANCE)) {
      housekeeping.maintenance(true);
      return;
    }
    AgentConfig.Account acc = accounts.get(account);
    int recovered = store.recovery().recover(account, fence, now());
    if (recovered > 0) {
      log.info(
          "account {}: {} row(s) caught between send and ACK go out again with the same SERIAL",
          account,
          recovered);
    }
    GatewaySession session =
        gateway.open(
            acc,
            report -> {
              metrics.report(account, report.serial(), report.result());
              return writer.report(new WriteBack.ReportWrite(account, report, now()));
            });
    boolean isDefault =
        config.defaultAccount() != null && config.defaultAccount().name().equals(account);
    AccountWorker w =
        new AccountWorker(
            config,
            acc,
            isDefault,
            fence,
            store,
            writer,
            session,
            clock,
            metrics,
            wakeup,
            adaptivePoll);
    running.put(account, new Running(w, session, new SessionWatch(session, clock)));
    metrics.leaseHeld(account, true);
    w.start();
  }

  @Override
  public void stop(String account, long fence) {
    if (account.equals(Housekeeping.MAINTENANCE)) {
      housekeeping.maintenance(false);
      return;
    }
    Running r = running.remove(account);
    if (r == null) {
      return;
    }
    r.worker().stop(Duration.ofSeconds(10));
    try {
      r.session().close();
    } catch (RuntimeException e) {
      log.warn("closing the session of {}: {}", account, e.getMessage());
    }
    r.worker().awaitIdle(Duration.ofSeconds(5));
    try {
      writer.flush().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("account {}: write-back not confirmed on stop: {}", account, e.toString());
    }
    metrics.leaseHeld(account, false);
  }

  /**
   * Stops every worker at once and closes the sessions without any write-back (a simulated crash).
   */
  public void abandonAll() {
    for (Running r : running.values()) {
      r.worker().stop(Duration.ZERO);
      r.session().close();
    }
    running.clear();
  }

  /** The accounts held now, with their fence. */
  public Map<String, Long> held() {
    Map<String, Long> out = new HashMap<>();
    for (var e : running.entrySet()) {
      out.put(e.getKey(), e.getValue().worker().fence());
    }
    return out;
  }

  /**
   * The session state of each account held now, looked at now (so a drop is noticed by the next
   * look; the lease round looks once per heartbeat).
   */
  public Map<String, SessionWatch.Seen> sessions() {
    Map<String, SessionWatch.Seen> out = new HashMap<>();
    for (var e : running.entrySet()) {
      out.put(e.getKey(), e.getValue().watch().look());
    }
    return out;
  }

  /** The names of the accounts held now. */
  public Set<String> heldNames() {
    return running.keySet();
  }
}
