package dev.ngsign.ngs.agent.internal.wakeup;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A signal the claim loops wait on between claims. A worker reads {@link #generation()} before it
 * claims and waits with that value, so a signal that arrives while it claims is not lost: the wait
 * returns at once. One per agent node; every account's worker shares it (a notification names no
 * account).
 */
public final class Wakeup {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private volatile long generation;

  /** The current generation; pass it to {@link #await} after the claim. */
  public long generation() {
    return generation;
  }

  /**
   * Wakes every waiting worker and makes the next {@link #await} with an older generation return at
   * once.
   */
  public void signal() {
    lock.lock();
    try {
      generation++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until a {@link #signal()} after {@code seen} or until {@code nanos} elapse.
   *
   * @return true when signalled, false on timeout
   */
  public boolean await(long seen, long nanos) throws InterruptedException {
    if (generation != seen) {
      return true;
    }
    if (nanos <= 0) {
      return false;
    }
    lock.lock();
    try {
      long left = nanos;
      while (generation == seen) {
        if (left <= 0) {
          return false;
        }
        left = changed.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** {@link #await} for a whole {@link TimeUnit} amount (convenience for tests). */
  public boolean await(long seen, long amount, TimeUnit unit) throws InterruptedException {
    return await(seen, unit.toNanos(amount));
  }
}
