package dev.ngsign.ngs.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one duration grammar: every unit, ISO-8601, the refusals, and format/parse agreeing over many
 * seeds.
 */
class DurationFormatTest {

  @Test
  void everyUnitOfTheShortForm() {
    assertThat(DurationFormat.parse("0")).isZero();
    assertThat(DurationFormat.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationFormat.parse("3s")).isEqualTo(Duration.ofSeconds(3));
    assertThat(DurationFormat.parse("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(DurationFormat.parse("24h")).isEqualTo(Duration.ofHours(24));
    assertThat(DurationFormat.parse("2d")).isEqualTo(Duration.ofDays(2));
  }

  @Test
  void blanksAndCaseDoNotMatter() {
    assertThat(DurationFormat.parse("  5 S ")).isEqualTo(Duration.ofSeconds(5));
    assertThat(DurationFormat.parse("250MS")).isEqualTo(Duration.ofMillis(250));
    assertThat(DurationFormat.parse("pt1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(DurationFormat.parse("P1DT2H")).isEqualTo(Duration.ofHours(26));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "s",
        "soon",
        "1.5s",
        "5 seconds",
        "-5s",
        "10x",
        "PT",
        "P",
        "1999999999999999999d",
        "999999999999999999d",
        "5s5"
      })
  void refusesWhatIsNotADurationAndQuotesIt(String text) {
    assertThatThrownBy(() -> DurationFormat.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "' is not a duration");
  }

  @Test
  void formatWritesTheLargestWholeUnit() {
    assertThat(DurationFormat.format(Duration.ZERO)).isEqualTo("0");
    assertThat(DurationFormat.format(Duration.ofHours(24))).isEqualTo("1d");
    assertThat(DurationFormat.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(DurationFormat.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(DurationFormat.format(Duration.ofNanos(1))).isEqualTo("PT0.000000001S");
    assertThat(DurationFormat.format(Duration.ofSeconds(-3))).isEqualTo("PT-3S");
  }

  @TestFactory
  Stream<DynamicTest> formatThenParseIsTheIdentity() {
    return IntStream.range(0, 200)
        .mapToObj(
            seed ->
                DynamicTest.dynamicTest(
                    "seed " + seed,
                    () -> {
                      Random r = new Random(seed);
                      for (int i = 0; i < 100; i++) {
                        Duration d =
                            switch (r.nextInt(4)) {
                              case 0 -> Duration.ofMillis(r.nextInt(Integer.MAX_VALUE));
                              case 1 ->
                                  Duration.ofSeconds(r.nextLong() >>> 30, r.nextInt(1_000_000_000));
                              case 2 -> Duration.ofDays(r.nextInt(100_000));
                              default ->
                                  Duration.ofSeconds(r.nextInt(), r.nextInt(1000) * 1_000_000L);
                            };
                        assertThat(DurationFormat.parse(DurationFormat.format(d)))
                            .as("%s", d)
                            .isEqualTo(d);
                      }
                    }));
  }

  @TestFactory
  Stream<DynamicTest> numberAndUnitMeanWhatTheySay() {
    return IntStream.range(0, 100)
        .mapToObj(
            seed ->
                DynamicTest.dynamicTest(
                    "seed " + seed,
                    () -> {
                      Random r = new Random(seed);
                      long n = r.nextInt(Integer.MAX_VALUE);
                      assertThat(DurationFormat.parse(n + "ms")).isEqualTo(Duration.ofMillis(n));
                      assertThat(DurationFormat.parse(n + "s")).isEqualTo(Duration.ofSeconds(n));
                      assertThat(DurationFormat.parse(n + "m")).isEqualTo(Duration.ofMinutes(n));
                      assertThat(DurationFormat.parse(n + "h")).isEqualTo(Duration.ofHours(n));
                      assertThat(DurationFormat.parse(n + "d")).isEqualTo(Duration.ofDays(n));
                    }));
  }
}
