package dev.ngsign.ngs.client.internal;

import dev.ngsign.ngs.protocol.packet.TpsClass;
import dev.ngsign.ngs.protocol.packet.TpsLimits;

/**
 * Per-class sliding-log limiter: a send of class C at time t is allowed only when the send {@code limit}
 * sends before it happened at least {@code window} earlier, so no window of that length ever holds more
 * than {@code limit} sends, however the gateway aligns its one-second count. Time is passed in (nanos of
 * any monotonic ticker), so it is tested without waiting. Not thread-safe: lives on the event loop.
 */
final class TpsLimiter {
  /** Returned by {@link #waitNanos} when the class may not send at all (limit 0). */
  static final long NEVER = Long.MAX_VALUE;

  private final long windowNanos;
  private final Ring[] rings = new Ring[TpsClass.values().length];
  private TpsLimits limits;

  TpsLimiter(long windowNanos, TpsLimits limits) {
    this.windowNanos = windowNanos;
    update(limits);
  }

  TpsLimits limits() {
    return limits;
  }

  /** New limits (BIND_ACK or EVENT 1); the recent sends still count against them. */
  void update(TpsLimits newLimits) {
    this.limits = newLimits;
    for (TpsClass c : TpsClass.values()) {
      Ring old = rings[c.ordinal()];
      rings[c.ordinal()] = old == null ? new Ring(newLimits.limitFor(c)) : old.resize(newLimits.limitFor(c));
    }
  }

  /** 0 when a send of {@code c} is allowed at {@code now}, else how long until it is ({@link #NEVER} for limit 0). */
  long waitNanos(TpsClass c, long now) {
    Ring r = rings[c.ordinal()];
    if (r.capacity == 0) {
      return NEVER;
    }
    if (r.size < r.capacity) {
      return 0;
    }
    long oldest = r.times[r.head];
    long wait = oldest + windowNanos - now;
    return wait <= 0 ? 0 : wait;
  }

  /** Records a send of {@code c} at {@code now}; call only after {@link #waitNanos} returned 0. */
  void record(TpsClass c, long now) {
    rings[c.ordinal()].add(now);
  }

  /** The last {@code capacity} send times of one class, oldest at {@code head}. */
  private static final class Ring {
    final int capacity;
    final long[] times;
    int head;
    int size;

    Ring(int capacity) {
      this.capacity = capacity;
      this.times = new long[capacity];
    }

    void add(long t) {
      if (size < capacity) {
        times[(head + size) % capacity] = t;
        size++;
      } else {
        times[head] = t;
        head = (head + 1) % capacity;
      }
    }

    /** A ring of the new capacity holding the most recent sends. */
    Ring resize(int newCapacity) {
      Ring r = new Ring(newCapacity);
      int keep = Math.min(size, newCapacity);
      for (int i = size - keep; i < size; i++) {
        r.add(times[(head + i) % capacity]);
      }
      return r;
    }
  }
}
