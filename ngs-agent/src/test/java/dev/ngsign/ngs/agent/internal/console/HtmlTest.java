package dev.ngsign.ngs.agent.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Escaping and the recipient mask. */
class HtmlTest {
  @Test
  void escapes_markup_and_quotes_and_keeps_korean() {
    assertThat(Html.esc("<script>alert('x')</script> & \"q\" 한글"))
        .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot; 한글");
  }

  @Test
  void masks_korean_mobile_and_landline_numbers() {
    assertThat(Html.maskPhone("01012345678")).isEqualTo("010****5678");
    assertThat(Html.maskPhone("010-1234-5678")).isEqualTo("010-****-5678");
    assertThat(Html.maskPhone("0212345678")).isEqualTo("021***5678");
    assertThat(Html.maskPhone("+821012345678")).isEqualTo("+821*****5678");
    assertThat(Html.maskPhone("15881234")).isEqualTo("****1234");
    assertThat(Html.maskPhone("1234")).isEqualTo("**34");
    assertThat(Html.maskPhone("")).isEmpty();
  }

  @TestFactory
  Stream<DynamicTest> a_masked_number_never_shows_more_than_seven_of_its_digits() {
    return IntStream.range(0, 50)
        .mapToObj(
            seed ->
                DynamicTest.dynamicTest(
                    "seed " + seed,
                    () -> {
                      Random r = new Random(seed);
                      StringBuilder n = new StringBuilder("010");
                      int len = 8 + r.nextInt(6);
                      for (int i = 0; i < len; i++) {
                        n.append((char) ('0' + r.nextInt(10)));
                      }
                      String masked = Html.maskPhone(n.toString());
                      assertThat(masked).hasSameSizeAs(n);
                      long shown = masked.chars().filter(Character::isDigit).count();
                      assertThat(shown).isLessThanOrEqualTo(7);
                      assertThat(masked.substring(masked.length() - 4))
                          .isEqualTo(n.substring(n.length() - 4));
                      assertThat(masked).contains("****");
                    }));
  }
}
