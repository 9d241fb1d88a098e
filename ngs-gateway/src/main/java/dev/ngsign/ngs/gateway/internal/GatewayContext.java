package dev.ngsign.ngs.gateway.internal;

import dev.ngsign.ngs.gateway.Account;
import dev.ngsign.ngs.gateway.internal.account.AccountState;
import dev.ngsign.ngs.gateway.internal.carrier.CarrierLog;
import dev.ngsign.ngs.gateway.internal.carrier.CarrierSimulator;
import dev.ngsign.ngs.gateway.internal.cert.CertKeyRegistry;
import dev.ngsign.ngs.gateway.internal.deliver.DeliverScript;
import dev.ngsign.ngs.gateway.internal.metrics.GatewayMetrics;
import dev.ngsign.ngs.gateway.internal.report.ReportStore;
import dev.ngsign.ngs.gateway.internal.session.SessionRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every handler shares: settings, accounts, CERT_KEYs, sessions, the store, the carriers,
 * meters.
 */
public final class GatewayContext {
  /** REPORT SENDTIME and the quota month are Korean local time (the vendor is in Korea). */
  public static final ZoneId ZONE = ZoneId.of("Asia/Seoul");

  private final GatewaySettings settings;
  private final ConcurrentHashMap<String, AccountState> accounts = new ConcurrentHashMap<>();
  private final CertKeyRegistry certKeys;
  private final SessionRegistry sessions = new SessionRegistry();
  private final ReportStore store;
  private final CarrierSimulator carrier;
  private final CarrierLog carrierLog;

  /** Connect guards of IDs that are not configured, so that unknown IDs lock like known ones. */
  private final ConcurrentHashMap<String, dev.ngsign.ngs.gateway.internal.account.ConnectGuard>
      unknownIds = new ConcurrentHashMap<>();

  private final GatewayMetrics metrics;
  private final DeliverScript script = new DeliverScript();
  private volatile long reportDelayMillis;
  private volatile int deliverPort;
  private volatile int reportPort;

  public GatewayContext(GatewaySettings settings, ReportStore store, GatewayMetrics metrics) {
    this.settings = settings;
    this.store = store;
    this.metrics = metrics;
    this.certKeys = new CertKeyRegistry(settings.bindWindow());
    this.carrier = new CarrierSimulator(settings.randomFailureRate(), settings.randomSeed());
    this.carrierLog = settings.carrierLog() ? CarrierLog.open(settings.dataDir()) : null;
    this.reportDelayMillis = settings.reportDelay().toMillis();
  }

  public GatewaySettings settings() {
    return settings;
  }

  public Clock clock() {
    return settings.clock();
  }

  public Instant now() {
    return settings.clock().instant();
  }

  /** Adds or replaces an account; its lock, quota and counters survive a replacement. */
  public AccountState putAccount(Account a) {
    return accounts.compute(
        a.id(),
        (id, old) -> {
          if (old == null) {
            return new AccountState(
                a, settings.lockThreshold(), settings.lockWindow(), settings.lockDuration());
          }
          old.update(a);
          return old;
        });
  }

  public AccountState account(String id) {
    return accounts.get(id);
  }

  public Collection<AccountState> accounts() {
    return accounts.values();
  }

  public CertKeyRegistry certKeys() {
    return certKeys;
  }

  public SessionRegistry sessions() {
    return sessions;
  }

  public ReportStore store() {
    return store;
  }

  public CarrierSimulator carrier() {
    return carrier;
  }

  /**
   * The connect guard of an ID that is not configured (created on first use; idle ones are
   * forgotten).
   */
  public dev.ngsign.ngs.gateway.internal.account.ConnectGuard unknownIdGuard(String id) {
    if (unknownIds.size() >= 10_000 && !unknownIds.containsKey(id)) {
      Instant t = now();
      unknownIds.values().removeIf(g -> g.isIdle(t));
      if (unknownIds.size() >= 10_000) {
        unknownIds
            .clear(); // a spray of made-up IDs: forgetting them costs the sprayer nothing, keeping
        // them costs memory
      }
    }
    return unknownIds.computeIfAbsent(
        id,
        k ->
            new dev.ngsign.ngs.gateway.internal.account.ConnectGuard(
                settings.lockThreshold(), settings.lockWindow(), settings.lockDuration()));
  }

  /** The guard of an unknown ID if it was tried, else null. */
  public dev.ngsign.ngs.gateway.internal.account.ConnectGuard existingUnknownIdGuard(String id) {
    return unknownIds.get(id);
  }

  /** The carriers' record of accepted messages, or null when not enabled. */
  public CarrierLog carrierLog() {
    return carrierLog;
  }

  /** Test-fixture faults and DELIVER recording. */
  public DeliverScript script() {
    return script;
  }

  public GatewayMetrics metrics() {
    return metrics;
  }

  public long reportDelayMillis() {
    return reportDelayMillis;
  }

  public void reportDelayMillis(long v) {
    this.reportDelayMillis = Math.max(0, v);
  }

  public int deliverPort() {
    return deliverPort;
  }

  public int reportPort() {
    return reportPort;
  }

  public void ports(int deliver, int report) {
    this.deliverPort = deliver;
    this.reportPort = report;
  }
}
