package dev.ngsign.ngs.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ngsign.http.HttpLimits;
import dev.ngsign.ngs.agent.internal.schema.Dialect;
import dev.ngsign.testing.SlowClients;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The agent's HTTP port under slow and idle clients (issue 18; the JDK server it replaced had one
 * thread, so one idle connection stopped /health): 60 clients hold connections — idle, trickling a
 * header, trickling a body — more than the port's 4 workers, while /health and /metrics keep
 * answering; then the slow ones are dropped at their deadline. Bounded in count and time; loopback
 * only. (The misbehaving clients are test-fixtures' SlowClients.)
 */
class HttpSlowClientsIT {
  private SlowClients slow;
  private TestDb db;
  private Agent agent;

  @AfterEach
  void stop() {
    if (slow != null) {
      slow.close();
    }
    if (agent != null) {
      agent.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  void health_and_metrics_answer_while_60_slow_or_idle_clients_hold_connections() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    db = TestDb.create(Dialect.H2);
    AgentConfig cfg =
        AgentConfig.defaults()
            .withNodeId("slow")
            .withDatabase(db.config("W_"))
            .withHttp(new AgentConfig.Http(port, "127.0.0.1"))
            .withConsole(AgentConfig.Console.withPasswordHash(ConsoleClient.HASH));
    Duration deadline = Duration.ofSeconds(2);
    agent =
        Agent.builder(cfg)
            .dataSource(db.ds, db.url)
            .gateway(new FakeGateway())
            .clock(Clock.systemUTC())
            .migrate(true)
            .httpLimits(new HttpLimits(deadline, deadline, 128, 64 * 1024, 4, 64))
            .build()
            .start();

    // idle, a header trickled a byte every 100 ms, a body to the console's login trickled likewise
    slow = new SlowClients(port).idle(20).slowHead(20, "/health").slowBody(20, "/login");
    await().atMost(Duration.ofSeconds(10)).until(() -> agent.httpConnections() >= 60);

    // meanwhile: 40 complete requests from 4 callers (more than the 4 workers), alternating
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String path = i % 2 == 0 ? "/health" : "/metrics";
        calls.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                        HttpResponse.BodyHandlers.ofString());
                  } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                },
                callers));
      }
      for (CompletableFuture<HttpResponse<String>> c : calls) {
        HttpResponse<String> r = c.get(60, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        if (r.uri().getPath().equals("/health")) {
          assertThat(r.body()).contains("\"node\":\"slow\"", "\"database\":\"up\"");
        } else {
          assertThat(r.body()).contains("ngs_agent_queue_depth");
        }
      }
    } finally {
      callers.shutdownNow();
    }

    // and the slow ones are dropped at their deadline, trickling or not
    await().atMost(Duration.ofSeconds(20)).until(() -> slow.closedByServer() == 60);
    await().atMost(Duration.ofSeconds(10)).until(() -> agent.httpConnections() == 0);
  }
}
