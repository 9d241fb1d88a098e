package dev.ngsign.spring.boot.ngs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How an account's settings meet the top-level ones before they reach NgsClientBuilder.properties.
 */
class NgsClientSettingsTest {

  @Test
  void anAccountTakesWhatItLeavesUnsetFromTheTopLevelButNeverItsIdOrPassword() {
    NgsProperties top = new NgsProperties();
    top.setCertServer("ngs.example.com:4400");
    top.setId("top");
    top.setPassword("top-pw");
    top.setWindow(32);
    top.setAckTimeout(Duration.ofSeconds(7));
    top.setEncrypted(true);
    NgsClientSettings acc = new NgsClientSettings();
    acc.setId("acc");
    acc.setPassword("acc-pw");
    acc.setWindow(8);

    Map<String, String> m = acc.builderProperties(top);

    assertThat(m)
        .containsEntry("cert-server", "ngs.example.com:4400")
        .containsEntry("id", "acc")
        .containsEntry("password", "acc-pw")
        .containsEntry("window", "8")
        .containsEntry("ack-timeout", "PT7S")
        .containsEntry("encrypted", "true")
        .doesNotContainKeys("key-pos", "sender-code", "queue-capacity");
  }

  @Test
  void anAccountWithoutPasswordDoesNotBorrowTheTopLevelOne() {
    NgsProperties top = new NgsProperties();
    top.setPassword("top-pw");
    NgsClientSettings acc = new NgsClientSettings();
    acc.setId("acc");
    assertThat(acc.builderProperties(top)).doesNotContainKey("password");
  }

  @Test
  void failFastDefaultsToTrueAndAnAccountInheritsTheTopLevelChoice() {
    NgsProperties top = new NgsProperties();
    NgsClientSettings acc = new NgsClientSettings();
    assertThat(top.failFast(null)).isTrue();
    assertThat(acc.failFast(top)).isTrue();
    top.setFailFast(false);
    assertThat(acc.failFast(top)).isFalse();
    acc.setFailFast(true);
    assertThat(acc.failFast(top)).isTrue();
  }

  @Test
  void blankValuesCountAsUnset() {
    NgsClientSettings s = new NgsClientSettings();
    s.setSenderCode("  ");
    s.setCertServer("");
    assertThat(s.builderProperties(null)).isEmpty();
  }
}
