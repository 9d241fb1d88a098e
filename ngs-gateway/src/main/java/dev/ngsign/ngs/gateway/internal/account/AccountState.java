package dev.ngsign.ngs.gateway.internal.account;

import dev.ngsign.ngs.gateway.Account;
import dev.ngsign.ngs.gateway.internal.tps.TpsGuard;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The gateway's live view of one account: its configuration (replaceable, e.g. a TPS change), connect lock,
 * TPS windows, quota and counters.
 *
 * <p>{@link #tpsGuard()} and {@link #nextDueAt} belong to the account's deliver session and are only touched
 * on that session's event loop; only one deliver session per account can be bound at a time.
 */
public final class AccountState {
  private volatile Account account;
  private volatile List<AddressRule> rules;
  private final ConnectGuard connectGuard;
  private final TpsGuard tpsGuard = new TpsGuard();
  private final PerSecondCounter acceptedPerSecond = new PerSecondCounter();
  private final QuotaCounter quota = new QuotaCounter();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final AtomicLong lastCertMillis = new AtomicLong(Long.MIN_VALUE);
  private long lastDueAt = Long.MIN_VALUE;

  public AccountState(Account account, int lockThreshold, Duration lockWindow, Duration lockDuration) {
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

  public PerSecondCounter acceptedPerSecond() {
    return acceptedPerSecond;
  }

  public QuotaCounter quota() {
    return quota;
  }

  /**
   * Claims a CERT slot: false when the previous successful CERT was less than {@code interval} ago (spec
   * 4.1: "3초안에 2번이상의 과도한 요청을 할 경우 정상적인 인증이 되지 않음").
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
   * The due time of a new report: {@code now + delay}, never earlier than the account's previous one, so
   * that the account's reports are stored in acceptance order (the report pump reads them with a cursor).
   * Deliver-session event loop only.
   */
  public long nextDueAt(long nowMillis, long delayMillis) {
    long due = Math.max(nowMillis + delayMillis, lastDueAt);
    lastDueAt = due;
    return due;
  }

  public void countAccepted(long epochSecond) {
    accepted.increment();
    acceptedPerSecond.increment(epochSecond);
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
