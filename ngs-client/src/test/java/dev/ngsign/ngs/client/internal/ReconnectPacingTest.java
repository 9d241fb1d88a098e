package dev.ngsign.ngs.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReconnectPacingTest {
  @Test
  void loginsTheGatewayRefusedCountOneMoreEachTime() {
    assertThat(ReconnectPacing.next(0, true)).isEqualTo(1);
    assertThat(ReconnectPacing.next(1, true)).isEqualTo(2);
    assertThat(ReconnectPacing.next(7, true)).isEqualTo(8);
  }

  @Test
  void anAttemptTheGatewayNeverAnsweredKeepsTheCountAndNeverGoesBelowTheFirst() {
    assertThat(ReconnectPacing.next(0, false)).isEqualTo(1);
    assertThat(ReconnectPacing.next(1, false)).isEqualTo(1);
    assertThat(ReconnectPacing.next(4, false)).isEqualTo(4);
  }
}
