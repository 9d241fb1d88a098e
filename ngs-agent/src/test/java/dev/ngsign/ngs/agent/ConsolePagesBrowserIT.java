package dev.ngsign.ngs.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import dev.ngsign.ngs.agent.demo.SampleMessages;
import dev.ngsign.ngs.gateway.Account;
import dev.ngsign.ngs.gateway.NgsGateway;
import dev.ngsign.ngs.gateway.TestNumbers;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The console's overview, search and detail pages in headless Chromium against an agent on H2
 * sending through the real gateway simulator (issue 18.2, 18.6): the numbers on the overview are
 * the table's; a gateway outage is on the page within seconds; a search by recipient finds a row
 * whose detail shows its timeline; no page carries a whole recipient number. Screenshots go to
 * target/ (docs/img/ holds copies).
 */
class ConsolePagesBrowserIT extends AbstractConsoleBrowserIT {
  private static final String[] STATUSES = {
    "READY", "SENDING", "SENT", "DONE", "FAILED", "REJECTED", "EXPIRED", "CANCELED"
  };

  private NgsGateway gateway;
  private TestDb db;
  private Agent agent;
  private String console;

  @Override
  ConsoleUnderTest startConsole() {
    ConsoleUnderTest u =
        new ConsoleUnderTest(
            "pages-it", "P_", 50, Account.builder("testid", "secret").tps(80, 30, 30).build());
    gateway = u.gateway;
    db = u.db;
    agent = u.agent;
    console = u.console;
    return u;
  }

  @Test
  void the_overviews_numbers_are_the_tables_counts() {
    // delivered, failed on the handset (4002), unknown subscriber (4001, 결번), and held back
    for (int i = 0; i < 6; i++) {
      insert(TestNumbers.DELIVERED_SK, "배달 " + i, null);
    }
    insert(TestNumbers.UNREACHABLE, "꺼진 단말", null);
    insert(TestNumbers.UNKNOWN_SUBSCRIBER, "결번", null);
    LocalDateTime later = LocalDateTime.now(ZoneId.of("Asia/Seoul")).plusHours(1);
    insert(TestNumbers.DELIVERED_SK, "예약", later);
    insert(TestNumbers.DELIVERED_SK, "예약", later);
    await()
        .atMost(30, TimeUnit.SECONDS)
        .until(() -> db.count("SELECT COUNT(*) FROM P_MSG WHERE STATUS IN ('DONE','FAILED')") == 8);

    Page page = browser.newPage();
    login(page, "김당직");
    String card = "article[data-account='main']";
    // the page refreshes every 2 s: every count equal to the table's, read again each time
    await()
        .atMost(20, TimeUnit.SECONDS)
        .untilAsserted(
            () -> {
              for (String s : STATUSES) {
                assertThat(page.textContent(card + " td[data-status='" + s + "']").strip())
                    .as(s)
                    .isEqualTo(
                        Long.toString(db.count("SELECT COUNT(*) FROM P_MSG WHERE STATUS = ?", s)));
              }
              assertThat(page.textContent(card + " table.acks tr[data-code='0'] td.n").strip())
                  .isEqualTo(
                      Long.toString(db.count("SELECT COUNT(*) FROM P_MSG WHERE ACK_CODE = 0")));
            });
    assertThat(page.textContent(card + " td[data-status='DONE']").strip()).isEqualTo("6");
    assertThat(page.textContent(card + " td[data-status='READY']").strip()).isEqualTo("2");
    assertThat(page.getAttribute(card + " .sessions [data-bound]", "data-bound")).isEqualTo("true");
    assertThat(page.textContent(card + " .lease")).contains("pages-it");
    // the gateway's limits from BIND_ACK beside the agent's own cap
    assertThat(page.textContent(card + " .tps")).contains("SMS 80 / MMS 30 / KKO 30", "cap 50/s");
    assertThat(page.getAttribute("#problems", "data-problems")).isEqualTo("0");
    // the charts drew from /overview/series
    await()
        .atMost(15, TimeUnit.SECONDS)
        .until(() -> page.locator("#charts div.chart canvas").count() == 3);
    assertThat(page.content()).doesNotContain(TestNumbers.DELIVERED_SK);
    shot(page, "console-overview.png");
  }

  @Test
  void a_gateway_outage_shows_on_the_page_within_seconds() {
    Page page = browser.newPage();
    login(page, "김당직");
    String card = "article[data-account='main']";
    await()
        .atMost(20, TimeUnit.SECONDS)
        .until(
            () -> "true".equals(page.getAttribute(card + " .sessions [data-bound]", "data-bound")));
    assertThat(page.textContent("#problems")).contains("All accounts bound");

    gateway.close();
    gateway = null;
    // the page's own refresh (no reload): within seconds
    await()
        .atMost(15, TimeUnit.SECONDS)
        .untilAsserted(
            () -> {
              assertThat(page.textContent("#problems")).contains("Account main: not bound");
              assertThat(page.getAttribute(card + " .sessions [data-bound]", "data-bound"))
                  .isEqualTo("false");
            });
    assertThat(page.getAttribute(card + " .session[data-kind='deliver']", "data-status"))
        .isNotEqualTo("BOUND");
    shot(page, "console-outage.png");
  }

  @Test
  void a_search_by_recipient_finds_the_row_and_its_detail_shows_the_timeline() {
    long done = insert(TestNumbers.UNKNOWN_SUBSCRIBER, "결번 시험", null);
    insert(TestNumbers.DELIVERED_SK, "다른 번호", null);
    await()
        .atMost(30, TimeUnit.SECONDS)
        .until(() -> db.count("SELECT COUNT(*) FROM P_MSG WHERE STATUS = 'FAILED'") == 1);

    Page page = browser.newPage();
    login(page, "김당직");
    page.navigate(console + "/messages");
    // typed with hyphens, stored without
    page.fill("input[name=recipient]", "010-0000-0001");
    page.click("form#search button[type=submit]");
    page.waitForSelector("#results tr[data-id='" + done + "']");
    assertThat(page.locator("#results tbody tr").count()).isEqualTo(1);
    assertThat(page.textContent("#filter")).contains("010****0001");
    assertThat(page.url()).doesNotContain("0001");
    assertThat(page.content()).doesNotContain(TestNumbers.UNKNOWN_SUBSCRIBER, "010-0000-0001");
    shot(page, "console-search.png");

    page.click("#results tr[data-id='" + done + "'] a");
    page.waitForSelector("#timeline");
    assertThat(page.textContent("#status")).isEqualTo("FAILED");
    assertThat(page.locator("#timeline tr[data-step]").allTextContents()).hasSize(5);
    assertThat(page.textContent("#timeline tr[data-step='inserted']")).isNotBlank();
    assertThat(page.textContent("#timeline tr[data-step='claimed']")).contains("pages-it");
    assertThat(page.textContent("#timeline tr[data-step='ack']")).contains("0 E_OK");
    assertThat(page.textContent("#timeline tr[data-step='report']"))
        .contains("4001 E_UNKNOWN_SUBSCRIBER", "결번");
    assertThat(page.textContent("#facts")).contains("010****0001");
    assertThat(page.content()).doesNotContain(TestNumbers.UNKNOWN_SUBSCRIBER, "결번 시험");
    assertThat(page.locator("a.button[href='/actions/resend?id=" + done + "']").count())
        .isEqualTo(1);
    shot(page, "console-detail.png");
  }

  private long insert(String to, String text, LocalDateTime scheduled) {
    Map<String, Object> cols = new HashMap<>(SampleMessages.sms(to, text).columns());
    if (scheduled != null) {
      cols.put("SCHEDULED_AT", scheduled);
    }
    return new SendTable(db.ds, "P_").insert(cols);
  }

  private static void shot(Page page, String name) {
    Path to = Paths.get("target", name);
    page.screenshot(new Page.ScreenshotOptions().setPath(to).setFullPage(true));
  }
}
