package dev.ngsign.ngs.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import dev.ngsign.http.HttpLimits;
import dev.ngsign.http.HttpListener;
import dev.ngsign.http.ListenerErrors;
import dev.ngsign.http.Reply;
import dev.ngsign.ngs.protocol.packet.Event;
import dev.ngsign.ngs.protocol.packet.EventType;
import dev.ngsign.ngs.protocol.packet.NgsPacket;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import dev.ngsign.ngs.protocol.packet.SessionMode;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import dev.ngsign.testing.Chromium;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway simulator's page (issue 18.4) in headless Chromium (Debian's, via test-fixtures'
 * {@link Chromium}) against a started gateway and real NGS sessions on loopback: what it shows, TPS
 * changed live, kick and unlock end to end, bad input answered 400, and cross-site requests
 * refused. {@code shows_...} saves {@code target/gateway-page.png}, the picture in docs/gateway.md
 * (copied to {@code docs/gateway-page.png} by hand when the page changes).
 */
class OperatorPageIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([^\"]+)\"");

  private static Chromium chromium;
  private final HttpClient http = HttpClient.newHttpClient();
  private NgsGateway gw;
  private GatewayPorts ports;
  private String base;

  @BeforeAll
  static void browser() {
    chromium = Chromium.launch();
  }

  @AfterAll
  static void closeBrowser() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @BeforeEach
  void start() {
    gw =
        NgsGateway.builder()
            .certInterval(Duration.ZERO)
            .adminPort(0)
            .lock(3, Duration.ofMinutes(1), Duration.ofMinutes(5))
            .account(
                Account.builder("testid", "secret").tps(80, 30, 30).monthlyQuota(10_000).build())
            .account(Account.builder("other", "secret").build())
            .build();
    ports = gw.start();
    base = "http://127.0.0.1:" + ports.adminPort();
  }

  @AfterEach
  void stop() {
    gw.close();
  }

  @Test
  void shows_bound_sessions_accounts_counters_and_the_test_numbers() throws Exception {
    try (RawNgsClient dlv =
            RawNgsClient.login(
                ports, "testid", "secret", SessionMode.ENCRYPTED, SessionKind.DELIVER);
        RawNgsClient rep =
            RawNgsClient.login(ports, "testid", "secret", SessionMode.PLAIN, SessionKind.REPORT)) {
      dlv.deliverOk(Messages.sms("P1", TestNumbers.DELIVERED_SK));
      dlv.deliverOk(Messages.sms("P2", TestNumbers.UNKNOWN_SUBSCRIBER));
      dlv.deliverOk(Messages.sms("P3", "01012345678"));
      lock("other");
      try (Page page = chromium.newPage()) {
        Response r = page.navigate(base + "/");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headerValue("content-type")).isEqualTo("text/html; charset=utf-8");
        assertThat(r.headerValue("content-security-policy")).contains("default-src 'none'");
        String dlvRow = "#sessions tr[data-account='testid'][data-kind='DLV']";
        assertThat(page.textContent(dlvRow))
            .contains("testid", "DLV", "암호화 (encrypted)", "127.0.0.1:" + dlv.localPort());
        assertThat(page.textContent("#sessions tr[data-account='testid'][data-kind='REP']"))
            .contains("127.0.0.1:" + rep.localPort(), "평문 (plain)");
        String account = "#accounts tr[data-account='testid']";
        assertThat(page.inputValue(account + " input[name='sms']")).isEqualTo("80");
        assertThat(page.textContent(account + " .quota")).contains("3 / 10000");
        assertThat(page.textContent(account + " .pending"))
            .isEqualTo(Long.toString(gw.pendingReports("testid")));
        assertThat(page.textContent(account + " .lock")).contains("정상 (open)");
        assertThat(page.textContent("#accounts tr[data-account='other'] .lock"))
            .contains("잠김 (locked)");
        assertThat(page.textContent("#counters tr[data-code='E_OK'] .count")).isEqualTo("3");
        assertThat(page.textContent("#test-numbers tr[data-number='01000000001']"))
            .contains("4001", "E_UNKNOWN_SUBSCRIBER", "없는 가입자");
        assertThat(page.textContent("#test-numbers tr[data-number='01000000004']")).contains("SS");
        page.setViewportSize(1280, 900);
        page.screenshot(
            new Page.ScreenshotOptions()
                .setPath(Paths.get("target/gateway-page.png"))
                .setFullPage(true));
      }
    }
  }

  @Test
  void changing_tps_after_confirmation_reaches_the_config_the_api_and_the_session()
      throws Exception {
    try (RawNgsClient dlv =
            RawNgsClient.login(ports, "testid", "secret", SessionMode.PLAIN, SessionKind.DELIVER);
        Page page = chromium.newPage()) {
      page.navigate(base + "/");
      String account = "#accounts tr[data-account='testid']";
      page.fill(account + " input[name='sms']", "10");
      page.fill(account + " input[name='mms']", "5");
      page.fill(account + " input[name='kko']", "1");
      page.click(account + " button[data-action='tps']");
      assertThat(page.textContent("#confirm-what")).contains("SMS 80 → 10", "30 → 5", "30 → 1");
      assertThat(gw.account("testid").tps()).isEqualTo(new TpsLimits(80, 30, 30)); // not yet
      page.click("#confirm");
      assertThat(page.textContent("#notice")).contains("TPS of testid set to 10,5,1");
      assertThat(page.inputValue(account + " input[name='sms']")).isEqualTo("10");

      assertThat(gw.account("testid").tps()).isEqualTo(new TpsLimits(10, 5, 1));
      JsonNode tps = accountJson("testid").get("tps");
      assertThat(List.of(tps.get("sms").asInt(), tps.get("mms").asInt(), tps.get("kko").asInt()))
          .containsExactly(10, 5, 1);
      Event e = (Event) dlv.read();
      assertThat(e.eventType()).isEqualTo(EventType.TPS_CHANGE);
      assertThat(e.data()).isEqualTo("10,5,1");
    }
  }

  @Test
  void bad_tps_input_gets_400_naming_the_field_and_value_and_changes_nothing() throws Exception {
    try (Page page = chromium.newPage()) {
      page.navigate(base + "/");
      String account = "#accounts tr[data-account='testid']";
      page.fill(account + " input[name='sms']", "abc");
      Response r =
          page.waitForResponse(
              res -> res.url().endsWith("/ui/tps"),
              () -> page.click(account + " button[data-action='tps']"));
      assertThat(r.status()).isEqualTo(400);
      assertThat(page.textContent("#error"))
          .contains("TPS 'sms' must be a whole number from 0 to 99999, not 'abc'");
    }
    String token = token();
    for (String bad : List.of("-1", "100000", "99999999999999999999", "1.5", "", " 7e3")) {
      HttpResponse<String> r =
          post("/ui/tps", Map.of("account", "testid", "sms", bad, "mms", "1", "kko", "1"), token);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(r.body()).as(bad).contains("TPS &#39;sms&#39; must be a whole number");
    }
    HttpResponse<String> unknown =
        post("/ui/tps", Map.of("account", "nobody", "sms", "1", "mms", "1", "kko", "1"), token);
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("no account &#39;nobody&#39;");
    HttpResponse<String> kind =
        post("/ui/kick", Map.of("account", "testid", "kind", "XYZ", "confirm", "yes"), token);
    assertThat(kind.statusCode()).isEqualTo(400);
    assertThat(gw.account("testid").tps()).isEqualTo(new TpsLimits(80, 30, 30));
  }

  @Test
  void kick_ends_the_client_session_after_confirmation() {
    try (RawNgsClient dlv =
            RawNgsClient.login(ports, "testid", "secret", SessionMode.PLAIN, SessionKind.DELIVER);
        Page page = chromium.newPage()) {
      page.navigate(base + "/");
      page.click("#sessions tr[data-account='testid'][data-kind='DLV'] button[data-action='kick']");
      assertThat(page.textContent("#confirm-what")).contains("DLV 127.0.0.1:" + dlv.localPort());
      assertThat(gw.isBound("testid", SessionKind.DELIVER)).isTrue(); // not yet
      page.click("#confirm");
      assertThat(page.textContent("#notice")).contains("kicked 1 session(s) of testid");
      List<NgsPacket> got = dlv.readUntilClosed();
      assertThat(((Event) got.get(0)).data()).isEqualTo("1015 kicked by operator (admin page)");
      assertThat(gw.isBound("testid", SessionKind.DELIVER)).isFalse();
      page.navigate(base + "/");
      assertThat(page.locator("#no-sessions").count()).isEqualTo(1);
    }
  }

  @Test
  void unlock_after_confirmation_lets_the_locked_client_log_in_again() {
    lock("other");
    assertThat(RawNgsClient.cert(ports.certPort(), "other", "secret", 12).isOk()).isFalse();
    try (Page page = chromium.newPage()) {
      page.navigate(base + "/");
      page.click("#accounts tr[data-account='other'] button[data-action='unlock']");
      assertThat(page.textContent("#confirm-what")).contains("other", "잠김 (locked) until");
      page.click("#confirm");
      assertThat(page.textContent("#notice")).contains("unlocked other");
      assertThat(gw.isLocked("other")).isFalse();
      try (RawNgsClient dlv =
          RawNgsClient.login(ports, "other", "secret", SessionMode.PLAIN, SessionKind.DELIVER)) {
        page.navigate(base + "/");
        assertThat(page.textContent("#accounts tr[data-account='other'] .lock"))
            .contains("정상 (open)");
        assertThat(page.textContent("#sessions tr[data-account='other'][data-kind='DLV']"))
            .contains("127.0.0.1:" + dlv.localPort());
      }
    }
  }

  /**
   * A page on another origin (localhost:other-port, as any web site the operator has open) posts
   * the page's form and the JSON API: both refused, the account stays locked.
   */
  @Test
  void cross_site_posts_from_another_origin_are_refused() {
    lock("other");
    String evil =
        "<!doctype html><html><body><form id=\"f\" method=\"post\" action=\""
            + base
            + "/ui/unlock\"><input name=\"account\" value=\"other\">"
            + "<input name=\"confirm\" value=\"yes\"><button id=\"go\">go</button></form>"
            + "</body></html>";
    try (HttpListener site =
            new HttpListener(
                "evil-site",
                "127.0.0.1",
                0,
                HttpLimits.DEFAULTS.withWorkers(1),
                ListenerErrors.PLAIN,
                req ->
                    Reply.of(
                        200, "text/html; charset=utf-8", evil.getBytes(StandardCharsets.UTF_8)));
        Page page = chromium.newPage()) {
      page.navigate("http://localhost:" + site.port() + "/");
      Object status =
          page.evaluate(
              "url => fetch(url, {method: 'POST', mode: 'no-cors', body: '{}'})"
                  + ".then(r => r.type)",
              base + "/accounts/other/unlock");
      assertThat(status).isEqualTo("opaque");
      assertThat(gw.isLocked("other")).isTrue();
      Response r =
          page.waitForResponse(res -> res.url().endsWith("/ui/unlock"), () -> page.click("#go"));
      assertThat(r.status()).isEqualTo(403);
      assertThat(page.textContent("#error")).contains("cross-site request refused");
      assertThat(gw.isLocked("other")).isTrue();
    }
  }

  /** The same rules checked one at a time, without a browser (scripts send no Origin). */
  @Test
  void origin_host_and_token_rules_each_refuse_on_their_own() throws Exception {
    lock("other");
    String token = token();
    Map<String, String> unlock = Map.of("account", "other", "confirm", "yes");
    assertThat(postWith("/ui/unlock", unlock, token, "Origin", "http://evil.example").statusCode())
        .isEqualTo(403);
    assertThat(postWith("/ui/unlock", unlock, token, "Sec-Fetch-Site", "cross-site").statusCode())
        .isEqualTo(403);
    assertThat(postWith("/ui/unlock", unlock, token, "Sec-Fetch-Site", "same-site").statusCode())
        .isEqualTo(403);
    assertThat(post("/ui/unlock", unlock, "").statusCode()).isEqualTo(403);
    char c = token.charAt(5); // in the nonce: the signature no longer matches
    String altered = token.substring(0, 5) + (c == 'A' ? 'B' : 'A') + token.substring(6);
    assertThat(post("/ui/unlock", unlock, altered).statusCode()).isEqualTo(403);
    HttpResponse<String> json =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/accounts/other/unlock"))
                .header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(json.statusCode()).isEqualTo(403);
    assertThat(json.body()).contains("cross-site request refused");
    assertThat(rawGet("/accounts", "evil.example:" + ports.adminPort()))
        .startsWith("HTTP/1.1 403")
        .contains("addressed to 127.0.0.1, localhost or [::1]");
    assertThat(rawGet("/", "rebound.example")).startsWith("HTTP/1.1 403");
    assertThat(gw.isLocked("other")).isTrue();

    // the same origin with the page's token: first a confirmation, then the action
    HttpResponse<String> confirm =
        postWith("/ui/unlock", Map.of("account", "other"), token, "Origin", base);
    assertThat(confirm.statusCode()).isEqualTo(200);
    assertThat(confirm.body()).contains("id=\"confirm\"");
    assertThat(gw.isLocked("other")).isTrue();
    HttpResponse<String> done = postWith("/ui/unlock", unlock, token, "Origin", base);
    assertThat(done.statusCode()).isEqualTo(303);
    assertThat(gw.isLocked("other")).isFalse();
    assertThat(rawGet("/health", "localhost:" + ports.adminPort())).startsWith("HTTP/1.1 200");
  }

  private void lock(String id) {
    for (int i = 0; i < 10 && !gw.isLocked(id); i++) {
      RawNgsClient.cert(ports.certPort(), id, "secret", 12);
    }
    assertThat(gw.isLocked(id)).isTrue();
  }

  private JsonNode accountJson(String id) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/accounts")).build(),
            HttpResponse.BodyHandlers.ofString());
    for (JsonNode a : JSON.readTree(r.body())) {
      if (a.get("id").asText().equals(id)) {
        return a;
      }
    }
    throw new AssertionError("no account " + id);
  }

  private String token() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/")).build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher m = TOKEN.matcher(r.body());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private HttpResponse<String> post(String path, Map<String, String> form, String token)
      throws Exception {
    return postWith(path, form, token, null, null);
  }

  private HttpResponse<String> postWith(
      String path, Map<String, String> form, String token, String header, String value)
      throws Exception {
    StringBuilder body =
        new StringBuilder("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    form.forEach(
        (k, v) ->
            body.append('&')
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (header != null) {
      b.header(header, value);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A GET with a Host header of our choosing (HttpClient will not set one). */
  private String rawGet(String path, String host) throws IOException {
    try (Socket s = new Socket("127.0.0.1", ports.adminPort())) {
      s.setSoTimeout(5_000);
      s.getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
