package dev.ngsign.ngs.agent.internal.console.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * At most {@code failures} failed logins per {@code window} for the whole console; beyond, every
 * login is refused (without checking the password) until the oldest failure leaves the window. One
 * budget for all callers: the console sits on loopback or behind a proxy, where the caller's
 * address says nothing; the price is that a guesser also locks the operators out for a minute,
 * which the log line of every refused login makes visible. It also bounds the CPU the PBKDF2 check
 * can be made to burn. Thread-safe.
 */
public final class LoginThrottle {
  public static final int DEFAULT_FAILURES = 5;
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);

  private final Clock clock;
  private final int failures;
  private final Duration window;
  private final Deque<Instant> recent = new ArrayDeque<>();

  public LoginThrottle(Clock clock, int failures, Duration window) {
    this.clock = clock;
    this.failures = failures;
    this.window = window;
  }

  /** Zero when a login may be tried now, else how long until one may. */
  public synchronized Duration wait(Instant now) {
    while (!recent.isEmpty() && !now.isBefore(recent.peekFirst().plus(window))) {
      recent.pollFirst();
    }
    if (recent.size() < failures) {
      return Duration.ZERO;
    }
    return Duration.between(now, recent.peekFirst().plus(window));
  }

  /** Zero when a login may be tried now, else how long until one may. */
  public Duration waitNow() {
    return wait(clock.instant());
  }

  /** Counts a failed login. */
  public synchronized void failed() {
    recent.addLast(clock.instant());
  }
}
