package dev.ngsign.ngs.agent.internal.wakeup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WakeupTest {
  @Test
  void aSignalDuringTheClaimEndsTheFollowingWaitAtOnce() throws Exception {
    Wakeup w = new Wakeup();
    long seen = w.generation();
    w.signal(); // arrives while the worker claims
    assertThat(w.await(seen, TimeUnit.HOURS.toNanos(1))).isTrue();
  }

  @Test
  void withoutASignalTheWaitTimesOut() throws Exception {
    Wakeup w = new Wakeup();
    assertThat(w.await(w.generation(), 0)).isFalse();
    assertThat(w.await(w.generation(), 1)).isFalse();
  }

  @Test
  void aSignalWakesAWaiter() throws Exception {
    Wakeup w = new Wakeup();
    long seen = w.generation();
    CountDownLatch waiting = new CountDownLatch(1);
    CompletableFuture<Boolean> woke =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                waiting.countDown();
                return w.await(seen, TimeUnit.HOURS.toNanos(1));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    waiting.await();
    w.signal();
    assertThat(woke.get(20, TimeUnit.SECONDS)).isTrue();
  }
}
