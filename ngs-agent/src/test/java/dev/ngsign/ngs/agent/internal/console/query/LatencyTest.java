package dev.ngsign.ngs.agent.internal.console.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class LatencyTest {
  @Test
  void boundaries() {
    assertThat(Latency.of(new long[0])).isEqualTo(Latency.NONE);
    assertThat(Latency.of(new long[] {7})).isEqualTo(new Latency(1, 7, 7));
    assertThat(Latency.of(new long[] {9, 1})).isEqualTo(new Latency(2, 1, 9));
    long[] hundred = IntStream.rangeClosed(1, 100).asLongStream().toArray();
    assertThat(Latency.of(hundred)).isEqualTo(new Latency(100, 50, 99));
  }

  /**
   * The definition of nearest rank: the reported value has at least q of the values at or below it,
   * and fewer than q strictly below it.
   */
  @TestFactory
  Stream<DynamicTest> nearest_rank_definition_holds() {
    return IntStream.range(0, 100)
        .mapToObj(
            seed ->
                DynamicTest.dynamicTest(
                    "seed " + seed,
                    () -> {
                      Random r = new Random(seed);
                      long[] v = new long[1 + r.nextInt(3000)];
                      for (int i = 0; i < v.length; i++) {
                        v[i] = r.nextInt(1 + r.nextInt(100_000));
                      }
                      long[] copy = v.clone();
                      Latency l = Latency.of(v);
                      for (double q : new double[] {0.5, 0.99}) {
                        long p = q == 0.5 ? l.p50Millis() : l.p99Millis();
                        long atOrBelow = Arrays.stream(copy).filter(x -> x <= p).count();
                        long below = Arrays.stream(copy).filter(x -> x < p).count();
                        assertThat(atOrBelow)
                            .isGreaterThanOrEqualTo((long) Math.ceil(q * copy.length));
                        assertThat(below).isLessThan((long) Math.ceil(q * copy.length));
                      }
                    }));
  }
}
