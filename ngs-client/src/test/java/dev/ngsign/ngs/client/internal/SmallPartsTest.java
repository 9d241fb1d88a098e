package dev.ngsign.ngs.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.client.ReconnectStrategy;
import dev.ngsign.ngs.client.RetryPolicy;
import dev.ngsign.ngs.protocol.ResultCode;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class SmallPartsTest {

  @Test
  void certPacerKeepsCertsApart() {
    CertPacer p = new CertPacer(3_000);
    assertThat(p.waitNanos(100)).isZero();
    p.record(100);
    assertThat(p.waitNanos(1_100)).isEqualTo(2_000);
    assertThat(p.waitNanos(3_100)).isZero();
    assertThat(p.waitNanos(9_999)).isZero();
  }

  @RepeatedTest(20)
  void defaultReconnectNeverWaitsLessThanFiveSecondsAndHasJitter() {
    ReconnectStrategy s = ReconnectStrategy.defaultStrategy();
    assertThat(s.delay(1)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(6));
    assertThat(s.delay(2)).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(12));
    assertThat(s.delay(50)).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(72));
  }

  @Test
  void reconnectJitterSpreadsClients() {
    ReconnectStrategy s = ReconnectStrategy.defaultStrategy();
    Set<Duration> seen = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      seen.add(s.delay(1));
    }
    assertThat(seen).hasSizeGreaterThan(10);
  }

  @Test
  void defaultRetryPolicyRetriesOnlyTheSpecsFourCodes() {
    RetryPolicy p = RetryPolicy.defaultPolicy();
    for (ResultCode c : ResultCode.values()) {
      boolean retry = p.retryDelay(c, 1).isPresent();
      assertThat(retry)
          .as("%s", c)
          .isEqualTo(
              c == ResultCode.E_SYS_FAIL
                  || c == ResultCode.E_SYS_BUSY
                  || c == ResultCode.E_NET_FAIL
                  || c == ResultCode.E_TPS_OVER);
    }
    assertThat(p.retryDelay(ResultCode.E_SYS_BUSY, 1).orElseThrow())
        .isBetween(Duration.ofMillis(200), Duration.ofMillis(240));
    assertThat(p.retryDelay(ResultCode.E_SYS_BUSY, 3).orElseThrow())
        .isBetween(Duration.ofMillis(800), Duration.ofMillis(960));
    assertThat(p.retryDelay(ResultCode.E_SYS_BUSY, 5)).isEmpty();
    assertThat(RetryPolicy.none().retryDelay(ResultCode.E_SYS_BUSY, 1)).isEmpty();
  }

  @Test
  void duplicateFilterForgetsTheOldest() {
    DuplicateFilter f = new DuplicateFilter(2);
    f.add(DuplicateFilter.key("a", "1"));
    f.add(DuplicateFilter.key("b", "1"));
    assertThat(f.contains(DuplicateFilter.key("a", "1"))).isTrue();
    f.add(DuplicateFilter.key("c", "1"));
    assertThat(f.contains(DuplicateFilter.key("a", "1"))).isFalse();
    assertThat(f.contains(DuplicateFilter.key("c", "1"))).isTrue();
    assertThat(f.contains(DuplicateFilter.key("c", "2"))).isFalse();
  }

  @Test
  void serialsAreUniqueShortAndIncreasing() {
    Set<String> seen = new HashSet<>();
    long last = 0;
    for (int i = 0; i < 100_000; i++) {
      String s = MessageSupport.nextSerial();
      assertThat(s.length()).isLessThanOrEqualTo(20);
      long v = Long.parseLong(s, 36);
      assertThat(v).isGreaterThan(last);
      last = v;
      seen.add(s);
    }
    assertThat(seen).hasSize(100_000);
  }
}
