package dev.ngsign.ngs.gateway.internal.report;

import java.util.function.LongPredicate;

/**
 * One account's reports waiting for REPORT_ACK, in due order: (due time, GWSERIAL, record position) in three
 * parallel arrays, 24 bytes a report and no object per report. New reports are nearly always due after every
 * other (an account's due times only grow while the gateway runs), so adding is an append; acknowledged
 * reports are marked dead and dropped from the front, where they nearly always are. Used under its own lock.
 */
final class AccountReports {
  static final long DEAD = -1;
  private static final int MIN_CAPACITY = 16;
  private static final int KEEP_WHEN_EMPTY = 1 << 16; // 1.5 MB

  private long[] due = new long[MIN_CAPACITY];
  private long[] gw = new long[MIN_CAPACITY];
  private long[] pos = new long[MIN_CAPACITY];
  private int head;
  private int tail;
  private int live;

  /** Orders (due, GWSERIAL) pairs. */
  private static int compare(long dueA, long gwA, long dueB, long gwB) {
    int c = Long.compare(dueA, dueB);
    return c != 0 ? c : Long.compare(gwA, gwB);
  }

  /** Index of the entry (due, gw), or -(insertion point) - 1. */
  private int search(long d, long g) {
    int lo = head;
    int hi = tail - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = compare(due[mid], gw[mid], d, g);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }

  /**
   * Adds a report, or points one already waiting at a newer copy of its record; true when it was not
   * waiting.
   */
  synchronized boolean put(long d, long g, long position) {
    if (tail > head && compare(due[tail - 1], gw[tail - 1], d, g) >= 0) {
      int i = search(d, g);
      if (i >= 0) {
        boolean added = pos[i] == DEAD;
        if (added) {
          live++;
        }
        pos[i] = position;
        return added;
      }
      insertAt(-(i + 1), d, g, position);
      return true;
    }
    if (tail == due.length) {
      compact(live + 1);
    }
    due[tail] = d;
    gw[tail] = g;
    pos[tail] = position;
    tail++;
    live++;
    return true;
  }

  private void insertAt(int at, long d, long g, long position) {
    if (tail == due.length) {
      compact(live + 1);
      at = -(search(d, g) + 1); // the entry is not there (put searched): where it goes after the compaction
    }
    System.arraycopy(due, at, due, at + 1, tail - at);
    System.arraycopy(gw, at, gw, at + 1, tail - at);
    System.arraycopy(pos, at, pos, at + 1, tail - at);
    due[at] = d;
    gw[at] = g;
    pos[at] = position;
    tail++;
    live++;
  }

  /** Moves the live entries to the front, dropping dead ones, into arrays with room for {@code need}. */
  private void compact(int need) {
    int capacity = due.length;
    while (capacity < need * 2 && capacity < Integer.MAX_VALUE / 2) {
      capacity *= 2;
    }
    while (capacity > KEEP_WHEN_EMPTY && capacity >= need * 8) {
      capacity /= 2;
    }
    long[] d2 = new long[capacity];
    long[] g2 = new long[capacity];
    long[] p2 = new long[capacity];
    int n = 0;
    for (int i = head; i < tail; i++) {
      if (pos[i] != DEAD) {
        d2[n] = due[i];
        g2[n] = gw[i];
        p2[n] = pos[i];
        n++;
      }
    }
    due = d2;
    gw = g2;
    pos = p2;
    head = 0;
    tail = n;
    live = n;
  }

  /** Marks the report acknowledged; false when it is not waiting (any more). */
  synchronized boolean remove(long d, long g) {
    int i = search(d, g);
    if (i < 0 || pos[i] == DEAD) {
      return false;
    }
    pos[i] = DEAD;
    live--;
    while (head < tail && pos[head] == DEAD) {
      head++;
    }
    if (head == tail) {
      head = 0;
      tail = 0;
      if (due.length > KEEP_WHEN_EMPTY) {
        // give back what a backlog took, but keep a report session's working set: an account whose queue
        // empties every few milliseconds must not regrow its arrays each time
        due = new long[KEEP_WHEN_EMPTY];
        gw = new long[KEEP_WHEN_EMPTY];
        pos = new long[KEEP_WHEN_EMPTY];
      }
    } else if (tail - head > 64 && live < (tail - head) / 2) {
      compact(live); // many acknowledged out of order
    }
    return true;
  }

  /**
   * Up to {@code max} reports due at {@code now}, after (due, gw) = ({@code afterDue}, {@code afterGw}) or from
   * the first when {@code afterGw} is negative: their (due, gw, position) triples in {@code out}, three longs
   * each. Returns how many.
   */
  synchronized int due(long afterDue, long afterGw, long now, int max, long[] out) {
    int i;
    if (afterGw < 0) {
      i = head;
    } else {
      i = search(afterDue, afterGw);
      i = i >= 0 ? i + 1 : -(i + 1);
    }
    int n = 0;
    for (; i < tail && n < max; i++) {
      if (due[i] > now) {
        break;
      }
      if (pos[i] != DEAD) {
        out[n * 3] = due[i];
        out[n * 3 + 1] = gw[i];
        out[n * 3 + 2] = pos[i];
        n++;
      }
    }
    return n;
  }

  synchronized int size() {
    return live;
  }

  /** Copies records and returns the copies' positions. */
  interface Copier {
    long[] copy(long[] positions, int count);
  }

  /**
   * Copies the records of the waiting reports whose position passes {@code select}, up to {@code chunk} per
   * call of {@code copier}, and points the reports at the copies. Holds the lock throughout, so that an
   * acknowledgement comes either before (no copy) or after (its remove record follows the copy in the log).
   */
  synchronized void relocate(LongPredicate select, int chunk, Copier copier) {
    int[] at = new int[chunk];
    long[] old = new long[chunk];
    int n = 0;
    for (int i = head; i <= tail; i++) {
      if (n == chunk || (i == tail && n > 0)) {
        long[] moved = copier.copy(old, n);
        for (int j = 0; j < n; j++) {
          pos[at[j]] = moved[j];
        }
        n = 0;
      }
      if (i < tail && pos[i] != DEAD && select.test(pos[i])) {
        at[n] = i;
        old[n] = pos[i];
        n++;
      }
    }
  }
}
