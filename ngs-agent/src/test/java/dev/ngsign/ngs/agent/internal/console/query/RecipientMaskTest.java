package dev.ngsign.ngs.agent.internal.console.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class RecipientMaskTest {
  @Test
  void korean_mobile_and_landline_numbers_keep_prefix_and_last_four() {
    assertThat(RecipientMask.mask("01012345678")).isEqualTo("010****5678");
    assertThat(RecipientMask.mask("010-1234-5678")).isEqualTo("010****5678");
    assertThat(RecipientMask.mask("0111234567")).isEqualTo("011***4567");
    assertThat(RecipientMask.mask("0212345678")).isEqualTo("021***5678");
    assertThat(RecipientMask.mask("15881234")).isEqualTo("158*1234");
  }

  @Test
  void short_and_empty_numbers_show_at_most_two_digits() {
    assertThat(RecipientMask.mask("1234567")).isEqualTo("*****67");
    assertThat(RecipientMask.mask("12345")).isEqualTo("***45");
    assertThat(RecipientMask.mask("1234")).isEqualTo("****");
    assertThat(RecipientMask.mask("")).isEmpty();
  }

  /**
   * Whatever the number: same length as its digits, at most 7 digits shown, and never the middle
   * that identifies the subscriber.
   */
  @TestFactory
  Stream<DynamicTest> never_more_than_seven_digits_and_never_the_middle() {
    return IntStream.range(0, 200)
        .mapToObj(
            seed ->
                DynamicTest.dynamicTest(
                    "seed " + seed,
                    () -> {
                      Random r = new Random(seed);
                      int n = 1 + r.nextInt(20);
                      StringBuilder sb = new StringBuilder();
                      for (int i = 0; i < n; i++) {
                        sb.append((char) ('0' + r.nextInt(10)));
                        if (r.nextInt(5) == 0) {
                          sb.append('-');
                        }
                      }
                      String digits = RecipientMask.digits(sb.toString());
                      String m = RecipientMask.mask(sb.toString());
                      assertThat(m).hasSize(digits.length());
                      long shown = m.chars().filter(Character::isDigit).count();
                      // at most seven digits, at least one hidden from five on, none up to four
                      assertThat(shown).isLessThanOrEqualTo(Math.min(7, digits.length() - 1));
                      if (digits.length() <= 4) {
                        assertThat(shown).isZero();
                      }
                      if (digits.length() >= 8) {
                        assertThat(m.substring(3, digits.length() - 4)).matches("\\**");
                      }
                    }));
  }
}
