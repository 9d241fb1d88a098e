package dev.ngsign.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MutableClockTest {
  @Test
  void movesOnlyByHand() {
    MutableClock c = new MutableClock();
    assertThat(c.instant()).isEqualTo(MutableClock.DEFAULT_START);
    c.advance(Duration.ofMinutes(90));
    assertThat(c.instant()).isEqualTo(Instant.parse("2026-11-24T04:30:00Z"));
    assertThat(c.seoul()).isEqualTo(LocalDateTime.of(2026, 11, 24, 13, 30));
    c.set(Instant.EPOCH);
    assertThat(c.millis()).isZero();
    assertThat(c.withZone(ZoneId.of("Asia/Seoul")).instant()).isEqualTo(Instant.EPOCH);
  }

  @Test
  void startsAtALocalTimeInKorea() {
    assertThat(MutableClock.atSeoul(LocalDateTime.of(2026, 1, 1, 9, 0)).instant())
        .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
  }
}
