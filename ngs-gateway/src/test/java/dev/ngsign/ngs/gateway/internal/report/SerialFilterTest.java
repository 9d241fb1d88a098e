package dev.ngsign.ngs.gateway.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SerialFilterTest {
  @Test
  void everyAddedKeyIsAMaybeAndFewOthersAre() {
    SerialFilter f = SerialFilter.forKeys(200_000);
    for (int i = 0; i < 200_000; i++) {
      f.add("acct\u0000" + i);
    }
    for (int i = 0; i < 200_000; i++) {
      assertThat(f.mightContain("acct\u0000" + i)).as("no false negative: %d", i).isTrue();
    }
    int falsePositives = 0;
    for (int i = 0; i < 200_000; i++) {
      if (f.mightContain("other\u0000" + i)) {
        falsePositives++;
      }
    }
    assertThat(falsePositives).as("false positives of 200,000").isLessThan(2_000); // 16 bits/key: ~0.25 %
  }

  @Test
  void keysDifferingOnlyInTheAccountAreDifferent() {
    SerialFilter f = SerialFilter.forKeys(10);
    f.add("a\u0000S1");
    assertThat(f.mightContain("a\u0000S1")).isTrue();
    assertThat(f.mightContain("b\u0000S1")).isFalse();
    assertThat(f.mightContain("a\u0000S2")).isFalse();
  }
}
