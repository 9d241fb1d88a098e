package dev.ngsign.ngs.agent;

import java.time.Duration;

/** How long a row waits before its next attempt after a retryable failure. */
@FunctionalInterface
public interface BackoffStrategy {
  /**
   * @param attempt the attempt that just failed, from 1
   * @return the wait before the next attempt, never negative
   */
  Duration delay(int attempt);

  /** {@code initial * multiplier^(attempt-1)}, capped at {@code max}. */
  static BackoffStrategy exponential(Duration initial, double multiplier, Duration max) {
    return attempt -> {
      double ms = initial.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
      return ms >= max.toMillis() ? max : Duration.ofMillis((long) ms);
    };
  }
}
