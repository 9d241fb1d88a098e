package dev.ngsign.ngs.agent.internal.console.query;

import java.util.Arrays;

/**
 * p50 and p99 of a set of durations (nearest rank), in milliseconds.
 *
 * @param samples how many durations; 0 when none (then the percentiles are 0 and mean nothing)
 */
public record Latency(int samples, long p50Millis, long p99Millis) {
  public static final Latency NONE = new Latency(0, 0, 0);

  /** The percentiles of {@code millis} (sorted in place). */
  public static Latency of(long[] millis) {
    if (millis.length == 0) {
      return NONE;
    }
    Arrays.sort(millis);
    return new Latency(millis.length, rank(millis, 0.50), rank(millis, 0.99));
  }

  /** Nearest rank: the smallest value with at least {@code q} of the values at or below it. */
  static long rank(long[] sorted, double q) {
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
