package dev.ngsign.ngs.agent.internal.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.testing.MutableClock;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** Failed logins within the window, on a clock the test moves. */
class LoginThrottleTest {
  @Test
  void five_failures_in_a_minute_block_logins_until_the_oldest_is_a_minute_old() {
    MutableClock clock = MutableClock.atSeoul(LocalDateTime.of(2026, 12, 6, 3, 0));
    LoginThrottle t = new LoginThrottle(clock, 5, Duration.ofMinutes(1));
    for (int i = 0; i < 5; i++) {
      assertThat(t.waitNow()).isZero();
      t.failed();
      clock.advance(Duration.ofSeconds(10));
    }
    // failures at 0, 10, 20, 30, 40 s; now 50 s: the first leaves the window at 60 s
    assertThat(t.waitNow()).isEqualTo(Duration.ofSeconds(10));
    clock.advance(Duration.ofSeconds(9));
    assertThat(t.waitNow()).isEqualTo(Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(1));
    assertThat(t.waitNow()).isZero();
    t.failed(); // five again within the window (10..60 s)
    assertThat(t.waitNow()).isEqualTo(Duration.ofSeconds(10));
  }
}
