package dev.ngsign.ngs.gateway.internal.account;

import dev.ngsign.ngs.gateway.Account;
import dev.ngsign.ngs.gateway.internal.tps.TpsGuard;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import dev.ngsign.ngs.protocol.packet.TpsClass;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The gateway's live view of one account: its configuration (replaceable, e.g. a TPS change),
 * connect lock, TPS windows, quota, counters, and the test fixture's per-account switches
 * (LINK_ACKs held back, REPORTs sent once more after their REPORT_ACK).
 *
 * <p>{@link #tpsGuard()} and {@link #nextDueAt} belong to the account's deliver session and are
 * only touched on that session's event loop; only one deliver session per account can be bound at a
 * time.
 */
public final class AccountState {
  private volatile Account account;
  private volatile List<AddressRule> rules;
  private final ConnectGuard connectGuard;
  private final TpsGuard tpsGuard = new TpsGuard();

  /**
   * Per TPS class (by ordinal): one counter each, so counting a message costs what it did with one
   * total.
   */
  private final PerSecondCounter[] acceptedPerSecond = {
    new PerSecondCounter(), new PerSecondCounter(), new PerSecondCounter()
  };

  private final QuotaCounter quota = new QuotaCounter();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final AtomicLong lastCertMillis = new AtomicLong(Long.MIN_VALUE);
  private final Set<SessionKind> heldLinkAcks = ConcurrentHashMap.newKeySet();
  private final AtomicInteger reportResends = new AtomicInteger();
  private long lastDueAt = Long.MIN_VALUE;

  public AccountState(
      Account account, int lockThreshold, Duration lockWindow, Duration lockDuration) {
    this.connectGuard = new ConnectGuard(lockThreshold, lockWindow, lockDuration);
    update(account);
  }

  public Account account() {
    return account;
  }

  public String id() {
    return account.id();
  }

  /** Replaces the configuration (TPS change, new password, ...); sessions keep running. */
  public void update(Account a) {
    this.rules = a.allowedAddresses().stream().map(AddressRule::parse).toList();
    this.account = a;
  }

  public boolean addressAllowed(InetAddress address) {
    List<AddressRule> r = rules;
    if (r.isEmpty()) {
      return true;
    }
    for (AddressRule rule : r) {
      if (rule.matches(address)) {
        return true;
      }
    }
    return false;
  }

  public ConnectGuard connectGuard() {
    return connectGuard;
  }

  public TpsGuard tpsGuard() {
    return tpsGuard;
  }

  /** Messages of the class accepted per second. */
  public PerSecondCounter acceptedPerSecond(TpsClass cls) {
    return acceptedPerSecond[cls.ordinal()];
  }

  /** Messages of every class accepted per second: epoch second → count. */
  public SortedMap<Long, Long> acceptedPerSecondTotal() {
    SortedMap<Long, Long> out = new TreeMap<>();
    for (PerSecondCounter c : acceptedPerSecond) {
      c.addTo(out);
    }
    return out;
  }

  /** Test fixture: while held, LINKs on the account's sessions of {@code kind} get no LINK_ACK. */
  public void holdLinkAcks(SessionKind kind, boolean hold) {
    if (hold) {
      heldLinkAcks.add(kind);
    } else {
      heldLinkAcks.remove(kind);
    }
  }

  public boolean linkAcksHeld(SessionKind kind) {
    return heldLinkAcks.contains(kind);
  }

  /**
   * Test fixture: the next {@code count} reports acknowledged are sent once more (replaces an
   * earlier count).
   */
  public void resendAcknowledgedReports(int count) {
    reportResends.set(Math.max(0, count));
  }

  /** Whether this just-acknowledged report is to be sent once more; uses up one of the count. */
  public boolean claimReportResend() {
    if (reportResends.get() <= 0) {
      return false; // the normal case: one volatile read per REPORT_ACK
    }
    return reportResends.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  public QuotaCounter quota() {
    return quota;
  }

  /**
   * Claims a CERT slot: false when the previous successful CERT was less than {@code interval} ago
   * (spec 4.1: "3초안에 2번이상의 과도한 요청을 할 경우 정상적인 인증이 되지 않음").
   */
  public boolean claimCert(long nowMillis, Duration interval) {
    while (true) {
      long last = lastCertMillis.get();
      if (last != Long.MIN_VALUE && nowMillis - last < interval.toMillis() && nowMillis >= last) {
        return false;
      }
      if (lastCertMillis.compareAndSet(last, nowMillis)) {
        return true;
      }
    }
  }

  /**
   * The due time of a new report: {@code now + delay}, never earlier than the account's previous
   * one, so that the account's reports are stored in acceptance order (the report pump reads them
   * with a cursor). Deliver-session event loop only.
   */
  public long nextDueAt(long nowMillis, long delayMillis) {
    long due = Math.max(nowMillis + delayMillis, lastDueAt);
    lastDueAt = due;
    return due;
  }

  public void countAccepted(long epochSecond, TpsClass cls) {
    accepted.increment();
    acceptedPerSecond[cls.ordinal()].increment(epochSecond);
  }

  public void countRefused() {
    refused.increment();
  }

  public void countDuplicate() {
    duplicates.increment();
  }

  public long accepted() {
    return accepted.sum();
  }

  public long refused() {
    return refused.sum();
  }

  public long duplicates() {
    return duplicates.sum();
  }
}
