package dev.ngsign.ngs.gateway.internal.account;

import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Messages accepted per clock second over the last {@value #SLOTS} seconds, for TPS tests and the
 * admin API. Written by one event loop at a time, read from any thread (a reader may see a slot
 * mid-reset: counts are for inspection, not for enforcement).
 */
public final class PerSecondCounter {
  static final int SLOTS = 512;
  private final AtomicLongArray seconds = new AtomicLongArray(SLOTS);
  private final AtomicLongArray counts = new AtomicLongArray(SLOTS);

  public PerSecondCounter() {
    for (int i = 0; i < SLOTS; i++) {
      seconds.set(i, Long.MIN_VALUE);
    }
  }

  public void increment(long epochSecond) {
    int i = (int) Math.floorMod(epochSecond, (long) SLOTS);
    if (seconds.get(i) != epochSecond) {
      counts.set(i, 0);
      seconds.set(i, epochSecond);
    }
    counts.incrementAndGet(i);
  }

  /** Epoch second → count, oldest first, seconds with no accepted message left out. */
  public SortedMap<Long, Long> snapshot() {
    SortedMap<Long, Long> out = new TreeMap<>();
    addTo(out);
    return out;
  }

  /**
   * Adds this counter's seconds to {@code out} (summing with what is there), e.g. to total several
   * counters.
   */
  public void addTo(SortedMap<Long, Long> out) {
    for (int i = 0; i < SLOTS; i++) {
      long s = seconds.get(i);
      long c = counts.get(i);
      if (s != Long.MIN_VALUE && c > 0) {
        out.merge(s, c, Long::sum);
      }
    }
  }
}
