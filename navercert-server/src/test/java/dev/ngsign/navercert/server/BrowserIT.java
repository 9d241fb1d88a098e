package dev.ngsign.navercert.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import dev.ngsign.navercert.MultiSign;
import dev.ngsign.navercert.NavercertClient;
import dev.ngsign.navercert.SignState;
import dev.ngsign.navercert.VerifyResult;
import dev.ngsign.testing.Chromium;
import java.nio.file.Paths;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulated Naver app driven in headless Chromium (Debian's /usr/bin/chromium, installed by
 * test-fixtures' scripts/ensure-chromium.sh and launched by its {@link Chromium}): request, open
 * the page, click Sign, then verify succeeds; and Refuse.
 */
class BrowserIT {
  private static NavercertServer server;
  private static NavercertClient client;
  private static Chromium chromium;
  private static Browser browser;

  @BeforeAll
  static void start() {
    server = Fixtures.server(Clock.systemUTC()).start();
    client = Fixtures.client(server, Clock.systemUTC());
    chromium = Chromium.launch();
    browser = chromium.browser();
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void request_open_page_click_sign_then_verify_succeeds() {
    MultiSign req = Fixtures.request(2);
    String rid = client.requestMultiSign(Fixtures.CLIENT_CODE, req).execute().receiptID();
    try (Page page = browser.newPage()) {
      page.navigate(server.appUrl());
      String section = "section[data-receipt='" + rid + "']";
      assertThat(page.textContent(section))
          .contains(
              "전자서명(복수) 요청",
              "홍*동",
              "010****1234",
              req.tokens().get(0).token(),
              req.tokens().get(1).token());
      page.screenshot(
          new Page.ScreenshotOptions()
              .setPath(Paths.get("target/navercert-app-before.png"))
              .setFullPage(true));
      page.click("button[data-action='sign'][data-receipt='" + rid + "']");
      page.waitForSelector("#notice");
      assertThat(page.textContent("#notice")).contains("signed", rid);
      assertThat(page.locator(section).count()).isZero();
      assertThat(page.textContent("tr[data-receipt='" + rid + "'] .state")).contains("done");
      page.screenshot(
          new Page.ScreenshotOptions()
              .setPath(Paths.get("target/navercert-app-after.png"))
              .setFullPage(true));
    }
    assertThat(client.getMultiSignStatus(Fixtures.CLIENT_CODE, rid).execute().state())
        .isEqualTo(SignState.DONE);
    VerifyResult result = client.verifyMultiSign(Fixtures.CLIENT_CODE, rid).execute();
    assertThat(result.signedData()).hasSize(2);
    assertThat(result.receiverName()).isEqualTo("홍길동");
  }

  @Test
  void click_refuse_marks_the_request_refused() {
    String rid =
        client.requestMultiSign(Fixtures.CLIENT_CODE, Fixtures.request(1)).execute().receiptID();
    try (Page page = browser.newPage()) {
      page.navigate(server.appUrl());
      page.click("button[data-action='refuse'][data-receipt='" + rid + "']");
      page.waitForSelector("#notice");
      assertThat(page.textContent("#notice")).contains("refused");
    }
    assertThat(client.getMultiSignStatus(Fixtures.CLIENT_CODE, rid).execute().state())
        .isEqualTo(SignState.REFUSED);
  }
}
