package dev.ngsign.ngs.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ngsign.http.HttpLimits;
import dev.ngsign.testing.SlowClients;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 16.7 for the gateway's admin port: slow and idle HTTP clients holding connections (idle,
 * header trickle, body trickle; more of them than the workers) do not stop the admin API from
 * answering; trickling does not extend the head or body deadline; the connection over the cap gets
 * a 503 at once instead of a hang, and service resumes when the idle ones expire. Bounded in count
 * and time; loopback only.
 */
class AdminSlowClientsIT {
  private static final Duration DEADLINE = Duration.ofSeconds(2);

  private SlowClients slow;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private NgsGateway gw;
  private int port;

  private void start(int maxConnections) {
    gw =
        NgsGateway.builder()
            .adminPort(0)
            .adminHttpLimits(new HttpLimits(DEADLINE, DEADLINE, maxConnections, 64 * 1024, 2, 16))
            .account(Account.builder("testid", "secret").tps(80, 30, 30).build())
            .build();
    port = gw.start().adminPort();
  }

  @AfterEach
  void stop() {
    if (slow != null) {
      slow.close();
    }
    if (gw != null) {
      gw.close();
    }
  }

  @Test
  void answers_while_45_slow_or_idle_clients_hold_connections_then_drops_them() throws Exception {
    start(64);
    // idle, a header trickled a byte every 100 ms, a body trickled likewise
    slow =
        new SlowClients(port)
            .idle(15)
            .slowHead(15, "/accounts")
            .slowBody(15, "/accounts/testid/tps");

    // meanwhile the API answers reads and acts, 20 times over (2 workers)
    for (int i = 0; i < 20; i++) {
      assertThat(call("GET", "/accounts", null).statusCode()).isEqualTo(200);
      HttpResponse<String> tps =
          call("POST", "/accounts/testid/tps", "{\"sms\":" + (10 + i) + ",\"mms\":5,\"kko\":1}");
      assertThat(tps.statusCode()).as(tps.body()).isEqualTo(200);
    }
    assertThat(gw.account("testid").tps().sms()).isEqualTo(29);
    assertThat(call("GET", "/", null).body()).contains("바인드된 세션");

    // and the slow ones are dropped at their deadline, trickling or not
    await().atMost(Duration.ofSeconds(30)).until(() -> slow.closedByServer() == 45);
  }

  @Test
  void the_connection_over_the_cap_gets_503_and_service_resumes_when_idle_ones_expire()
      throws Exception {
    start(10);
    slow = new SlowClients(port).idle(10);
    assertThat(slow.requestUntilClosed("/health"))
        .startsWith("HTTP/1.1 503")
        .contains("Retry-After", "too many connections");
    await().atMost(Duration.ofSeconds(20)).until(() -> slow.closedByServer() == 10);
    assertThat(call("GET", "/health", null).body()).contains("ok");
  }

  @Test
  void a_body_over_the_limit_is_refused_with_413() throws Exception {
    start(64);
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.getOutputStream()
          .write(
              ("POST /accounts/testid/tps HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      + "Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{")
                  .getBytes(StandardCharsets.US_ASCII));
      String reply = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(reply).isEqualTo("HTTP/1.1 413");
    }
    assertThat(call("GET", "/health", null).statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> call(String method, String path, String body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
