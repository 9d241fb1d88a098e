package dev.ngsign.ngs.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReconnectPacingTest {
  @Test
  void attemptsThatReachedTheGatewayCountOneMoreEachTime() {
    assertThat(ReconnectPacing.next(0, false)).isEqualTo(1);
    assertThat(ReconnectPacing.next(1, false)).isEqualTo(2);
    assertThat(ReconnectPacing.next(7, false)).isEqualTo(8);
  }

  @Test
  void anUnreachableCertServerKeepsTheCountAndNeverGoesBelowTheFirstAttempt() {
    assertThat(ReconnectPacing.next(0, true)).isEqualTo(1);
    assertThat(ReconnectPacing.next(1, true)).isEqualTo(1);
    assertThat(ReconnectPacing.next(4, true)).isEqualTo(4);
  }
}
