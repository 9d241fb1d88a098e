package dev.ngsign.ngs.agent.internal.housekeeping;

import dev.ngsign.ngs.agent.AgentConfig;
import dev.ngsign.ngs.agent.internal.lease.LeaseStore;
import dev.ngsign.ngs.agent.internal.metrics.AgentMetrics;
import dev.ngsign.ngs.agent.internal.store.MessageStore;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of housekeeping, run periodically on every node: refreshes the queue-depth counts (and
 * with them whether the database answers); on the node holding the maintenance lease also re-sends
 * or fails rows whose REPORT is overdue, looks for rows no node serves, records the ID high-water
 * mark and moves final rows to the log tables.
 */
public final class Housekeeping implements Runnable {
  /** The lease that elects the node running the sweeps (report timeouts, log tables). */
  public static final String MAINTENANCE = "#maintenance";

  private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

  private final AgentConfig config;
  private final MessageStore store;
  private final Clock clock;
  private final LeaseStore leases;
  private final AgentMetrics metrics;
  private final Map<String, Long> openCounts = new ConcurrentHashMap<>();
  private final Set<String> warnedUnserved = ConcurrentHashMap.newKeySet();
  private volatile boolean maintenance;
  private long reportOverdue;
  private volatile boolean databaseUp = true;

  public Housekeeping(
      AgentConfig config,
      MessageStore store,
      LeaseStore leases,
      Clock clock,
      AgentMetrics metrics) {
    this.config = config;
    this.store = store;
    this.leases = leases;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** Whether this node holds the maintenance lease (set by the lease listener). */
  public void maintenance(boolean held) {
    this.maintenance = held;
  }

  /** True unless the last round failed on the database. */
  public boolean databaseUp() {
    return databaseUp;
  }

  /** Open rows per status as of the last round. */
  public Map<String, Long> openCounts() {
    return openCounts;
  }

  @Override
  public void run() {
    try {
      LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), config.zone());
      Map<String, Long> counts = store.openCounts().read();
      openCounts.keySet().retainAll(counts.keySet());
      openCounts.putAll(counts);
      databaseUp = true;
      if (maintenance) {
        sweep(now);
      }
    } catch (RuntimeException e) {
      databaseUp = false;
      log.warn("housekeeping: {}", e.getMessage());
    }
  }

  private void sweep(LocalDateTime now) {
    if (config.tableLayout().isNative()) {
      // legacy layouts delete finished side rows, so their highest ID falls by design
      store.serialEpochs().checkHighWater(now);
    }
    AgentConfig.Expiry expiry = config.expiry();
    if (!expiry.resendUnreportedAfter().isZero()) {
      int again =
          store
              .sweeps()
              .resendUnreported(
                  now.minus(expiry.resendUnreportedAfter()), config.retry().maxAttempts(), now);
      if (again > 0) {
        log.info(
            "{} SENT row(s) had no REPORT after {}: sent again with the same SERIAL",
            again,
            expiry.resendUnreportedAfter());
      }
    }
    int failed = store.sweeps().failReportTimeouts(now.minus(expiry.reportTimeout()), now);
    if (failed > 0) {
      log.info("{} row(s) had no REPORT within {}: FAILED/9006", failed, expiry.reportTimeout());
    }
    if (!expiry.reportOverdueAfter().isZero()) {
      long overdue = store.sweeps().markReportOverdue(now.minus(expiry.reportOverdueAfter()), now);
      metrics.reportOverdue(overdue);
      if (overdue > 0 && reportOverdue == 0) {
        log.warn(
            "{} SENT row(s) have had no REPORT for more than {} after their ACK (RESULT_MSG says why that may be)",
            overdue,
            expiry.reportOverdueAfter());
      }
      reportOverdue = overdue;
    }
    unserved(now);
    // a legacy layout's side rows leave with their vendor row (LegacyBridge), never on their own
    if (config.logTable().monthly() && config.tableLayout().isNative()) {
      int moved;
      do {
        moved =
            store
                .logArchive()
                .moveToLog(
                    now.minus(config.logTable().after()),
                    config.logTable().batchSize(),
                    config.logTable().monthZone(config.zone()));
      } while (moved >= config.logTable().batchSize());
    }
  }

  /**
   * Rows whose ACCOUNT no node holds a live lease for wait silently otherwise (a typo in agent.yml,
   * a node not started): a WARN once per account, the gauge, and after {@code
   * expiry.unserved-hint-after} a hint in RESULT_MSG. ACCOUNT '' (the default account) is served
   * while any account is.
   */
  private void unserved(LocalDateTime now) {
    Set<String> served = leases.servedAccounts(now.minus(config.lease().timeout()));
    served.remove(MAINTENANCE);
    Map<String, Long> ready = store.unserved().readyByAccount();
    Set<String> seen = new HashSet<>();
    for (Map.Entry<String, Long> e : ready.entrySet()) {
      String account = e.getKey();
      boolean isServed = account.isEmpty() ? !served.isEmpty() : served.contains(account);
      if (isServed) {
        continue;
      }
      seen.add(account);
      metrics.unserved(account, e.getValue());
      if (warnedUnserved.add(account)) {
        log.warn(
            "{} READY row(s) have ACCOUNT '{}', which no running agent node serves (served now: {}): they wait until a node"
                + " configured with accounts[].name '{}' runs",
            e.getValue(),
            account,
            served,
            account);
      }
      Duration after = config.expiry().unservedHintAfter();
      if (!after.isZero()) {
        store.unserved().hint(account, now.minus(after), now);
      }
    }
    for (String account : metrics.unservedAccounts()) {
      if (!seen.contains(account)) {
        metrics.unserved(account, 0);
        warnedUnserved.remove(account);
      }
    }
  }
}
