package dev.ngsign.ngs.gateway.internal.tps;

/**
 * At most {@code limit} events in any window of {@code windowMillis}: an exact sliding-window log
 * kept as a ring of the last {@code limit} accepted timestamps. An event is allowed when the oldest
 * of them is at least a window old, so there is no burst at a fixed second boundary. O(1) per
 * event, {@code limit} longs of memory. Not thread-safe: one event loop at a time.
 */
public final class SlidingWindow {
  private final long windowMillis;
  private long[] ring = new long[0];
  private int head; // index of the oldest entry when full
  private int size;

  public SlidingWindow(long windowMillis) {
    this.windowMillis = windowMillis;
  }

  /**
   * Takes a slot at {@code nowMillis} under {@code limit}; false (nothing recorded) when over it.
   */
  public boolean tryAcquire(long nowMillis, int limit) {
    if (limit <= 0) {
      return false;
    }
    if (ring.length != limit) {
      resize(limit);
    }
    if (size < limit) {
      ring[(head + size) % limit] = nowMillis;
      size++;
      return true;
    }
    long oldest = ring[head];
    if (nowMillis - oldest < windowMillis) {
      return false;
    }
    ring[head] = nowMillis;
    head = (head + 1) % limit;
    return true;
  }

  /** Keeps the newest entries when the limit changes live (EVENT type 1). */
  private void resize(int limit) {
    long[] next = new long[limit];
    int keep = Math.min(size, limit);
    for (int i = 0; i < keep; i++) {
      next[i] = ring[(head + size - keep + i) % ring.length];
    }
    ring = next;
    head = 0;
    size = keep;
  }
}
