package dev.ngsign.navercert.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ngsign.http.HttpLimits;
import dev.ngsign.navercert.NavercertClient;
import dev.ngsign.navercert.SignState;
import dev.ngsign.testing.SlowClients;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regression and load test (issue 16.7): slow and idle clients holding connections — more of them
 * than the old JDK server had threads (16) — do not stop the simulator from serving; trickling
 * bytes does not extend the head or body deadline; the connection count is bounded and the
 * connection over the limit gets a 503 instead of a hang. Bounded in count and time; loopback only.
 */
class SlowClientsIT {
  private final Clock clock = Clock.systemUTC();
  private NavercertServer server;
  private SlowClients slow;

  @AfterEach
  void stop() {
    if (slow != null) {
      slow.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void keeps_serving_while_60_slow_or_idle_clients_hold_connections_then_drops_them()
      throws Exception {
    Duration deadline = Duration.ofSeconds(2);
    server =
        Fixtures.server(clock)
            .httpLimits(new HttpLimits(deadline, deadline, 256, 2 * 1024 * 1024, 4, 64))
            .start();
    slow =
        new SlowClients(server.port())
            .idle(20)
            .slowHead(20, "/Time")
            .slowBody(20, "/operator/requests/" + "1".repeat(32) + "/sign");
    await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() >= 60);

    // meanwhile: 40 complete round trips from 4 callers, more than the 4 workers and 0 spare
    // threads
    NavercertClient client = Fixtures.client(server, clock);
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<SignState>> trips = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        trips.add(CompletableFuture.supplyAsync(() -> roundTrip(client), callers));
      }
      for (CompletableFuture<SignState> t : trips) {
        assertThat(t.get(60, TimeUnit.SECONDS)).isEqualTo(SignState.DONE);
      }
    } finally {
      callers.shutdownNow();
    }

    // and the slow ones are dropped at their deadline, trickling or not
    await().atMost(Duration.ofSeconds(20)).until(() -> slow.closedByServer() == 60);
    await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() == 0);
  }

  @Test
  void the_connection_over_the_limit_gets_503_and_service_resumes_when_idle_ones_expire()
      throws Exception {
    Duration deadline = Duration.ofSeconds(2);
    server =
        Fixtures.server(clock)
            .httpLimits(
                new HttpLimits(deadline, Duration.ofSeconds(30), 20, 2 * 1024 * 1024, 4, 64))
            .start();
    slow = new SlowClients(server.port()).idle(20);
    await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() == 20);
    assertThat(slow.requestUntilClosed("/Time"))
        .startsWith("HTTP/1.1 503")
        .contains("Retry-After", "-45000503");
    await().atMost(Duration.ofSeconds(20)).until(() -> slow.closedByServer() == 20);
    NavercertClient client = Fixtures.client(server, clock);
    assertThat(roundTrip(client)).isEqualTo(SignState.DONE);
  }

  @Test
  void a_body_over_the_limit_is_refused_with_413_without_being_read() throws Exception {
    server = Fixtures.server(clock).start();
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.getOutputStream()
          .write(
              ("POST /NAVER/MultiSign/"
                      + Fixtures.CLIENT_CODE
                      + " HTTP/1.1\r\nHost: x\r\n"
                      + "Content-Type: application/json\r\nContent-Length: "
                      + (3 * 1024 * 1024)
                      + "\r\n\r\n{")
                  .getBytes(StandardCharsets.US_ASCII));
      String reply = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(reply).isEqualTo("HTTP/1.1 413");
    }
    assertThat(roundTrip(Fixtures.client(server, clock))).isEqualTo(SignState.DONE);
  }

  private SignState roundTrip(NavercertClient client) {
    String rid =
        client.requestMultiSign(Fixtures.CLIENT_CODE, Fixtures.request(1)).execute().receiptID();
    server.sign(rid);
    client.verifyMultiSign(Fixtures.CLIENT_CODE, rid).execute();
    return client.getMultiSignStatus(Fixtures.CLIENT_CODE, rid).execute().state();
  }
}
