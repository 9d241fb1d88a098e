package dev.ngsign.ngs.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import dev.ngsign.http.HttpLimits;
import dev.ngsign.http.HttpListener;
import dev.ngsign.http.ListenerErrors;
import dev.ngsign.http.Reply;
import dev.ngsign.ngs.agent.demo.SampleMessages;
import dev.ngsign.ngs.gateway.Account;
import dev.ngsign.ngs.gateway.NgsGateway;
import dev.ngsign.ngs.gateway.TestNumbers;
import dev.ngsign.testing.Chromium;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The console in headless Chromium (test-fixtures' {@link Chromium}) against an agent on H2 sending
 * through the real gateway simulator (issue 18.6): the login refuses a wrong password and lets the
 * right one in; a form on another origin cannot act even though the browser sends the cookie (same
 * site, other port); a resend confirmed on the page goes through the gateway end to end.
 */
class ConsoleBrowserIT extends AbstractConsoleBrowserIT {
  private NgsGateway gateway;
  private TestDb db;
  private Agent agent;
  private String console;

  @Override
  ConsoleUnderTest startConsole() {
    ConsoleUnderTest u =
        new ConsoleUnderTest("browser-it", "B_", 0, Account.builder("testid", "secret").build());
    gateway = u.gateway;
    db = u.db;
    agent = u.agent;
    console = u.console;
    return u;
  }

  @Test
  void the_login_refuses_a_wrong_password_and_lets_the_right_one_in() {
    Page page = browser.newPage();
    page.navigate(console + "/");
    assertThat(page.url()).isEqualTo(console + "/login");
    page.fill("input[name=operator]", "이순신");
    page.fill("input[name=password]", "not the password");
    page.click("button[type=submit]");
    assertThat(page.textContent("p.error")).contains("Wrong password");
    assertThat(browser.cookies()).isEmpty();
    page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/console-login.png")));

    login(page, "이순신");
    assertThat(page.url()).isEqualTo(console + "/");
    assertThat(page.textContent("header .operator")).isEqualTo("이순신");
    assertThat(page.textContent("article[data-account='main'] .sending")).contains("running");
    var cookie = browser.cookies().get(0);
    assertThat(cookie.httpOnly).isTrue();
    assertThat(cookie.sameSite.name()).isEqualTo("STRICT");
  }

  @Test
  void a_form_on_another_origin_cannot_pause_an_account() throws Exception {
    Page page = browser.newPage();
    login(page, "이순신");
    // another origin on the same host: same site, so the SameSite=Strict cookie does go along
    try (HttpListener evil =
        new HttpListener(
            "evil",
            "127.0.0.1",
            0,
            HttpLimits.DEFAULTS,
            ListenerErrors.PLAIN,
            r ->
                Reply.of(
                    200,
                    "text/html; charset=utf-8",
                    ("<form id=f method=post action=\""
                            + console
                            + "/actions/pause\"><input name=account value=main>"
                            + "<input name=csrf value=guessed></form>"
                            + "<script>document.getElementById('f').submit()</script>")
                        .getBytes(StandardCharsets.UTF_8)))) {
      page.navigate("http://127.0.0.1:" + evil.port() + "/");
      page.waitForURL(console + "/actions/pause");
      assertThat(page.textContent("h1")).isEqualTo("Refused");
    }
    assertThat(db.count("SELECT COUNT(*) FROM B_PAUSE")).isZero();
    assertThat(db.count("SELECT COUNT(*) FROM B_AUDIT")).isZero();
  }

  @Test
  void a_resend_confirmed_on_the_page_goes_through_the_gateway() {
    Map<String, Object> cols =
        new HashMap<>(SampleMessages.sms(TestNumbers.DELIVERED_SK, "다시 보내기").columns());
    cols.put("EXPIRES_AT", LocalDateTime.now(ZoneId.of("Asia/Seoul")).minusMinutes(1));
    long expired = new SendTable(db.ds, "B_").insert(cols);
    await().atMost(30, TimeUnit.SECONDS).until(() -> status(expired).equals("EXPIRED"));

    Page page = browser.newPage();
    login(page, "이순신");
    page.navigate(console + "/actions/resend?id=" + expired);
    assertThat(page.textContent("table.facts")).contains("EXPIRED", "010****0011");
    page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/console-resend.png")));
    page.click("button[data-action=confirm]");
    page.waitForSelector("#notice");
    assertThat(page.url()).startsWith(console + "/audit?done=");
    long copy = Long.parseLong(page.textContent("tr.marked .new-row").strip());
    assertThat(page.textContent("#notice")).contains("Row " + expired + " resent as row " + copy);
    await().atMost(30, TimeUnit.SECONDS).until(() -> status(copy).equals("DONE"));
    String serial =
        (String) db.query("SELECT SERIAL FROM B_MSG WHERE ID = ?", copy).get(0).get("SERIAL");
    assertThat(gateway.messagesAccepted("testid", serial)).isEqualTo(1);
    page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/console-audit.png")));
  }

  private String status(long id) {
    return (String) db.query("SELECT STATUS FROM B_MSG WHERE ID = ?", id).get(0).get("STATUS");
  }
}
