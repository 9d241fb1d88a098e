package dev.ngsign.ngs.client.internal;

import dev.ngsign.ngs.protocol.packet.TpsClass;
import dev.ngsign.ngs.protocol.packet.TpsLimits;

/**
 * Per-class TPS limiter that cannot be beaten by network delay. It keeps the last {@code limit}
 * sends of each class; a new send is allowed only once the oldest of them has been
 * <em>acknowledged</em> and {@code window} has passed since its DELIVER_ACK arrived. The gateway
 * accepted that message before its ACK left, and it reads our DELIVERs in order, so in any window
 * of that length the gateway sees at most {@code limit} of ours — whatever the delays on the way (a
 * limit measured on our send times alone is beaten by a burst that arrives late at the gateway and
 * the next one that arrives on time).
 *
 * <p>{@value TpsLimits#MAX} (the largest value the 5-character field holds) is taken as "no limit",
 * as gateways advertise it for unlimited accounts. Time is passed in (nanos of a monotonic ticker),
 * so it is tested without waiting. Not thread-safe: lives on the event loop.
 */
final class TpsLimiter {
  /** Returned by {@link #waitNanos} when the class may not send at all (limit 0). */
  static final long NEVER = Long.MAX_VALUE;

  /**
   * Returned by {@link #waitNanos} when the oldest send has no ACK yet: try again after the next
   * ACK.
   */
  static final long AFTER_ACK = Long.MAX_VALUE - 1;

  /** When one send was acknowledged; {@link #PENDING} until then. */
  static final class Stamp {
    static final long PENDING = Long.MAX_VALUE;
    long at = PENDING;

    /** The DELIVER_ACK (or the loss of the session) at {@code now}. */
    void done(long now) {
      if (at == PENDING) {
        at = now;
      }
    }
  }

  private static final Stamp UNLIMITED = new Stamp();

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
      int limit = newLimits.limitFor(c);
      Ring old = rings[c.ordinal()];
      rings[c.ordinal()] =
          limit >= TpsLimits.MAX ? null : old == null ? new Ring(limit) : old.resize(limit);
    }
  }

  /**
   * 0 when a send of {@code c} is allowed at {@code now}; else how long until it is, {@link
   * #AFTER_ACK} (wait for an ACK) or {@link #NEVER} (limit 0).
   */
  long waitNanos(TpsClass c, long now) {
    Ring r = rings[c.ordinal()];
    if (r == null) {
      return 0;
    }
    if (r.capacity == 0) {
      return NEVER;
    }
    if (r.size < r.capacity) {
      return 0;
    }
    long oldest = r.stamps[r.head].at;
    if (oldest == Stamp.PENDING) {
      return AFTER_ACK;
    }
    long wait = oldest + windowNanos - now;
    return wait <= 0 ? 0 : wait;
  }

  /**
   * Records a send of {@code c}; call only after {@link #waitNanos} returned 0. Complete the stamp
   * on its ACK.
   */
  Stamp record(TpsClass c) {
    Ring r = rings[c.ordinal()];
    if (r == null) {
      return UNLIMITED;
    }
    Stamp s = new Stamp();
    r.add(s);
    return s;
  }

  /** The last {@code capacity} sends of one class, oldest at {@code head}. */
  private static final class Ring {
    final int capacity;
    final Stamp[] stamps;
    int head;
    int size;

    Ring(int capacity) {
      this.capacity = capacity;
      this.stamps = new Stamp[capacity];
    }

    void add(Stamp s) {
      if (size < capacity) {
        stamps[(head + size) % capacity] = s;
        size++;
      } else {
        stamps[head] = s;
        head = (head + 1) % capacity;
      }
    }

    /** A ring of the new capacity holding the most recent sends. */
    Ring resize(int newCapacity) {
      Ring r = new Ring(newCapacity);
      int keep = Math.min(size, newCapacity);
      for (int i = size - keep; i < size; i++) {
        r.add(stamps[(head + i) % capacity]);
      }
      return r;
    }
  }
}
