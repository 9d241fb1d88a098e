package dev.ngsign.ngs.agent.internal.wakeup;

import java.time.Duration;

/**
 * How long a claim loop waits before its next claim. With {@code adaptive} (MariaDB, H2, which
 * cannot be woken by the database): after a claim that found rows, claim again at once; after empty
 * claims, wait {@code floor}, then twice that, and so on up to {@code interval}, so that a lone OTP
 * after a quiet spell waits at most {@code interval} and one after recent traffic only
 * milliseconds. Without it (PostgreSQL, woken by LISTEN/NOTIFY): claim again at once after a full
 * batch, else wait the whole {@code interval}, which is then only the fallback for a lost
 * notification. Not thread-safe: one per worker.
 */
public final class PollPacer {
  /** The first wait after an empty claim on MariaDB and H2. */
  public static final Duration DEFAULT_FLOOR = Duration.ofMillis(10);

  private final long floorNanos;
  private final long intervalNanos;
  private final boolean adaptive;
  private long lastWait;

  public PollPacer(Duration floor, Duration interval, boolean adaptive) {
    this.intervalNanos = Math.max(0, interval.toNanos());
    this.floorNanos = Math.min(Math.max(1, floor.toNanos()), Math.max(1, intervalNanos));
    this.adaptive = adaptive;
  }

  /**
   * @param claimed rows the claim returned
   * @param asked rows the claim asked for
   * @return nanoseconds to wait before the next claim (0: at once)
   */
  public long afterClaim(int claimed, int asked) {
    if (claimed >= asked && claimed > 0) {
      lastWait = 0;
      return 0;
    }
    if (!adaptive) {
      return intervalNanos;
    }
    if (claimed > 0) {
      lastWait = 0;
      return 0;
    }
    lastWait = lastWait == 0 ? floorNanos : Math.min(intervalNanos, lastWait * 2);
    return lastWait;
  }
}
