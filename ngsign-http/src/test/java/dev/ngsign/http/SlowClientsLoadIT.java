package dev.ngsign.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ngsign.testing.SlowClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * The listener every HTTP port of the project serves through, under misbehaving clients: idle
 * connections, a request head trickled a byte at a time, a body trickled a byte at a time — many
 * more of them than the listener has workers — while well-behaved clients keep getting answers;
 * every slow one is dropped at its deadline however it trickles; the connection over the cap gets
 * an immediate 503 in the service's error body and service resumes once the idle ones expire.
 * Bounded in count and time; loopback only.
 */
class SlowClientsLoadIT {
  private static final Duration DEADLINE = Duration.ofSeconds(2);
  private HttpListener listener;

  @AfterEach
  void stop() {
    if (listener != null) {
      listener.close();
    }
  }

  private HttpListener start(int maxConnections) {
    listener =
        new HttpListener(
            "load-test",
            "127.0.0.1",
            0,
            new HttpLimits(DEADLINE, DEADLINE, maxConnections, 64 * 1024, 2, 16),
            ListenerErrors.PLAIN,
            req ->
                Reply.of(
                    200,
                    "text/plain; charset=utf-8",
                    ("pong " + req.rawPath()).getBytes(StandardCharsets.UTF_8)));
    return listener;
  }

  @Test
  void wellBehavedClientsAreServedWhile90SlowOnesHoldConnectionsAndTheSlowOnesAreDropped()
      throws Exception {
    start(256);
    try (SlowClients slow = new SlowClients(listener.port())) {
      slow.idle(30).slowHead(30, "/metrics").slowBody(30, "/actions");
      await().atMost(Duration.ofSeconds(10)).until(() -> listener.openConnections() >= 90);

      // 4 callers x 50 requests, more callers than the 2 workers, while 90 slow ones hold on
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      ExecutorService callers = Executors.newFixedThreadPool(4);
      try {
        List<CompletableFuture<List<String>>> runs = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
          int caller = c;
          runs.add(CompletableFuture.supplyAsync(() -> calls(http, caller, 50), callers));
        }
        for (int c = 0; c < 4; c++) {
          List<String> bodies = runs.get(c).get(120, TimeUnit.SECONDS);
          assertThat(bodies).hasSize(50);
          assertThat(bodies.get(49)).isEqualTo("200 pong /c" + c + "-49");
          String prefix = "200 pong /c" + c + "-";
          assertThat(bodies).allMatch(b -> b.startsWith(prefix));
        }
      } finally {
        callers.shutdownNow();
      }

      await().atMost(Duration.ofSeconds(20)).until(() -> slow.closedByServer() == 90);
      await().atMost(Duration.ofSeconds(10)).until(() -> listener.openConnections() == 0);
    }
  }

  private List<String> calls(HttpClient http, int caller, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + listener.port() + "/c" + caller + "-" + i))
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        out.add(r.statusCode() + " " + r.body());
      } catch (java.io.IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  @Test
  void theConnectionOverTheCapGets503AtOnceAndServiceResumesWhenTheIdleOnesExpire()
      throws Exception {
    start(20);
    try (SlowClients slow = new SlowClients(listener.port())) {
      slow.idle(20);
      await().atMost(Duration.ofSeconds(10)).until(() -> listener.openConnections() == 20);
      String refused = slow.requestUntilClosed("/health");
      assertThat(refused).startsWith("HTTP/1.1 503").contains("Retry-After: 1", "\"error\"");

      await().atMost(Duration.ofSeconds(20)).until(() -> slow.closedByServer() == 20);
      assertThat(slow.requestUntilClosed("/health"))
          .startsWith("HTTP/1.1 200")
          .endsWith("pong /health");
    }
  }
}
