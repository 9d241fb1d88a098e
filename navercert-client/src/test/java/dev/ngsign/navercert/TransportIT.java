package dev.ngsign.navercert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's transport against a scripted stub server (real HTTP on 127.0.0.1): one token fetch
 * under concurrency, retries only for the idempotent status call, gzip replies, token refresh on
 * TOKEN_EXPIRED, and the headers a POST carries.
 */
class TransportIT {
  private static final String SECRET = "SwWxqU+0TErBXy/9TVjIPEnI0VTUMMSQZtJf3Ed8q3I=";
  private static final String CC = "023090000021";
  private static final String RID = "02309050230600000880000000000007";
  private static final String STATUS_JSON =
      "{\"receiptID\":\""
          + RID
          + "\",\"clientCode\":\""
          + CC
          + "\",\"state\":0,\"expireIn\":300,"
          + "\"tokenTypes\":[\"TEXT\"],\"expireDT\":\"20260101093000\",\"appUseYN\":false}";

  private HttpServer server;
  private final AtomicInteger tokenCalls = new AtomicInteger();
  private final AtomicInteger statusCalls = new AtomicInteger();
  private final AtomicInteger verifyCalls = new AtomicInteger();
  private final Queue<Integer> statusScript = new ConcurrentLinkedQueue<>();
  private final Queue<HttpExchangeRecord> seen = new ConcurrentLinkedQueue<>();
  private volatile CountDownLatch tokenGate = new CountDownLatch(0);
  private final CountDownLatch slowGate = new CountDownLatch(1);
  private static final String SLOW_RID = "99999999999999999999999999999999";
  private NavercertClient client;

  record HttpExchangeRecord(
      String method, String path, java.util.Map<String, List<String>> headers) {}

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/", this::handle);
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    client =
        NavercertClient.builder()
            .linkId("TESTER")
            .secretKey(SECRET)
            .serviceUrl(url)
            .authUrl(url)
            .retryBackoff(Duration.ofMillis(1))
            .build();
  }

  @AfterEach
  void stop() {
    slowGate.countDown();
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      ex.getRequestBody().readAllBytes();
      String path = ex.getRequestURI().getPath();
      seen.add(new HttpExchangeRecord(ex.getRequestMethod(), path, ex.getRequestHeaders()));
      if (path.equals("/Time")) {
        reply(ex, 200, "2026-01-02T03:04:05Z", false);
      } else if (path.equals("/BAROCERT/Token")) {
        tokenCalls.incrementAndGet();
        tokenGate.await(10, TimeUnit.SECONDS);
        String exp =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now().plus(Duration.ofHours(1)));
        reply(
            ex,
            200,
            "{\"session_token\":\"tok" + tokenCalls.get() + "\",\"expiration\":\"" + exp + "\"}",
            false);
      } else if (path.endsWith("/" + SLOW_RID)) {
        slowGate.await(10, TimeUnit.SECONDS); // holds the reply until the test releases it
        reply(ex, 200, STATUS_JSON, false);
      } else if (ex.getRequestMethod().equals("GET")) {
        statusCalls.incrementAndGet();
        Integer scripted = statusScript.poll();
        int code = scripted == null ? 200 : scripted;
        if (code == 401) {
          reply(ex, 401, "{\"code\":-10000104,\"message\":\"expired\"}", false);
        } else {
          reply(ex, code, code == 200 ? STATUS_JSON : "busy", true);
        }
      } else {
        verifyCalls.incrementAndGet();
        reply(ex, 503, "busy", false);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void reply(HttpExchange ex, int status, String body, boolean gzip)
      throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    if (gzip) {
      ByteArrayOutputStream bos = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
        gz.write(b);
      }
      b = bos.toByteArray();
      ex.getResponseHeaders().set("Content-Encoding", "gzip");
    }
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
  }

  @Test
  void concurrent_calls_fetch_one_token_and_read_gzip_replies() throws Exception {
    tokenGate = new CountDownLatch(1);
    List<CompletableFuture<RequestStatus>> calls = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      calls.add(client.getMultiSignStatus(CC, RID).future());
    }
    tokenGate.countDown();
    for (CompletableFuture<RequestStatus> c : calls) {
      RequestStatus s = c.get(20, TimeUnit.SECONDS);
      assertThat(s.state()).isEqualTo(SignState.WAITING);
      assertThat(s.expireDT()).isEqualTo(Instant.parse("2026-01-01T00:30:00Z")); // KST 09:30
    }
    assertThat(tokenCalls).hasValue(1);
    HttpExchangeRecord get =
        seen.stream().filter(r -> r.method().equals("GET")).findFirst().orElseThrow();
    assertThat(get.headers().get("Authorization")).containsExactly("Bearer tok1");
    assertThat(get.headers().get("X-bc-version")).containsExactly("2.1");
    assertThat(get.headers().get("Accept-encoding")).containsExactly("gzip");
  }

  @Test
  void status_is_retried_after_503_but_verify_is_not() {
    statusScript.add(503);
    statusScript.add(502);
    assertThat(client.getMultiSignStatus(CC, RID).execute().state()).isEqualTo(SignState.WAITING);
    assertThat(statusCalls).hasValue(3);

    assertThatThrownBy(() -> client.verifyMultiSign(CC, RID).execute())
        .isInstanceOf(BarocertTransportException.class);
    assertThat(verifyCalls).hasValue(1);
    HttpExchangeRecord post =
        seen.stream()
            .filter(r -> r.method().equals("POST") && r.path().startsWith("/NAVER"))
            .findFirst()
            .orElseThrow();
    assertThat(post.headers())
        .containsKeys("X-bc-auth", "X-bc-date", "X-bc-encryptionmode", "X-bc-version");
    assertThat(post.headers().get("X-bc-encryptionmode")).containsExactly("GCM");
    HttpExchangeRecord token =
        seen.stream().filter(r -> r.path().equals("/BAROCERT/Token")).findFirst().orElseThrow();
    assertThat(token.headers().get("Authorization").get(0)).startsWith("LINKHUB TESTER ");
    assertThat(token.headers().get("X-lh-version")).containsExactly("2.0");
  }

  @Test
  void requests_go_through_the_configured_http_proxy() {
    // The stub plays an HTTP proxy: the service host does not resolve, so only the proxy can
    // answer.
    NavercertClient proxied =
        NavercertClient.builder()
            .linkId("TESTER")
            .secretKey(SECRET)
            .serviceUrl("http://navercert.invalid")
            .authUrl("http://auth.navercert.invalid")
            .proxy("127.0.0.1", server.getAddress().getPort())
            .build();
    assertThat(proxied.getMultiSignStatus(CC, RID).execute().state()).isEqualTo(SignState.WAITING);
    assertThat(seen)
        .anySatisfy(
            r -> assertThat(r.headers().get("Host")).containsExactly("auth.navercert.invalid"));
    assertThat(seen)
        .anySatisfy(r -> assertThat(r.headers().get("Host")).containsExactly("navercert.invalid"));
  }

  @Test
  void server_time_mode_signs_the_token_request_with_the_auth_services_time() {
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    NavercertClient c =
        NavercertClient.builder()
            .linkId("TESTER")
            .secretKey(SECRET)
            .serviceUrl(url)
            .authUrl(url)
            .useServerTime(true)
            .forwardedIp("*")
            .build();
    c.getMultiSignStatus(CC, RID).execute();
    HttpExchangeRecord token =
        seen.stream().filter(r -> r.path().equals("/BAROCERT/Token")).findFirst().orElseThrow();
    assertThat(token.headers().get("X-lh-date")).containsExactly("2026-01-02T03:04:05Z");
    assertThat(token.headers().get("X-lh-forwarded")).containsExactly("*");
  }

  @Test
  void a_reply_slower_than_the_request_timeout_is_a_transport_failure() {
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    NavercertClient impatient =
        NavercertClient.builder()
            .linkId("TESTER")
            .secretKey(SECRET)
            .serviceUrl(url)
            .authUrl(url)
            .requestTimeout(Duration.ofMillis(300))
            .maxRetries(0)
            .build();
    assertThatThrownBy(() -> impatient.verifyMultiSign(CC, SLOW_RID).execute())
        .isInstanceOf(BarocertTransportException.class)
        .hasMessageContaining("no reply from")
        .hasMessageContaining("300 ms");
  }

  @Test
  void token_expired_reply_refreshes_the_token_once_and_repeats_the_call() {
    client.getMultiSignStatus(CC, RID).execute();
    statusScript.add(401);
    assertThat(client.getMultiSignStatus(CC, RID).execute().state()).isEqualTo(SignState.WAITING);
    assertThat(tokenCalls).hasValue(2);
  }
}
