package dev.ngsign.ngs.agent.internal.wakeup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class PollPacerTest {
  private static final long MS = 1_000_000L;

  private static List<Long> waits(PollPacer p, int[]... claims) {
    List<Long> out = new ArrayList<>();
    for (int[] c : claims) {
      out.add(p.afterClaim(c[0], c[1]) / MS);
    }
    return out;
  }

  private static int[] c(int claimed, int asked) {
    return new int[] {claimed, asked};
  }

  @Test
  void emptyClaimsBackOffFromTheFloorToTheInterval() {
    PollPacer p = new PollPacer(Duration.ofMillis(10), Duration.ofMillis(200), true);
    assertThat(
            waits(p, c(0, 100), c(0, 100), c(0, 100), c(0, 100), c(0, 100), c(0, 100), c(0, 100)))
        .containsExactly(10L, 20L, 40L, 80L, 160L, 200L, 200L);
  }

  @Test
  void aClaimThatFoundRowsClaimsAgainAtOnceAndRestartsTheBackOff() {
    PollPacer p = new PollPacer(Duration.ofMillis(10), Duration.ofMillis(200), true);
    assertThat(
            waits(
                p,
                c(0, 100),
                c(0, 100),
                c(0, 100),
                c(3, 100),
                c(0, 100),
                c(100, 100),
                c(100, 100),
                c(0, 100)))
        .containsExactly(10L, 20L, 40L, 0L, 10L, 0L, 0L, 10L);
  }

  @Test
  void anIntervalBelowTheFloorIsNeverExceeded() {
    PollPacer p = new PollPacer(Duration.ofMillis(10), Duration.ofMillis(4), true);
    assertThat(waits(p, c(0, 1), c(0, 1))).containsExactly(4L, 4L);
  }

  @Test
  void notAdaptiveWaitsTheWholeIntervalUnlessTheBatchWasFull() {
    PollPacer p = new PollPacer(Duration.ofMillis(10), Duration.ofSeconds(60), false);
    assertThat(waits(p, c(0, 100), c(0, 100), c(7, 100), c(100, 100), c(0, 100)))
        .containsExactly(60_000L, 60_000L, 60_000L, 0L, 60_000L);
  }

  /**
   * Over random claim sequences: never above the interval, 0 exactly after rows, doubling over
   * empties.
   */
  @TestFactory
  Stream<DynamicTest> adaptiveWaitsFollowTheRuleOverRandomSequences() {
    return IntStream.range(0, 50)
        .mapToObj(
            seed ->
                DynamicTest.dynamicTest(
                    "seed " + seed,
                    () -> {
                      Random r = new Random(seed);
                      long floor = (1 + r.nextInt(20)) * MS;
                      long interval = (1 + r.nextInt(2000)) * MS;
                      PollPacer p =
                          new PollPacer(Duration.ofNanos(floor), Duration.ofNanos(interval), true);
                      long previous = 0;
                      for (int i = 0; i < 200; i++) {
                        int asked = 1 + r.nextInt(500);
                        int claimed = r.nextInt(3) == 0 ? r.nextInt(asked + 1) : 0;
                        long w = p.afterClaim(claimed, asked);
                        assertThat(w).isBetween(0L, interval);
                        if (claimed > 0) {
                          assertThat(w).isZero();
                        } else {
                          assertThat(w)
                              .isEqualTo(
                                  previous == 0
                                      ? Math.min(floor, interval)
                                      : Math.min(interval, previous * 2));
                        }
                        previous = w;
                      }
                    }));
  }
}
