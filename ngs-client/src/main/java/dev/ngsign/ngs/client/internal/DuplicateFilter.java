package dev.ngsign.ngs.client.internal;

import java.util.HashSet;

/**
 * Remembers the last {@code capacity} acknowledged reports (SERIAL + GWSERIAL) to flag re-sent
 * ones: a hash set for lookups and a ring for the order they are forgotten in. Not thread-safe:
 * lives on the event loop.
 */
final class DuplicateFilter {
  /** SERIAL + GWSERIAL, compared as they are (no concatenated copy). */
  record Key(String serial, String gwSerial) {}

  private final int capacity;
  private final HashSet<Key> seen;
  private final Key[] ring;
  private int next;

  DuplicateFilter(int capacity) {
    this.capacity = capacity;
    this.seen = new HashSet<>(Math.min(capacity, 1 << 16) * 2);
    this.ring = new Key[capacity];
  }

  static Key key(String serial, String gwSerial) {
    return new Key(serial, gwSerial);
  }

  boolean contains(Key key) {
    return seen.contains(key);
  }

  void add(Key key) {
    if (capacity == 0 || !seen.add(key)) {
      return;
    }
    Key old = ring[next];
    if (old != null) {
      seen.remove(old);
    }
    ring[next] = key;
    next = (next + 1) % capacity;
  }
}
