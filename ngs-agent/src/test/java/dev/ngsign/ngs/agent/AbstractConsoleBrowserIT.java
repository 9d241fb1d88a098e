package dev.ngsign.ngs.agent;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.ngsign.testing.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the console's browser tests share: headless Chromium (test-fixtures' {@link Chromium}) for
 * the class, a {@link ConsoleUnderTest} and a fresh browser context for each test, and the login.
 */
abstract class AbstractConsoleBrowserIT {
  private static Chromium chromium;
  ConsoleUnderTest under;
  BrowserContext browser;

  /** The gateway, database and agent this class's tests run against; called before each test. */
  abstract ConsoleUnderTest startConsole();

  @BeforeAll
  static void launch() {
    chromium = Chromium.launch();
  }

  @AfterAll
  static void quit() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @BeforeEach
  void start() {
    under = startConsole();
    browser = chromium.browser().newContext();
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (under != null) {
      under.close();
    }
  }

  /** Logs in as {@code operator} with {@link ConsoleClient#PASSWORD}; the overview is shown. */
  void login(Page page, String operator) {
    page.navigate(under.console + "/login");
    page.fill("input[name=operator]", operator);
    page.fill("input[name=password]", ConsoleClient.PASSWORD);
    page.click("button[type=submit]");
    page.waitForURL(under.console + "/");
  }
}
