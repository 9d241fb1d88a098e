package dev.ngsign.ngs.client.internal;

/**
 * Keeps CERTs of one client at least {@code minInterval} apart (the spec refuses a second CERT
 * within 3 s, section 4.1). Pure: time is passed in.
 */
final class CertPacer {
  private final long minIntervalNanos;
  private boolean any;
  private long last;

  CertPacer(long minIntervalNanos) {
    this.minIntervalNanos = minIntervalNanos;
  }

  /** How long to wait before a CERT may be sent at {@code now}. */
  long waitNanos(long now) {
    if (!any) {
      return 0;
    }
    long wait = last + minIntervalNanos - now;
    return Math.max(0, wait);
  }

  /**
   * A CERT was sent, or its answer arrived, at {@code now}; the later of the recorded times counts.
   */
  void record(long now) {
    if (!any || now - last > 0) {
      last = now;
    }
    any = true;
  }
}
