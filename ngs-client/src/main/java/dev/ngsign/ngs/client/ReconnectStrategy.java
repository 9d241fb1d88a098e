package dev.ngsign.ngs.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait after a drop before re-doing CERT and BIND. The spec (section 1.2) asks for
 * about 5 s and warns that too many connects lock the account, so the default never waits less than
 * 5 s. Independently of this strategy, the client never sends two CERTs for the account closer than
 * {@link NgsClientBuilder#certMinInterval} apart.
 */
@FunctionalInterface
public interface ReconnectStrategy {

  /**
   * @param attempt 1 for the first reconnect after a drop, 2 if the gateway refused that login, and
   *     so on (reset once bound). An attempt the gateway never answered (connection refused or
   *     reset, no CERT_ACK in time: it is down or restarting) does not count: the next one is asked
   *     for with the same number, so a restarted gateway is found within one delay.
   * @return the delay before that attempt
   */
  Duration delay(int attempt);

  /**
   * {@code min * 2^(attempt-1)} capped at {@code max}, plus up to {@code jitter} (0..1) of it at
   * random, so never less than {@code min} and never all clients of a fleet at once.
   */
  static ReconnectStrategy exponential(Duration min, Duration max, double jitter) {
    Objects.requireNonNull(min, "min");
    Objects.requireNonNull(max, "max");
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("jitter must be in 0..1, not " + jitter);
    }
    return attempt -> {
      long base = min.toNanos() << Math.min(Math.max(attempt - 1, 0), 20);
      long capped =
          Math.max(min.toNanos(), Math.min(base <= 0 ? Long.MAX_VALUE : base, max.toNanos()));
      return Duration.ofNanos(
          capped + (long) (capped * jitter * ThreadLocalRandom.current().nextDouble()));
    };
  }

  /** The default: {@code exponential(5 s, 60 s, 0.2)}: 5–6 s, then 10–12 s, ... up to 60–72 s. */
  static ReconnectStrategy defaultStrategy() {
    return exponential(Duration.ofSeconds(5), Duration.ofSeconds(60), 0.2);
  }
}
