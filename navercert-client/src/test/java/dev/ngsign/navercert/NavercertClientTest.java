package dev.ngsign.navercert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Misuse is caught before any network call (the URLs point at a closed port). */
class NavercertClientTest {
  private static final String SECRET = "SwWxqU+0TErBXy/9TVjIPEnI0VTUMMSQZtJf3Ed8q3I=";

  private final NavercertClient client = NavercertClient.builder().linkId("TESTER").secretKey(SECRET)
      .serviceUrl("http://127.0.0.1:1").authUrl("http://127.0.0.1:1").maxRetries(0).build();

  @Test
  void builder_rejects_bad_credentials_without_echoing_them() {
    assertThatThrownBy(() -> NavercertClient.builder().linkId("A").secretKey("bm90LWEta2V5").build())
        .isInstanceOf(BarocertValidationException.class).hasMessageContaining("32 bytes")
        .hasMessageNotContaining("bm90LWEta2V5");
    assertThatThrownBy(() -> NavercertClient.builder().linkId("A").build()).hasMessageContaining("secretKey is required");
    assertThatThrownBy(() -> NavercertClient.builder().linkId("has space")).isInstanceOf(BarocertValidationException.class);
  }

  @Test
  void to_string_never_shows_the_secret() {
    assertThat(client.toString()).contains("TESTER").doesNotContain(SECRET);
  }

  @Test
  void ids_are_validated_before_the_network() {
    assertThatThrownBy(() -> client.getMultiSignStatus("02309000002", "0".repeat(32)))
        .isInstanceOf(BarocertValidationException.class).hasMessage("clientCode must be exactly 12 digits");
    assertThatThrownBy(() -> client.verifyMultiSign("023090000021", "0".repeat(31)))
        .isInstanceOf(BarocertValidationException.class).hasMessage("receiptID must be exactly 32 digits");
    assertThatThrownBy(() -> client.requestMultiSign("abcdefghijkl", MultiSignTest.valid().build()))
        .isInstanceOf(BarocertValidationException.class);
    assertThatThrownBy(() -> client.requestMultiSign("023090000021", null))
        .isInstanceOf(BarocertValidationException.class);
  }

  @Test
  void callback_form_reports_validation_errors_to_the_error_callback() throws Exception {
    CompletableFuture<BarocertException> err = new CompletableFuture<>();
    client.getMultiSignStatus("bad", "0".repeat(32), s -> err.complete(null), err::complete);
    assertThat(err.get(5, TimeUnit.SECONDS)).isInstanceOf(BarocertValidationException.class);
  }

  @Test
  void network_failure_is_a_transport_exception() {
    assertThatThrownBy(() -> client.getMultiSignStatus("023090000021", "0".repeat(32)))
        .isInstanceOf(BarocertTransportException.class)
        .satisfies(e -> assertThat(((BarocertException) e).code()).isEqualTo(-99999999L));
  }
}
