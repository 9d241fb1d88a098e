package dev.ngsign.ngs.gateway.internal.account;

import java.time.YearMonth;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Messages accepted in the current month. The month rolls over on the first use in a new month; the
 * count is persisted by the report store's meta map so that a restart keeps it.
 */
public final class QuotaCounter {
  private volatile YearMonth month;
  private final AtomicLong used = new AtomicLong();

  /** Restores a persisted count. */
  public void restore(YearMonth m, long count) {
    month = m;
    used.set(count);
  }

  /** Takes one unit of {@code quota} (0 = unlimited) in {@code now}'s month; false when used up. */
  public boolean tryTake(YearMonth now, long quota) {
    roll(now);
    if (quota <= 0) {
      used.incrementAndGet();
      return true;
    }
    while (true) {
      long u = used.get();
      if (u >= quota) {
        return false;
      }
      if (used.compareAndSet(u, u + 1)) {
        return true;
      }
    }
  }

  private void roll(YearMonth now) {
    YearMonth m = month;
    if (!now.equals(m)) {
      month = now;
      used.set(0);
    }
  }

  public YearMonth month() {
    return month;
  }

  public long used() {
    return used.get();
  }
}
