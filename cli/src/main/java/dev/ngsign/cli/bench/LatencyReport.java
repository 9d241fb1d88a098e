package dev.ngsign.cli.bench;

import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The one latency report of the load generators: a line {@code latency <what>: p50 0.412 ms, p90
 * 0.803 ms, p99 2.114 ms, p99.9 5.010 ms, max 9.337 ms (n=100000)} and, last, the throughput line
 * scripts read: {@code 48211 msg/s} (or {@code 212 round-trips/s}).
 */
public final class LatencyReport {
  private static final double[] PERCENTILES = {50, 90, 99, 99.9};

  private LatencyReport() {}

  /** A histogram of nanoseconds; 3 significant digits up to {@code highest}. */
  public static Histogram histogram(long highest, TimeUnit unit) {
    return new Histogram(unit.toNanos(highest), 3);
  }

  /** The latency line from an HdrHistogram of nanoseconds. */
  public static void latency(PrintWriter out, String what, Histogram nanos) {
    double[] v = new double[PERCENTILES.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = nanos.getValueAtPercentile(PERCENTILES[i]) / 1e6;
    }
    print(out, what, v, nanos.getMaxValue() / 1e6, nanos.getTotalCount(), "");
  }

  /**
   * The latency line from a Micrometer timer's histogram (the agent's own meter): each percentile
   * is the upper bound of the bucket it falls in, so it reads "at most".
   */
  public static void latency(
      PrintWriter out, String what, HistogramSnapshot before, HistogramSnapshot after) {
    // cumulative bucket counts: what was recorded between the two snapshots is their difference
    CountAtBucket[] b0 = before.histogramCounts();
    CountAtBucket[] b1 = after.histogramCounts();
    long n = after.count() - before.count();
    double max = after.max(TimeUnit.MILLISECONDS);
    double[] v = new double[PERCENTILES.length];
    for (int i = 0; i < v.length; i++) {
      double want = n * PERCENTILES[i] / 100.0;
      v[i] = max;
      for (int j = 0; j < b1.length; j++) {
        double count = b1[j].count() - (j < b0.length ? b0[j].count() : 0);
        if (count >= want) {
          v[i] = Math.min(b1[j].bucket(TimeUnit.MILLISECONDS), max);
          break;
        }
      }
    }
    print(out, what, v, max, n, " (histogram bucket bounds)");
  }

  private static void print(
      PrintWriter out, String what, double[] ms, double maxMs, long n, String note) {
    StringBuilder sb = new StringBuilder("latency ").append(what).append(':');
    for (int i = 0; i < ms.length; i++) {
      sb.append(i == 0 ? " p" : ", p")
          .append(
              PERCENTILES[i] == Math.rint(PERCENTILES[i])
                  ? String.valueOf((int) PERCENTILES[i])
                  : String.valueOf(PERCENTILES[i]))
          .append(String.format(Locale.ROOT, " %.3f ms", ms[i]));
    }
    sb.append(String.format(Locale.ROOT, ", max %.3f ms (n=%d)%s", maxMs, n, note));
    out.println(sb);
  }

  /** The last line: operations per second, rounded to a whole number. */
  public static void throughput(PrintWriter out, double perSecond, String unit) {
    out.printf(Locale.ROOT, "%.0f %s/s%n", perSecond, unit);
    out.flush();
  }
}
