package dev.ngsign.ngs.gateway.internal.account;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Locks an account after too many CERT attempts in a short time (spec section 1.2: "짧은 시간에 과도한 접속
 * 요청 시 해당 계정이 잠금 처리"). Shared by the cert server's channels, so it uses concurrent structures;
 * attempts are rare, so a deque of timestamps is cheap.
 */
public final class ConnectGuard {
  private final int threshold;
  private final Duration window;
  private final Duration lockDuration;
  private final ConcurrentLinkedDeque<Instant> attempts = new ConcurrentLinkedDeque<>();
  private volatile Instant lockedUntil;

  public ConnectGuard(int threshold, Duration window, Duration lockDuration) {
    this.threshold = threshold;
    this.window = window;
    this.lockDuration = lockDuration;
  }

  /** Records an attempt at {@code now}; returns true when the account is (now) locked. */
  public boolean attempt(Instant now) {
    if (isLocked(now)) {
      return true;
    }
    attempts.addLast(now);
    Instant from = now.minus(window);
    for (Instant head = attempts.peekFirst(); head != null && head.isBefore(from); head = attempts.peekFirst()) {
      attempts.pollFirst();
    }
    if (threshold > 0 && attempts.size() > threshold) {
      lockedUntil = now.plus(lockDuration);
      attempts.clear();
      return true;
    }
    return false;
  }

  public boolean isLocked(Instant now) {
    Instant until = lockedUntil;
    return until != null && now.isBefore(until);
  }

  /** The end of the current lock, or null. */
  public Instant lockedUntil(Instant now) {
    return isLocked(now) ? lockedUntil : null;
  }

  /** Lifts a lock and forgets past attempts (admin "unlock"). Returns whether it was locked. */
  public boolean unlock(Instant now) {
    boolean was = isLocked(now);
    lockedUntil = null;
    attempts.clear();
    return was;
  }
}
