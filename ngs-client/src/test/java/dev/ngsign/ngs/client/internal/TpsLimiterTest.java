package dev.ngsign.ngs.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.protocol.packet.TpsClass;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TpsLimiterTest {
  private static final long MS = 1_000_000L;
  private static final long WINDOW = 1_000 * MS;

  @Test
  void allowsLimitThenWaitsForTheAckOfTheOldest() {
    TpsLimiter l = new TpsLimiter(WINDOW, new TpsLimits(3, 1, 1));
    List<TpsLimiter.Stamp> s = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      assertThat(l.waitNanos(TpsClass.SMS, 0)).isZero();
      s.add(l.record(TpsClass.SMS));
    }
    assertThat(l.waitNanos(TpsClass.SMS, 5 * MS)).isEqualTo(TpsLimiter.AFTER_ACK);
    s.get(0).done(20 * MS); // the oldest is acknowledged 20 ms after it was sent
    assertThat(l.waitNanos(TpsClass.SMS, 500 * MS)).isEqualTo(520 * MS);
    assertThat(l.waitNanos(TpsClass.SMS, 1_020 * MS)).isZero();
  }

  @Test
  void classesAreIndependent() {
    TpsLimiter l = new TpsLimiter(WINDOW, new TpsLimits(1, 1, 0));
    l.record(TpsClass.SMS);
    assertThat(l.waitNanos(TpsClass.SMS, 0)).isEqualTo(TpsLimiter.AFTER_ACK);
    assertThat(l.waitNanos(TpsClass.MMS, 0)).isZero();
    assertThat(l.waitNanos(TpsClass.KKO, 0)).isEqualTo(TpsLimiter.NEVER);
  }

  @Test
  void theLargestFieldValueMeansUnlimited() {
    TpsLimiter l = new TpsLimiter(WINDOW, new TpsLimits(TpsLimits.MAX, 1, 1));
    for (int i = 0; i < 200_000; i++) {
      assertThat(l.waitNanos(TpsClass.SMS, 0)).isZero();
      l.record(TpsClass.SMS);
    }
  }

  @Test
  void loweringTheLimitKeepsTheRecentSends() {
    TpsLimiter l = new TpsLimiter(WINDOW, new TpsLimits(10, 1, 1));
    for (int i = 0; i < 5; i++) {
      l.record(TpsClass.SMS).done(i * MS);
    }
    l.update(new TpsLimits(2, 1, 1)); // EVENT type 1
    // the two most recent (acked at 3 and 4 ms) fill the new limit
    assertThat(l.waitNanos(TpsClass.SMS, 100 * MS)).isEqualTo(903 * MS);
    l.update(new TpsLimits(20, 1, 1));
    assertThat(l.waitNanos(TpsClass.SMS, 100 * MS)).isZero();
  }

  @Test
  void neverMoreThanLimitInAnyWindowOfAckTimes() {
    // simulated: random ACK delays; the gateway's acceptance time is at most the ACK time
    TpsLimiter l = new TpsLimiter(WINDOW, new TpsLimits(50, 1, 1));
    java.util.Random rnd = new java.util.Random(7);
    List<long[]> sends = new ArrayList<>(); // {gatewayTime}
    List<TpsLimiter.Stamp> pending = new ArrayList<>();
    List<Long> ackAt = new ArrayList<>();
    long now = 0;
    while (now < 5_000 * MS) {
      for (int i = pending.size() - 1; i >= 0; i--) {
        if (ackAt.get(i) <= now) {
          pending.get(i).done(now);
          pending.remove(i);
          ackAt.remove(i);
        }
      }
      if (l.waitNanos(TpsClass.SMS, now) == 0) {
        long gatewayTime = now + rnd.nextInt(30) * MS;
        sends.add(new long[] {gatewayTime});
        pending.add(l.record(TpsClass.SMS));
        ackAt.add(gatewayTime + rnd.nextInt(5) * MS);
      }
      now += MS / 2;
    }
    List<Long> g = sends.stream().map(a -> a[0]).sorted().toList();
    for (int i = 50; i < g.size(); i++) {
      assertThat(g.get(i) - g.get(i - 50))
          .as("51 accepts within a second at %d", i)
          .isGreaterThanOrEqualTo(WINDOW);
    }
    assertThat(g.size()).isGreaterThan(150);
  }
}
