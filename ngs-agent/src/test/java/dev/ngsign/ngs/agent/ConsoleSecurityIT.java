package dev.ngsign.ngs.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ngsign.ngs.agent.demo.SampleMessages;
import dev.ngsign.ngs.agent.internal.schema.Dialect;
import dev.ngsign.testing.MutableClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's security rules over real HTTP against a running agent (issue 18.3): nothing but the
 * login page and the assets without a session; wrong passwords refused and rate-limited; the
 * cookie's attributes; cross-site and token-less POSTs refused with the row untouched; recipients
 * masked; no secret in a page; an enabled console without a password hash refuses to start.
 */
class ConsoleSecurityIT {
  private static final String RECIPIENT = "01098765432";

  private TestDb db;
  private Agent agent;
  private MutableClock clock;
  private ConsoleClient browser;

  @BeforeEach
  void start() {
    db = TestDb.create(Dialect.H2);
    clock = MutableClock.atSeoul(LocalDateTime.of(2026, 11, 24, 12, 0));
    agent = start(AgentConfig.Console.withPasswordHash(ConsoleClient.HASH));
    browser = new ConsoleClient(agent.consolePort());
  }

  private Agent start(AgentConfig.Console console) {
    AgentConfig cfg =
        AgentConfig.defaults()
            .withNodeId("n1")
            .withDatabase(db.config("S_"))
            .withAccounts(
                List.of(
                    new AgentConfig.Account(
                        "shop", "127.0.0.1", 1, "acc", "pw", null, false, null, null, 0)))
            .withLease(new AgentConfig.Lease(Duration.ofSeconds(3), Duration.ofMillis(100)))
            .withHttp(new AgentConfig.Http(0, null))
            .withConsole(console.onPort(0, "127.0.0.1"));
    return Agent.builder(cfg)
        .dataSource(db.ds, db.url)
        .gateway(ConsoleSecurityIT::neverBinds)
        .clock(clock)
        .migrate(true)
        .build()
        .start();
  }

  @AfterEach
  void stop() {
    if (agent != null) {
      agent.close();
    }
    db.close();
  }

  @Test
  void without_a_session_pages_redirect_to_the_login_and_posts_are_refused() throws Exception {
    long id = insertReady();
    for (String path : List.of("/", "/audit", "/actions/cancel?id=" + id, "/messages")) {
      HttpResponse<String> r = browser.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(303);
      assertThat(r.headers().firstValue("Location")).as(path).hasValue("/login");
    }
    HttpResponse<String> post =
        browser.postForm(
            "/actions/cancel", Map.of("id", Long.toString(id), "csrf", "x"), browser.sameOrigin());
    assertThat(post.statusCode()).isEqualTo(403);
    assertThat(status(id)).isEqualTo("READY");
    HttpResponse<String> login = browser.get("/login");
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.body()).contains("name=\"password\"");
    assertThat(browser.get("/assets/console.css").statusCode()).isEqualTo(200);
    assertThat(browser.get("/assets/../console/Console.class").statusCode()).isEqualTo(404);
  }

  @Test
  void the_session_cookie_is_httponly_samesite_strict_and_never_shown() throws Exception {
    HttpResponse<String> r =
        browser.postForm(
            "/login",
            Map.of("operator", "김민수", "password", ConsoleClient.PASSWORD),
            browser.sameOrigin());
    assertThat(r.statusCode()).isEqualTo(303);
    String set = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(set)
        .startsWith("ngs_console=")
        .contains("; HttpOnly", "; SameSite=Strict", "; Path=/")
        .doesNotContain("Secure");
    String sessionId = set.substring("ngs_console=".length(), set.indexOf(';'));
    browser.cookie = set.substring(0, set.indexOf(';'));
    HttpResponse<String> page = browser.get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("김민수").doesNotContain(sessionId).doesNotContain("pbkdf2");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("default-src 'self'", "frame-ancestors 'none'");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  void behind_tls_the_cookie_is_secure() throws Exception {
    agent.close();
    agent = start(new AgentConfig.Console(true, null, null, ConsoleClient.HASH, true, null, null));
    browser = new ConsoleClient(agent.consolePort());
    HttpResponse<String> r =
        browser.postForm(
            "/login",
            Map.of("operator", "ops", "password", ConsoleClient.PASSWORD),
            browser.sameOrigin());
    assertThat(r.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure");
  }

  @Test
  void wrong_passwords_are_refused_then_rate_limited_until_the_window_passes() throws Exception {
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> r =
          browser.postForm(
              "/login",
              Map.of("operator", "ops", "password", "wrong password " + i),
              browser.sameOrigin());
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
      assertThat(r.body()).contains("Wrong password").doesNotContain("wrong password " + i);
    }
    HttpResponse<String> limited =
        browser.postForm(
            "/login",
            Map.of("operator", "ops", "password", ConsoleClient.PASSWORD),
            browser.sameOrigin());
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    assertThat(limited.headers().firstValue("Set-Cookie")).isEmpty();
    clock.advance(Duration.ofSeconds(61));
    browser.login("ops");
    assertThat(browser.get("/").statusCode()).isEqualTo(200);
  }

  @Test
  void a_login_from_another_site_is_refused() throws Exception {
    HttpResponse<String> r =
        browser.postForm(
            "/login",
            Map.of("operator", "ops", "password", ConsoleClient.PASSWORD),
            Map.of("Origin", "http://evil.example", "Sec-Fetch-Site", "cross-site"));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void cross_site_or_tokenless_posts_are_refused_and_change_nothing() throws Exception {
    long id = insertReady();
    browser.login("ops");
    String token = browser.token("/actions/cancel?id=" + id);
    Map<String, String> form = Map.of("id", Long.toString(id), "csrf", token);
    List<Map<String, String>> foreign =
        List.of(
            Map.of("Sec-Fetch-Site", "cross-site", "Origin", "http://evil.example"),
            Map.of("Sec-Fetch-Site", "same-site", "Origin", "http://sub.127.0.0.1"),
            Map.of("Origin", "http://evil.example"),
            Map.of("Origin", "null"),
            Map.of()); // neither header: refused too
    for (Map<String, String> headers : foreign) {
      HttpResponse<String> r = browser.postForm("/actions/cancel", form, headers);
      assertThat(r.statusCode()).as(headers.toString()).isEqualTo(403);
    }
    Map<String, String> noToken = new HashMap<>(form);
    noToken.remove("csrf");
    assertThat(browser.postForm("/actions/cancel", noToken, browser.sameOrigin()).statusCode())
        .isEqualTo(403);
    Map<String, String> wrongToken = new HashMap<>(form);
    wrongToken.put("csrf", token.substring(1) + "A");
    assertThat(browser.postForm("/actions/cancel", wrongToken, browser.sameOrigin()).statusCode())
        .isEqualTo(403);
    // another session's token does not fit this session
    ConsoleClient other = new ConsoleClient(agent.consolePort()).login("other");
    Map<String, String> othersToken = new HashMap<>(form);
    othersToken.put("csrf", other.token("/"));
    assertThat(browser.postForm("/actions/cancel", othersToken, browser.sameOrigin()).statusCode())
        .isEqualTo(403);
    assertThat(status(id)).isEqualTo("READY");
    assertThat(db.count("SELECT COUNT(*) FROM S_AUDIT")).isZero();

    // the same form from the console's own page goes through
    HttpResponse<String> ok = browser.postForm("/actions/cancel", form, browser.sameOrigin());
    assertThat(ok.statusCode()).isEqualTo(303);
    assertThat(status(id)).isEqualTo("CANCELED");
  }

  @Test
  void a_logged_out_session_is_dead() throws Exception {
    browser.login("ops");
    String token = browser.token("/");
    String cookie = browser.cookie;
    HttpResponse<String> out =
        browser.postForm("/logout", Map.of("csrf", token), browser.sameOrigin());
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
    browser.cookie = cookie; // a copy of the old cookie
    assertThat(browser.get("/").statusCode()).isEqualTo(303);
  }

  @Test
  void an_idle_session_expires() throws Exception {
    browser.login("ops");
    assertThat(browser.get("/").statusCode()).isEqualTo(200);
    clock.advance(AgentConfig.Console.DEFAULT_SESSION_IDLE);
    assertThat(browser.get("/").statusCode()).isEqualTo(303);
  }

  @Test
  void recipients_are_masked_on_the_pages() throws Exception {
    long id = insertReady();
    browser.login("ops");
    HttpResponse<String> r = browser.get("/actions/cancel?id=" + id);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("010****5432").doesNotContain(RECIPIENT);
  }

  @Test
  void bad_input_is_a_clear_400_not_a_500() throws Exception {
    browser.login("ops");
    for (String path :
        List.of("/actions/cancel?id=abc", "/actions/cancel", "/actions/pause?account=nope")) {
      HttpResponse<String> r = browser.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(400);
    }
    HttpResponse<String> missing = browser.get("/actions/cancel?id=999999");
    assertThat(missing.statusCode()).isEqualTo(409);
    assertThat(missing.body()).contains("row 999999 is not in the send table");
  }

  @Test
  void an_enabled_console_without_a_password_hash_refuses_to_start() {
    assertThatThrownBy(() -> new AgentConfig.Console(true, null, null, null, null, null, null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("console.password-hash")
        .hasMessageContaining("./ngsign agent console-password");
    assertThatThrownBy(
            () -> new AgentConfig.Console(true, null, null, "plain-password", null, null, null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("console.password-hash")
        .hasMessageNotContaining("plain-password");
  }

  /** A gateway whose sessions never bind: the rows stay READY (nothing here is about sending). */
  private static GatewaySession neverBinds(AgentConfig.Account account, ReportSink sink) {
    return new GatewaySession() {
      @Override
      public java.util.concurrent.CompletionStage<dev.ngsign.ngs.protocol.packet.DeliverAck> send(
          dev.ngsign.ngs.protocol.packet.Deliver d) {
        return new java.util.concurrent.CompletableFuture<>();
      }

      @Override
      public boolean isReady() {
        return false;
      }

      @Override
      public void close() {}
    };
  }

  private long insertReady() {
    return new SendTable(db.ds, "S_").insert(SampleMessages.sms(RECIPIENT, "security").columns());
  }

  private String status(long id) {
    return (String) db.query("SELECT STATUS FROM S_MSG WHERE ID = ?", id).get(0).get("STATUS");
  }
}
