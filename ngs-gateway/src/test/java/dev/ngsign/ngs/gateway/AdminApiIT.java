package dev.ngsign.ngs.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ngsign.ngs.protocol.packet.Event;
import dev.ngsign.ngs.protocol.packet.EventType;
import dev.ngsign.ngs.protocol.packet.NgsPacket;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import dev.ngsign.ngs.protocol.packet.SessionMode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator's HTTP/JSON admin API (issue point 6). */
class AdminApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private NgsGateway gw;
  private GatewayPorts ports;

  @BeforeEach
  void start() {
    gw =
        NgsGateway.builder()
            .certInterval(Duration.ZERO)
            .adminPort(0)
            .lock(1, Duration.ofMinutes(1), Duration.ofMinutes(5))
            .account(Account.builder("testid", "secret").tps(80, 30, 30).build())
            .account(Account.builder("other", "secret").build())
            .build();
    ports = gw.start();
  }

  @AfterEach
  void stop() {
    gw.close();
  }

  private HttpResponse<String> call(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.adminPort() + path))
            .timeout(Duration.ofSeconds(5));
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode json(String method, String path, String body) throws Exception {
    HttpResponse<String> r = call(method, path, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  @Test
  void listsSessionsAccountsAndCounters() throws Exception {
    assertThat(ports.adminPort()).isPositive();
    try (RawNgsClient dlv =
        RawNgsClient.login(ports, "testid", "secret", SessionMode.ENCRYPTED, SessionKind.DELIVER)) {
      dlv.send(Messages.sms("A1"));
      dlv.read();
      JsonNode sessions = json("GET", "/sessions", null);
      assertThat(sessions).hasSize(1);
      assertThat(sessions.get(0).get("account").asText()).isEqualTo("testid");
      assertThat(sessions.get(0).get("kind").asText()).isEqualTo("DLV");
      assertThat(sessions.get(0).get("mode").asText()).isEqualTo("P");
      JsonNode accounts = json("GET", "/accounts", null);
      JsonNode testid = null;
      for (JsonNode a : accounts) {
        if (a.get("id").asText().equals("testid")) {
          testid = a;
        }
      }
      assertThat(testid).isNotNull();
      assertThat(testid.get("accepted").asLong()).isEqualTo(1);
      assertThat(testid.get("pendingReports").asLong()).isEqualTo(1);
      assertThat(testid.get("tps").get("sms").asInt()).isEqualTo(80);
      assertThat(testid.toString()).doesNotContain("secret");
      JsonNode counters = json("GET", "/counters", null);
      assertThat(counters.get("delivers").get("E_OK").asLong()).isEqualTo(1);
      assertThat(json("GET", "/health", null).get("status").asText()).isEqualTo("ok");
    }
  }

  /**
   * The JSON each GET route answers keeps its keys, in order, and their types: operators' scripts
   * read them.
   */
  @Test
  void viewsKeepTheirShape() throws Exception {
    try (RawNgsClient dlv =
        RawNgsClient.login(ports, "testid", "secret", SessionMode.PLAIN, SessionKind.DELIVER)) {
      dlv.send(Messages.sms("S1"));
      dlv.read();
      JsonNode session = json("GET", "/sessions", null).get(0);
      assertThat(fieldNames(session))
          .containsExactly(
              "account", "kind", "mode", "remoteAddress", "boundAt", "packetsIn", "packetsOut");
      assertThat(java.time.Instant.parse(session.get("boundAt").asText())).isNotNull();
      assertThat(session.get("remoteAddress").asText()).contains("127.0.0.1:");
      assertThat(session.get("packetsIn").asLong()).isPositive();
      JsonNode account = accountById("testid");
      assertThat(fieldNames(account))
          .containsExactly(
              "id",
              "tps",
              "monthlyQuota",
              "quotaUsed",
              "allowedAddresses",
              "encryptionAllowed",
              "encryptionRequired",
              "locked",
              "lockedUntil",
              "accepted",
              "refused",
              "duplicates",
              "pendingReports",
              "sessions");
      assertThat(fieldNames(account.get("tps"))).containsExactlyInAnyOrder("sms", "mms", "kko");
      assertThat(account.get("id").asText()).isEqualTo("testid");
      assertThat(account.get("locked").asBoolean()).isFalse();
      assertThat(account.get("lockedUntil").isNull()).isTrue();
      assertThat(account.get("quotaUsed").asLong()).isEqualTo(1);
      assertThat(account.get("sessions")).hasSize(1);
      assertThat(account.get("sessions").get(0).asText()).isEqualTo("DLV");
      assertThat(account.get("allowedAddresses").isArray()).isTrue();
      JsonNode counters = json("GET", "/counters", null);
      assertThat(fieldNames(counters))
          .containsExactly(
              "delivers",
              "duplicates",
              "reportsSent",
              "reportsAcked",
              "pendingReports",
              "sessions",
              "heapUsedBytes",
              "heapMaxBytes",
              "heapAfterLastGcBytes");
      assertThat(counters.get("sessions").asInt()).isEqualTo(1);
      assertThat(counters.get("pendingReports").asLong()).isEqualTo(1);
      assertThat(counters.get("heapMaxBytes").asLong()).isPositive();
    }
    // a locked account shows when the lock ends: lock(1, ...) locks on the second CERT within the
    // window
    RawNgsClient.cert(ports.certPort(), "other", "secret", 12);
    RawNgsClient.cert(ports.certPort(), "other", "secret", 12);
    JsonNode other = accountById("other");
    assertThat(other.get("locked").asBoolean()).isTrue();
    assertThat(java.time.Instant.parse(other.get("lockedUntil").asText()))
        .isAfter(java.time.Instant.now());
  }

  private JsonNode accountById(String id) throws Exception {
    for (JsonNode a : json("GET", "/accounts", null)) {
      if (a.get("id").asText().equals(id)) {
        return a;
      }
    }
    throw new AssertionError("no account " + id);
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> out = new java.util.ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void changesTpsLiveWithEventType1() throws Exception {
    try (RawNgsClient dlv =
        RawNgsClient.login(ports, "testid", "secret", SessionMode.PLAIN, SessionKind.DELIVER)) {
      JsonNode r = json("POST", "/accounts/testid/tps", "{\"sms\":10,\"mms\":5,\"kko\":1}");
      assertThat(r.get("sessionsNotified").asInt()).isEqualTo(1);
      Event e = (Event) dlv.read();
      assertThat(e.eventType()).isEqualTo(EventType.TPS_CHANGE);
      assertThat(e.data()).isEqualTo("10,5,1");
    }
    assertThat(
            call("POST", "/accounts/testid/tps", "{\"sms\":100000,\"mms\":5,\"kko\":1}")
                .statusCode())
        .isEqualTo(400);
    assertThat(call("POST", "/accounts/testid/tps", "not json").statusCode()).isEqualTo(400);
    assertThat(call("POST", "/accounts/nobody/tps", "{\"sms\":1,\"mms\":1,\"kko\":1}").statusCode())
        .isEqualTo(404);
  }

  @Test
  void kicksASessionWithAReason() throws Exception {
    try (RawNgsClient dlv =
        RawNgsClient.login(ports, "testid", "secret", SessionMode.PLAIN, SessionKind.DELIVER)) {
      JsonNode r =
          json(
              "POST",
              "/accounts/testid/kick",
              "{\"kind\":\"DLV\",\"reason\":\"planned maintenance\"}");
      assertThat(r.get("kicked").asInt()).isEqualTo(1);
      List<NgsPacket> got = dlv.readUntilClosed();
      assertThat(((Event) got.get(0)).data()).isEqualTo("1015 planned maintenance");
    }
  }

  @Test
  void unlocksAnAccount() throws Exception {
    RawNgsClient.cert(ports.certPort(), "other", "secret", 12);
    RawNgsClient.cert(ports.certPort(), "other", "secret", 12);
    assertThat(gw.isLocked("other")).isTrue();
    assertThat(json("POST", "/accounts/other/unlock", null).get("wasLocked").asBoolean()).isTrue();
    assertThat(gw.isLocked("other")).isFalse();
    assertThat(RawNgsClient.cert(ports.certPort(), "other", "secret", 12).isOk()).isTrue();
  }

  @Test
  void exposesPrometheusMetrics() throws Exception {
    try (RawNgsClient dlv =
        RawNgsClient.login(ports, "testid", "secret", SessionMode.PLAIN, SessionKind.DELIVER)) {
      dlv.send(Messages.sms("M1"));
      dlv.read();
    }
    HttpResponse<String> r = call("GET", "/metrics", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    assertThat(r.body())
        .contains("ngs_deliver_total{result=\"E_OK\"} 1.0")
        .contains("ngs_reports_pending")
        .contains("ngs_store_log_bytes")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void unknownRoutesAndMethodsAreRefused() throws Exception {
    assertThat(call("GET", "/nope", null).statusCode()).isEqualTo(404);
    assertThat(call("DELETE", "/sessions", null).statusCode()).isEqualTo(405);
    assertThat(call("GET", "/accounts/testid/kick", null).statusCode()).isEqualTo(405);
  }
}
