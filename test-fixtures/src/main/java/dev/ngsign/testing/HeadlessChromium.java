package dev.ngsign.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium ({@code /usr/bin/chromium}) driven by Playwright, headless, for the tests of
 * every web page. Playwright's own browser download is skipped; {@code
 * test-fixtures/scripts/ensure-chromium.sh} installs the package (and a Korean font) in the {@code
 * ensure-chromium} profile of a module's pom. A module using this declares the {@code playwright}
 * test dependency itself (optional here). One per test class; {@link #close()} ends the browser and
 * Playwright's driver process.
 */
public final class HeadlessChromium implements AutoCloseable {
  /** Where Debian installs Chromium. */
  public static final Path EXECUTABLE = Paths.get("/usr/bin/chromium");

  private final Playwright playwright;
  private final Browser browser;

  private HeadlessChromium(Playwright playwright, Browser browser) {
    this.playwright = playwright;
    this.browser = browser;
  }

  /** Starts Playwright's driver and a headless Chromium without network extras. */
  public static HeadlessChromium launch() {
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
      return new HeadlessChromium(pw, b);
    } catch (RuntimeException e) {
      pw.close();
      throw e;
    }
  }

  public Browser browser() {
    return browser;
  }

  /** A new page in its own context (own cookies), closed with the browser at the latest. */
  public Page newPage() {
    return browser.newPage();
  }

  @Override
  public void close() {
    try {
      browser.close();
    } finally {
      playwright.close();
    }
  }
}
