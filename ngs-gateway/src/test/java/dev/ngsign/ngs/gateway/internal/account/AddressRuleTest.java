package dev.ngsign.ngs.gateway.internal.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AddressRuleTest {
  private static InetAddress ip(String s) throws Exception {
    return InetAddress.getByName(s);
  }

  @Test
  void matchesIpv4Blocks() throws Exception {
    AddressRule r = AddressRule.parse("10.1.0.0/16");
    assertThat(r.matches(ip("10.1.255.7"))).isTrue();
    assertThat(r.matches(ip("10.2.0.1"))).isFalse();
    assertThat(AddressRule.parse("192.168.1.128/25").matches(ip("192.168.1.200"))).isTrue();
    assertThat(AddressRule.parse("192.168.1.128/25").matches(ip("192.168.1.100"))).isFalse();
    assertThat(AddressRule.parse("127.0.0.1").matches(ip("127.0.0.1"))).isTrue();
    assertThat(AddressRule.parse("0.0.0.0/0").matches(ip("8.8.8.8"))).isTrue();
  }

  @Test
  void matchesIpv6AndMappedIpv4() throws Exception {
    assertThat(AddressRule.parse("::1/128").matches(ip("::1"))).isTrue();
    assertThat(AddressRule.parse("2001:db8::/32").matches(ip("2001:db8:1::5"))).isTrue();
    assertThat(AddressRule.parse("2001:db8::/32").matches(ip("127.0.0.1"))).isFalse();
    assertThat(
            AddressRule.parse("127.0.0.0/8")
                .matches(
                    InetAddress.getByAddress(
                        new byte[] {
                          0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 127, 0, 0, 1
                        })))
        .isTrue();
  }

  @Test
  void refusesNamesAndBadPrefixes() {
    assertThatThrownBy(() -> AddressRule.parse("example.com"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AddressRule.parse("10.0.0.0/33")).hasMessageContaining("0..32");
    assertThatThrownBy(() -> AddressRule.parse("10.0.0.0/x")).hasMessageContaining("prefix");
  }

  @Test
  void connectGuardLocksAfterTheThresholdAndUnlocks() {
    ConnectGuard g = new ConnectGuard(2, Duration.ofSeconds(60), Duration.ofMinutes(5));
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(g.attempt(t, A)).isFalse();
    assertThat(g.attempt(t.plusSeconds(1), A)).isFalse();
    assertThat(g.attempt(t.plusSeconds(2), A)).isTrue();
    assertThat(g.isLocked(t.plusSeconds(200), A)).isTrue();
    assertThat(g.isLocked(t.plusSeconds(302), A)).isFalse();
    assertThat(g.attempt(t.plusSeconds(400), A)).isFalse();
    assertThat(g.attempt(t.plusSeconds(500), A)).isFalse(); // the first left the 60 s window
    assertThat(g.attempt(t.plusSeconds(501), A)).isFalse();
    assertThat(g.attempt(t.plusSeconds(502), A)).isTrue();
    assertThat(g.unlock(t.plusSeconds(503))).isTrue();
    assertThat(g.isLocked(t.plusSeconds(503), A)).isFalse();
  }

  private static final java.net.InetAddress A = address("198.51.100.7");
  private static final java.net.InetAddress B = address("203.0.113.9");

  private static java.net.InetAddress address(String s) {
    try {
      return java.net.InetAddress.getByName(s);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A stranger hammering an ID locks out only his own address; the customer's address still gets
   * in.
   */
  @Test
  void theLockIsPerSourceAddress() {
    ConnectGuard g = new ConnectGuard(2, Duration.ofSeconds(60), Duration.ofMinutes(5));
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < 21; i++) {
      g.attempt(t.plusMillis(i), A);
    }
    assertThat(g.isLocked(t.plusSeconds(1), A)).isTrue();
    assertThat(g.isLocked(t.plusSeconds(1), B)).isFalse();
    assertThat(g.attempt(t.plusSeconds(1), B)).isFalse();
    assertThat(g.isLocked(t.plusSeconds(1))).as("the operator sees a lock on the ID").isTrue();
  }

  /** Each further lock of the same address within a day lasts twice as long, up to 16 times. */
  @Test
  void repeatedLocksBackOff() {
    ConnectGuard g = new ConnectGuard(1, Duration.ofSeconds(60), Duration.ofMinutes(5));
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    long[] expectedMinutes = {5, 10, 20, 40, 80, 80};
    for (long minutes : expectedMinutes) {
      g.attempt(t, A);
      assertThat(g.attempt(t, A)).isTrue();
      Instant until = g.lockedUntil(t, A);
      assertThat(Duration.between(t, until)).isEqualTo(Duration.ofMinutes(minutes));
      t = until.plusSeconds(1);
    }
    t = t.plus(Duration.ofDays(2)); // quiet for a day: back to the base duration
    g.attempt(t, A);
    g.attempt(t, A);
    assertThat(Duration.between(t, g.lockedUntil(t, A))).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void perSecondCounterKeepsRecentSeconds() {
    PerSecondCounter c = new PerSecondCounter();
    c.increment(100);
    c.increment(100);
    c.increment(101);
    c.increment(100 + PerSecondCounter.SLOTS); // reuses slot of second 100
    assertThat(c.snapshot())
        .containsEntry(101L, 1L)
        .containsEntry(100L + PerSecondCounter.SLOTS, 1L)
        .doesNotContainKey(100L);
  }
}
