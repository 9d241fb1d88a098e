package dev.ngsign.ngs.client.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Timestamps for results and reports. With the system clock it derives them from the monotonic
 * ticker, re-anchored once a second, because reading the wall clock for every ACK showed up as ~8%
 * of the I/O thread at 60k msg/s; an injected clock (tests) is read directly. Event-loop confined.
 */
final class WallClock {
  private static final long REANCHOR_NANOS = 1_000_000_000L;
  private final Clock clock;
  private final LongSupplier ticker;
  private final boolean system;
  private Instant anchor;
  private long anchorNanos;

  WallClock(Clock clock, LongSupplier ticker) {
    this.clock = clock;
    this.ticker = ticker;
    this.system = clock.equals(Clock.systemUTC()) || clock.equals(Clock.systemDefaultZone());
  }

  Instant now() {
    return system ? at(ticker.getAsLong()) : clock.instant();
  }

  /**
   * The time at {@code t}, a reading of the ticker the caller just took (saves a second reading);
   * with an injected clock, the clock's time now.
   */
  Instant at(long t) {
    if (!system) {
      return clock.instant();
    }
    if (anchor == null || t - anchorNanos >= REANCHOR_NANOS) {
      anchor = clock.instant();
      anchorNanos = t;
      return anchor;
    }
    return anchor.plusNanos(t - anchorNanos);
  }
}
