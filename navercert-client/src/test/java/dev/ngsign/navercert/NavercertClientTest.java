package dev.ngsign.navercert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Misuse is caught before any network call (the URLs point at a closed port); the three faces
 * agree.
 */
class NavercertClientTest {
  private static final String SECRET = "SwWxqU+0TErBXy/9TVjIPEnI0VTUMMSQZtJf3Ed8q3I=";

  private final NavercertClient client =
      NavercertClient.builder()
          .linkId("TESTER")
          .secretKey(SECRET)
          .serviceUrl("http://127.0.0.1:1")
          .authUrl("http://127.0.0.1:1")
          .maxRetries(0)
          .build();

  @Test
  void builder_rejects_bad_credentials_without_echoing_them() {
    assertThatThrownBy(
            () -> NavercertClient.builder().linkId("A").secretKey("bm90LWEta2V5").build())
        .isInstanceOf(BarocertValidationException.class)
        .hasMessageContaining("32 bytes")
        .hasMessageNotContaining("bm90LWEta2V5");
    assertThatThrownBy(() -> NavercertClient.builder().linkId("A").build())
        .hasMessageContaining("secretKey is required");
    assertThatThrownBy(() -> NavercertClient.builder().linkId("has space"))
        .isInstanceOf(BarocertValidationException.class);
  }

  @Test
  void to_string_never_shows_the_secret() {
    assertThat(client.toString()).contains("TESTER").doesNotContain(SECRET);
  }

  @Test
  void ids_are_validated_before_the_network() {
    assertThatThrownBy(() -> client.getMultiSignStatus("02309000002", "0".repeat(32)).execute())
        .isInstanceOf(BarocertValidationException.class)
        .hasMessage("clientCode must be exactly 12 digits");
    assertThatThrownBy(() -> client.verifyMultiSign("023090000021", "0".repeat(31)).execute())
        .isInstanceOf(BarocertValidationException.class)
        .hasMessage("receiptID must be exactly 32 digits");
    assertThatThrownBy(
            () -> client.requestMultiSign("abcdefghijkl", MultiSignTest.valid().build()).execute())
        .isInstanceOf(BarocertValidationException.class);
    assertThatThrownBy(() -> client.requestMultiSign("023090000021", null).execute())
        .isInstanceOf(BarocertValidationException.class)
        .hasMessageContaining("request is required");
    assertThatThrownBy(() -> client.getSignStatus("023090000021", "x").execute())
        .isInstanceOf(BarocertValidationException.class);
    assertThatThrownBy(() -> client.verifyIdentity("0230900000", "0".repeat(32)).execute())
        .isInstanceOf(BarocertValidationException.class);
  }

  @Test
  void the_three_faces_report_a_validation_error_alike() throws Exception {
    // callback
    CompletableFuture<BarocertException> err = new CompletableFuture<>();
    client
        .getMultiSignStatus("bad", "0".repeat(32))
        .enqueue(s -> err.complete(null), err::complete);
    assertThat(err.get(5, TimeUnit.SECONDS)).isInstanceOf(BarocertValidationException.class);
    // future: failed at once, nothing sent
    CompletableFuture<RequestStatus> f = client.getMultiSignStatus("bad", "0".repeat(32)).future();
    assertThat(f).isCompletedExceptionally();
    assertThatThrownBy(f::get)
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(BarocertValidationException.class);
  }

  @Test
  void a_call_runs_once() {
    Call<RequestStatus> call = client.getMultiSignStatus("bad", "0".repeat(32));
    call.future();
    assertThatThrownBy(call::execute)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already ran");
  }

  @Test
  void network_failure_is_a_transport_exception_in_every_face() throws Exception {
    assertThatThrownBy(() -> client.getMultiSignStatus("023090000021", "0".repeat(32)).execute())
        .isInstanceOf(BarocertTransportException.class)
        .hasMessageContaining("cannot reach http://127.0.0.1:1");
    CompletableFuture<BarocertException> err = new CompletableFuture<>();
    client
        .getIdentityStatus("023090000021", "0".repeat(32))
        .enqueue(s -> err.complete(null), err::complete);
    assertThat(err.get(30, TimeUnit.SECONDS)).isInstanceOf(BarocertTransportException.class);
  }

  @Test
  void the_error_tree_is_closed() {
    assertThat(BarocertException.class.isSealed()).isTrue();
    assertThat(BarocertException.class.getPermittedSubclasses())
        .containsExactlyInAnyOrder(
            BarocertValidationException.class,
            BarocertTransportException.class,
            BarocertServiceException.class);
  }
}
