package dev.ngsign.ngs.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ngsign.ngs.agent.demo.SampleMessages;
import dev.ngsign.ngs.agent.internal.schema.Dialect;
import dev.ngsign.testing.MutableClock;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** /metrics (Prometheus) and /health of a running agent. */
class HttpEndpointIT {
  @Test
  void metricsAndHealth() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (TestDb db = TestDb.create(Dialect.H2)) {
      AgentConfig cfg =
          AgentConfig.defaults()
              .withNodeId("n1")
              .withDatabase(db.config("H_"))
              .withAccounts(
                  List.of(
                      new AgentConfig.Account(
                          "shop", "127.0.0.1", 1, "acc", "pw", null, false, null, null, 0)))
              .withPolling(new AgentConfig.Polling(Duration.ofMillis(20), null, null, null, null))
              .withLease(new AgentConfig.Lease(Duration.ofSeconds(3), Duration.ofMillis(100)))
              .withExpiry(new AgentConfig.Expiry(Duration.ZERO, null))
              .withHttp(new AgentConfig.Http(port, "127.0.0.1"));
      MutableClock clock = MutableClock.atSeoul(LocalDateTime.of(2026, 11, 24, 12, 0));
      try (Agent agent =
          Agent.builder(cfg)
              .dataSource(db.ds, db.url)
              .gateway(new FakeGateway())
              .clock(clock)
              .build()
              .start()) {
        new SendTable(db.ds, "H_").insert(SampleMessages.sms("01020009001", "metrics").columns());
        await()
            .atMost(10, TimeUnit.SECONDS)
            .until(() -> db.count("SELECT COUNT(*) FROM H_MSG WHERE STATUS = 'DONE'") == 1);
        HttpClient http = HttpClient.newHttpClient();
        await()
            .atMost(10, TimeUnit.SECONDS)
            .untilAsserted(
                () -> {
                  HttpResponse<String> m =
                      http.send(
                          HttpRequest.newBuilder(
                                  URI.create("http://127.0.0.1:" + port + "/metrics"))
                              .build(),
                          HttpResponse.BodyHandlers.ofString());
                  assertThat(m.statusCode()).isEqualTo(200);
                  assertThat(m.body())
                      .contains("ngs_agent_sent_total{account=\"shop\",ngs_id=\"acc\"} 1.0")
                      .contains(
                          "ngs_agent_ack_total{account=\"shop\",code=\"0\",ngs_id=\"acc\"} 1.0")
                      .contains("ngs_agent_lease_held{account=\"shop\",ngs_id=\"acc\"} 1.0")
                      .contains(
                          "ngs_agent_reports_total{account=\"shop\",ngs_id=\"acc\",result=\"0\"} 1.0")
                      .contains("ngs_agent_queue_depth{status=\"READY\"}")
                      .contains("ngs_agent_report_latency_seconds_count 1");
                });
        HttpResponse<String> h =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(h.statusCode()).isEqualTo(200);
        assertThat(h.body()).contains("\"database\":\"up\"").contains("\"shop\":\"held\"");
        assertThat(agent.httpPort()).isEqualTo(port);
      }
    }
  }
}
