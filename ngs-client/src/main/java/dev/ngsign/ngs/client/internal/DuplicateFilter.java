package dev.ngsign.ngs.client.internal;

import java.util.LinkedHashSet;
import java.util.Iterator;

/**
 * Remembers the last {@code capacity} acknowledged reports (SERIAL + GWSERIAL) to flag re-sent ones.
 * Not thread-safe: lives on the event loop.
 */
final class DuplicateFilter {
  private final int capacity;
  private final LinkedHashSet<String> seen = new LinkedHashSet<>();

  DuplicateFilter(int capacity) {
    this.capacity = capacity;
  }

  static String key(String serial, String gwSerial) {
    return serial + '\u0000' + gwSerial;
  }

  boolean contains(String key) {
    return seen.contains(key);
  }

  void add(String key) {
    if (capacity == 0 || !seen.add(key)) {
      return;
    }
    if (seen.size() > capacity) {
      Iterator<String> it = seen.iterator();
      it.next();
      it.remove();
    }
  }
}
