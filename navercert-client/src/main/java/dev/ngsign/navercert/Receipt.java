package dev.ngsign.navercert;

import java.util.Optional;

/**
 * The service's answer to a request, for every service.
 *
 * @param receiptID 32 digits; use it for status and verify
 * @param scheme app scheme to open the Naver app (app-to-app only), or null
 * @param marketUrl app-store URL of the Naver app (app-to-app only), or null
 */
public record Receipt(String receiptID, String scheme, String marketUrl) {
  public Optional<String> schemeIfAppToApp() {
    return Optional.ofNullable(scheme);
  }

  public Optional<String> marketUrlIfAppToApp() {
    return Optional.ofNullable(marketUrl);
  }
}
