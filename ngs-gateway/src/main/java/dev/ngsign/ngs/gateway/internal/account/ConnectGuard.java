package dev.ngsign.ngs.gateway.internal.account;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Locks an ID after too many CERT attempts in a short time (spec section 1.2: "짧은 시간에 과도한 접속 요청 시
 * 해당 계정이 잠금 처리") — per source address, so that a stranger hammering an ID locks out only himself,
 * not the customer connecting from the customer's own address. Each further lock of the same
 * address within a day of the last one lasts twice as long (up to 16 times the base duration). One
 * guard exists per configured account and per unknown ID that was tried (so unknown and known IDs
 * lock alike and locking reveals nothing). Shared by the cert server's channels; attempts are rare,
 * so a lock per address is cheap.
 */
public final class ConnectGuard {
  /**
   * Addresses remembered per ID; beyond it the idle ones are forgotten (bounds what a spray of
   * sources costs).
   */
  static final int MAX_ADDRESSES = 1024;

  private static final int MAX_BACKOFF = 16;
  private static final Duration BACKOFF_MEMORY = Duration.ofDays(1);

  private final int threshold;
  private final Duration window;
  private final Duration lockDuration;
  private final Map<InetAddress, Source> sources = new ConcurrentHashMap<>();

  /** One source address's attempts and lock. */
  private static final class Source {
    final ArrayDeque<Instant> attempts = new ArrayDeque<>();
    Instant lockedUntil;
    Instant lastLockEnd;
    int factor;
    Instant lastSeen = Instant.EPOCH;
  }

  public ConnectGuard(int threshold, Duration window, Duration lockDuration) {
    this.threshold = threshold;
    this.window = window;
    this.lockDuration = lockDuration;
  }

  /**
   * Records an attempt from {@code from} at {@code now}; returns true when that source is (now)
   * locked.
   */
  public boolean attempt(Instant now, InetAddress from) {
    if (sources.size() >= MAX_ADDRESSES && !sources.containsKey(from)) {
      forgetIdle(now);
    }
    Source s = sources.computeIfAbsent(from, a -> new Source());
    synchronized (s) {
      s.lastSeen = now;
      if (locked(s, now)) {
        return true;
      }
      s.attempts.addLast(now);
      Instant since = now.minus(window);
      while (!s.attempts.isEmpty() && s.attempts.peekFirst().isBefore(since)) {
        s.attempts.pollFirst();
      }
      if (threshold > 0 && s.attempts.size() > threshold) {
        boolean recent = s.lastLockEnd != null && now.isBefore(s.lastLockEnd.plus(BACKOFF_MEMORY));
        s.factor = recent ? Math.min(MAX_BACKOFF, Math.max(1, s.factor) * 2) : 1;
        s.lockedUntil = now.plus(lockDuration.multipliedBy(s.factor));
        s.lastLockEnd = s.lockedUntil;
        s.attempts.clear();
        return true;
      }
      return false;
    }
  }

  private static boolean locked(Source s, Instant now) {
    return s.lockedUntil != null && now.isBefore(s.lockedUntil);
  }

  private void forgetIdle(Instant now) {
    Instant stale = now.minus(window);
    sources
        .values()
        .removeIf(
            s -> {
              synchronized (s) {
                return !locked(s, now)
                    && s.lastSeen.isBefore(stale)
                    && (s.lastLockEnd == null || now.isAfter(s.lastLockEnd.plus(BACKOFF_MEMORY)));
              }
            });
    if (sources.size() >= MAX_ADDRESSES) {
      sources
          .values()
          .removeIf(
              s -> {
                synchronized (s) {
                  return !locked(s, now);
                }
              });
    }
  }

  /** Whether connections from {@code from} are locked out. */
  public boolean isLocked(Instant now, InetAddress from) {
    Source s = sources.get(from);
    if (s == null) {
      return false;
    }
    synchronized (s) {
      return locked(s, now);
    }
  }

  /** Whether any source address is locked out (the operator's view). */
  public boolean isLocked(Instant now) {
    return lockedUntil(now) != null;
  }

  /** The end of the latest lock of any source address, or null. */
  public Instant lockedUntil(Instant now) {
    Instant until = null;
    for (Source s : sources.values()) {
      synchronized (s) {
        if (locked(s, now) && (until == null || s.lockedUntil.isAfter(until))) {
          until = s.lockedUntil;
        }
      }
    }
    return until;
  }

  /** The end of {@code from}'s lock, or null. */
  public Instant lockedUntil(Instant now, InetAddress from) {
    Source s = sources.get(from);
    if (s == null) {
      return null;
    }
    synchronized (s) {
      return locked(s, now) ? s.lockedUntil : null;
    }
  }

  /**
   * Lifts every lock and forgets past attempts and back-off (admin "unlock"). Returns whether one
   * was locked.
   */
  public boolean unlock(Instant now) {
    boolean was = isLocked(now);
    sources.clear();
    return was;
  }

  /** Whether nothing is remembered (an unknown ID's guard that can be dropped). */
  public boolean isIdle(Instant now) {
    Instant stale = now.minus(window);
    for (Source s : sources.values()) {
      synchronized (s) {
        if (locked(s, now) || !s.lastSeen.isBefore(stale)) {
          return false;
        }
      }
    }
    return true;
  }
}
