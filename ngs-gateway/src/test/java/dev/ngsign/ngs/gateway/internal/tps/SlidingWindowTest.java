package dev.ngsign.ngs.gateway.internal.tps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.protocol.packet.TpsClass;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {
  @Test
  void allowsLimitPerAnyOneSecondWindow() {
    SlidingWindow w = new SlidingWindow(1000);
    assertThat(w.tryAcquire(0, 3)).isTrue();
    assertThat(w.tryAcquire(400, 3)).isTrue();
    assertThat(w.tryAcquire(900, 3)).isTrue();
    assertThat(w.tryAcquire(999, 3)).isFalse();
    assertThat(w.tryAcquire(1000, 3)).isTrue(); // the one at 0 left the window
    assertThat(w.tryAcquire(1001, 3)).isFalse();
    assertThat(w.tryAcquire(1400, 3)).isTrue();
  }

  @Test
  void noBurstAtASecondBoundary() {
    SlidingWindow w = new SlidingWindow(1000);
    int ok = 0;
    for (int t = 900; t < 1100; t++) {
      ok += w.tryAcquire(t, 10) ? 1 : 0;
    }
    assertThat(ok).isEqualTo(10);
  }

  @Test
  void refusedAttemptsCostNothing() {
    SlidingWindow w = new SlidingWindow(1000);
    assertThat(w.tryAcquire(0, 1)).isTrue();
    for (int i = 0; i < 100; i++) {
      assertThat(w.tryAcquire(500, 1)).isFalse();
    }
    assertThat(w.tryAcquire(1000, 1)).isTrue();
  }

  @Test
  void limitChangesKeepTheNewestHistory() {
    SlidingWindow w = new SlidingWindow(1000);
    for (int t = 0; t < 5; t++) {
      assertThat(w.tryAcquire(t * 100, 5)).isTrue();
    }
    assertThat(w.tryAcquire(500, 2))
        .isFalse(); // shrunk: the newest two (300, 400) are still in the window
    assertThat(w.tryAcquire(1300, 2)).isTrue();
    assertThat(w.tryAcquire(1350, 10)).isTrue(); // grown
  }

  @Test
  void zeroRefusesAndMaxIsUnlimited() {
    TpsGuard g = new TpsGuard();
    TpsLimits limits = new TpsLimits(TpsLimits.MAX, 0, 1);
    for (int i = 0; i < 200_000; i++) {
      assertThat(g.tryAcquire(TpsClass.SMS, limits, 0)).isTrue();
    }
    assertThat(g.tryAcquire(TpsClass.MMS, limits, 0)).isFalse();
    assertThat(g.tryAcquire(TpsClass.KKO, limits, 0)).isTrue();
    assertThat(g.tryAcquire(TpsClass.KKO, limits, 0)).isFalse();
  }
}
