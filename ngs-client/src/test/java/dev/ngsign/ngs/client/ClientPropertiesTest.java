package dev.ngsign.ngs.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientPropertiesTest {

  @Test
  void buildsFromConfiguration() {
    NgsClient c =
        NgsClient.builder()
            .properties(
                Map.of(
                    "cert-server",
                    "127.0.0.1:4400",
                    "id",
                    "cfgid",
                    "password",
                    "Top-Secret-1",
                    "encrypted",
                    "true",
                    "sender-code",
                    "101280092",
                    "window",
                    "128",
                    "ack-timeout",
                    "5s",
                    "link-interval",
                    "PT20S",
                    "max-block",
                    "250ms",
                    "close-timeout",
                    "1m"))
            .build();
    try {
      assertThat(c.accountId()).isEqualTo("cfgid");
      assertThat(c.toString()).doesNotContain("Top-Secret-1");
    } finally {
      c.close();
    }
  }

  @Test
  void badSettingsNameTheKeyButNeverThePassword() {
    assertThatThrownBy(() -> NgsClient.builder().properties(Map.of("windw", "3")))
        .hasMessageContaining("windw")
        .hasMessageContaining("unknown setting");
    assertThatThrownBy(() -> NgsClient.builder().properties(Map.of("ack-timeout", "ten")))
        .hasMessageContaining("ack-timeout='ten'");
    assertThatThrownBy(
            () ->
                NgsClient.builder()
                    .properties(Map.of("id", "x".repeat(21), "password", "Pw-123456")))
        .hasMessageContaining("account ID")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Pw-123456"));
    assertThatThrownBy(() -> NgsClient.builder().properties(Map.of("id", "only")))
        .hasMessageContaining("both id and password");
    assertThat(NgsClientBuilder.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(NgsClientBuilder.parseDuration("750ms")).isEqualTo(Duration.ofMillis(750));
  }
}
