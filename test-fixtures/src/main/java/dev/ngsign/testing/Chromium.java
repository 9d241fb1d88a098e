package dev.ngsign.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * Headless Debian Chromium ({@code /usr/bin/chromium}, installed by {@code
 * test-fixtures/scripts/ensure-chromium.sh} at {@code pre-integration-test}) driven by Playwright,
 * whose own browser download is skipped. One per test class: open in {@code @BeforeAll}, close in
 * {@code @AfterAll}. A module using it declares the {@code playwright} test dependency itself (it
 * is optional here, so modules without browser tests do not pull Playwright's driver).
 */
public final class Chromium implements AutoCloseable {
  /** Debian's chromium package installs here. */
  public static final Path EXECUTABLE = Paths.get("/usr/bin/chromium");

  private final Playwright playwright;
  private final Browser browser;

  private Chromium(Playwright playwright, Browser browser) {
    this.playwright = playwright;
    this.browser = browser;
  }

  /** Starts Playwright and launches headless Chromium (no sandbox, no network but the page's). */
  public static Chromium launch() {
    Playwright pw =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    try {
      Browser b =
          pw.chromium()
              .launch(
                  new BrowserType.LaunchOptions()
                      .setExecutablePath(EXECUTABLE)
                      .setHeadless(true)
                      .setArgs(
                          List.of(
                              "--headless",
                              "--no-sandbox",
                              "--disable-gpu",
                              "--disable-quic",
                              "--no-first-run",
                              "--disable-background-networking",
                              "--disable-component-update",
                              "--disable-sync")));
      return new Chromium(pw, b);
    } catch (RuntimeException e) {
      pw.close();
      throw e;
    }
  }

  /** The browser: {@code newContext()} for a fresh cookie jar, {@code newPage()} for a page. */
  public Browser browser() {
    return browser;
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
