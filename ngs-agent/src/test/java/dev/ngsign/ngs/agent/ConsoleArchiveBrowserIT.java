package dev.ngsign.ngs.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import dev.ngsign.ngs.agent.demo.SampleMessages;
import dev.ngsign.ngs.gateway.Account;
import dev.ngsign.ngs.gateway.TestNumbers;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The console's search over archived rows in headless Chromium: an agent on H2 with {@code
 * log-table.mode: monthly} (rows move as soon as they finish) moves an OTP it sent this month and a
 * row finished last month into their months' log tables; a search by recipient from the first of
 * last month finds both, says which log tables it read, and the archived row's detail shows its
 * timeline, masked, without actions.
 */
class ConsoleArchiveBrowserIT extends AbstractConsoleBrowserIT {
  private static final DateTimeFormatter YYYYMM = DateTimeFormatter.ofPattern("yyyyMM");
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM");

  @Override
  ConsoleUnderTest startConsole() {
    return new ConsoleUnderTest(
        "archive-it",
        "A_",
        0,
        Account.builder("testid", "secret").build(),
        cfg -> cfg.withLogTable(new AgentConfig.LogTable("monthly", Duration.ZERO, 100)));
  }

  @Test
  void a_search_with_dates_finds_archived_rows_and_shows_their_detail() {
    LocalDateTime now = LocalDateTime.now(AgentConfig.KOREA);
    LocalDateTime lastMonth = now.minusMonths(1).withDayOfMonth(10);
    // the OTP the agent sends now, to a dead number (FAILED, 4001)
    Map<String, Object> otp =
        new HashMap<>(SampleMessages.sms(TestNumbers.UNKNOWN_SUBSCRIBER, "인증번호 482913").columns());
    long sent = new SendTable(under.db.ds, "A_").insert(otp);
    // a row that finished last month, before the archive was switched on
    Map<String, Object> old =
        new HashMap<>(SampleMessages.sms(TestNumbers.UNKNOWN_SUBSCRIBER, "지난달 인증번호").columns());
    old.put("STATUS", "DONE");
    old.put("RESULT_CODE", 0);
    old.put("CREATED_AT", lastMonth);
    old.put("UPDATED_AT", lastMonth.plusSeconds(4));
    old.put("REPORT_AT", lastMonth.plusSeconds(4));
    long earlier = new SendTable(under.db.ds, "A_").insert(old);
    String thisLog = "A_MSG_LOG_" + now.format(YYYYMM);
    String lastLog = "A_MSG_LOG_" + lastMonth.format(YYYYMM);
    await()
        .atMost(60, TimeUnit.SECONDS)
        .ignoreExceptions() // the log tables appear with the first move
        .until(
            () ->
                under.db.count("SELECT COUNT(*) FROM " + thisLog + " WHERE ID = ?", sent) == 1
                    && under.db.count("SELECT COUNT(*) FROM " + lastLog + " WHERE ID = ?", earlier)
                        == 1);
    assertThat(under.db.count("SELECT COUNT(*) FROM A_MSG")).isZero();

    Page page = browser.newPage();
    login(page, "김당직");
    page.navigate(under.console + "/messages");
    page.fill("input[name=recipient]", "010-0000-0001");
    page.fill("input[name=from]", lastMonth.withDayOfMonth(1).toLocalDate() + "T00:00");
    page.click("form#search button[type=submit]");
    page.waitForSelector("#results tr[data-id='" + sent + "']");
    assertThat(page.locator("#results tbody tr").count()).isEqualTo(2);
    assertThat(page.textContent("#results tr[data-id='" + sent + "'] td.kept"))
        .isEqualTo("log " + now.format(SHOWN));
    assertThat(page.textContent("#results tr[data-id='" + earlier + "'] td.kept"))
        .isEqualTo("log " + lastMonth.format(SHOWN));
    assertThat(page.textContent("#filter"))
        .contains(
            "010****0001", "log tables of " + lastMonth.format(SHOWN) + ", " + now.format(SHOWN));
    assertThat(page.content())
        .doesNotContain(TestNumbers.UNKNOWN_SUBSCRIBER, "010-0000-0001", "482913");
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(Paths.get("target", "console-archive-search.png"))
            .setFullPage(true));

    page.click("#results tr[data-id='" + sent + "'] a");
    page.waitForSelector("#timeline");
    assertThat(page.url()).endsWith("/messages/" + sent + "?log=" + now.format(YYYYMM));
    assertThat(page.textContent("#archived")).contains("log table of " + now.format(SHOWN));
    assertThat(page.textContent("#status")).isEqualTo("FAILED");
    assertThat(page.textContent("#timeline tr[data-step='claimed']")).contains("archive-it");
    assertThat(page.textContent("#timeline tr[data-step='report']"))
        .contains("4001 E_UNKNOWN_SUBSCRIBER");
    assertThat(page.textContent("#facts")).contains("010****0001", "attachments deleted");
    assertThat(page.content()).doesNotContain(TestNumbers.UNKNOWN_SUBSCRIBER, "482913");
    // actions work on the send table: none offered for an archived row
    assertThat(page.locator("a.button[href^='/actions/']").count()).isZero();

    // the same ID without its month: not in the send table, and the page says where to look
    page.navigate(under.console + "/messages/" + sent);
    assertThat(page.content()).contains("search with an insertion date");
  }
}
