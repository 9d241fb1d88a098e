package dev.ngsign.ngs.gateway.internal.cert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.protocol.packet.SessionKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CertKeyRegistryTest {
  private final CertKeyRegistry keys = new CertKeyRegistry(Duration.ofSeconds(5));

  @Test
  void aKeyBindsEachKindOnceWithinTheWindowForItsAccount() {
    String k = keys.issue("a", 1_000);
    assertThat(k).hasSize(64);
    assertThat(keys.claim(k, "b", SessionKind.DELIVER, 1_000))
        .isEqualTo(CertKeyRegistry.Refusal.OTHER_ACCOUNT);
    assertThat(keys.claim(k, "a", SessionKind.DELIVER, 6_000)).isNull();
    assertThat(keys.claim(k, "a", SessionKind.DELIVER, 6_000))
        .isEqualTo(CertKeyRegistry.Refusal.ALREADY_USED);
    assertThat(keys.claim(k, "a", SessionKind.REPORT, 6_001))
        .isEqualTo(CertKeyRegistry.Refusal.EXPIRED);
    assertThat(keys.claim("nope", "a", SessionKind.REPORT, 1_000))
        .isEqualTo(CertKeyRegistry.Refusal.UNKNOWN);
    assertThat(keys.issue("a", 1_000)).isNotEqualTo(k);
  }
}
