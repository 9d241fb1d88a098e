package dev.ngsign.navercert.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.navercert.BarocertException;
import dev.ngsign.navercert.NavercertClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * Runs a full flow plus failures with every logger at DEBUG (test resources send SLF4J to
 * target/navercert-test.log), then checks that neither the SecretKey nor the person's data was
 * logged by the SDK or the simulator.
 */
class NoSecretsInLogsIT {
  @Test
  void secret_key_and_personal_data_are_never_logged() throws Exception {
    try (NavercertServer server = Fixtures.server(Clock.systemUTC()).start()) {
      NavercertClient client = Fixtures.client(server, Clock.systemUTC());
      String rid =
          client.requestMultiSign(Fixtures.CLIENT_CODE, Fixtures.request(2)).execute().receiptID();
      try {
        client.verifyMultiSign(Fixtures.CLIENT_CODE, rid).execute();
      } catch (BarocertException expected) {
        // not signed yet
      }
      server.sign(rid);
      client.verifyMultiSign(Fixtures.CLIENT_CODE, rid).execute();
      NavercertClient wrongKey =
          NavercertClient.builder()
              .linkId(Fixtures.LINK_ID)
              .secretKey(Fixtures.OTHER_SECRET)
              .serviceUrl(server.baseUrl())
              .authUrl(server.baseUrl())
              .build();
      try {
        wrongKey.getMultiSignStatus(Fixtures.CLIENT_CODE, rid).execute();
      } catch (BarocertException expected) {
        // bad signature
      }
    }
    Path log = Path.of("target/navercert-test.log");
    assertThat(log).exists();
    String text = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(text).contains("verified"); // the flow was logged at all
    assertThat(text)
        .doesNotContain(
            Fixtures.SECRET,
            Fixtures.OTHER_SECRET,
            "홍길동",
            "01012341234",
            "19700101",
            "본인은 약관에 동의합니다");
  }
}
