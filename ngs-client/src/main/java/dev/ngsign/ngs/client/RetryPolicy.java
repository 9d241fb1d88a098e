package dev.ngsign.ngs.client;

import dev.ngsign.ngs.protocol.ResultCode;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides whether a DELIVER refused with a code is sent again, and after how long. The same SERIAL
 * is re-sent (a refused DELIVER never entered the gateway, spec section 7.2). Implementations must
 * be thread-safe and fast.
 */
@FunctionalInterface
public interface RetryPolicy {

  /**
   * @param code the DELIVER_ACK code just received (never E_OK)
   * @param attempt how many times the message has been sent so far (1 after the first refusal)
   * @return the delay before the next attempt, or empty to fail the send with {@link
   *     NgsRejectedException}
   */
  Optional<Duration> retryDelay(ResultCode code, int attempt);

  /** Never retries. */
  static RetryPolicy none() {
    return (code, attempt) -> Optional.empty();
  }

  /**
   * The default: retries only the DELIVER_ACK codes marked {@link ResultCode#retryable()}
   * (E_SYS_FAIL, E_SYS_BUSY, E_NET_FAIL, E_TPS_OVER) up to {@code maxAttempts} sends in all,
   * waiting {@code initial}, then doubling up to {@code max}, each with up to 20% random extra.
   */
  static RetryPolicy exponential(int maxAttempts, Duration initial, Duration max) {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
    }
    return (code, attempt) -> {
      if (!code.retryable()
          || code.stage() != ResultCode.Stage.DELIVER_ACK
          || attempt >= maxAttempts) {
        return Optional.empty();
      }
      long base = initial.toNanos() << Math.min(attempt - 1, 20);
      long capped = Math.min(base <= 0 ? Long.MAX_VALUE : base, max.toNanos());
      long jitter = (long) (capped * 0.2 * ThreadLocalRandom.current().nextDouble());
      return Optional.of(Duration.ofNanos(capped + jitter));
    };
  }

  /** {@code exponential(5, 200 ms, 5 s)}. */
  static RetryPolicy defaultPolicy() {
    return exponential(5, Duration.ofMillis(200), Duration.ofSeconds(5));
  }
}
