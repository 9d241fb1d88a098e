package dev.ngsign.ngs.gateway.internal.admin;

import dev.ngsign.http.Request;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * What keeps another web site out of the admin port, which has no login (it is on loopback by
 * default, and anything on the machine may use it). A web page the operator has open elsewhere can
 * make the browser send requests to 127.0.0.1, so:
 *
 * <ul>
 *   <li><b>Host</b>: while the port is bound to a loopback address, every request must be addressed
 *       to a loopback name (127.0.0.1, localhost, [::1]; any port, for SSH forwarding). This stops
 *       DNS rebinding, where a foreign name resolves to 127.0.0.1 and the browser treats the admin
 *       port as that site's own origin.
 *   <li><b>Origin and Sec-Fetch-Site</b>: a state-changing request a browser sends from another
 *       origin is refused: {@code Sec-Fetch-Site} other than {@code same-origin}/{@code none}, or
 *       an {@code Origin} other than the request's own. Scripts and the CLI send neither and pass.
 *   <li><b>Per-page token</b>: the page's forms carry a token the server made for that page (a
 *       nonce and its time, signed with a key only this process knows, valid for {@link
 *       #TOKEN_TTL}); a foreign page cannot read it (no CORS), so it cannot forge a form even in a
 *       browser that sends neither header.
 * </ul>
 */
final class CrossSiteGuard {
  /** How long a page's token stays valid: a page left open longer must be reloaded. */
  static final Duration TOKEN_TTL = Duration.ofHours(1);

  private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]");
  private static final int NONCE = 16;
  private static final int MAC = 16;

  private final boolean loopbackOnly;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final SecretKeySpec key;

  CrossSiteGuard(boolean loopbackOnly, Clock clock) {
    this.loopbackOnly = loopbackOnly;
    this.clock = clock;
    byte[] k = new byte[32];
    random.nextBytes(k);
    this.key = new SecretKeySpec(k, "HmacSHA256");
  }

  /** Host checks apply when the port is bound to a loopback address. */
  static CrossSiteGuard forBindAddress(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    boolean loopback =
        h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
    return new CrossSiteGuard(loopback, Clock.systemUTC());
  }

  /** Refuses a request not addressed to a loopback name while bound to loopback (403). */
  void checkHost(Request req) {
    if (!loopbackOnly) {
      return;
    }
    String host = req.header("Host");
    if (host == null || !LOOPBACK_NAMES.contains(hostName(host))) {
      throw new AdminError(
          403,
          "the admin port answers only requests addressed to 127.0.0.1, localhost or [::1],"
              + " not to Host '"
              + printable(host)
              + "'");
    }
  }

  /** Refuses a request a browser sent from another origin (403). */
  void checkSameOrigin(Request req) {
    String site = req.header("Sec-Fetch-Site");
    if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
      throw new AdminError(
          403, "cross-site request refused (Sec-Fetch-Site: " + printable(site) + ")");
    }
    String origin = req.header("Origin");
    if (origin != null) {
      String host = req.header("Host");
      if (host == null || !origin.equalsIgnoreCase("http://" + host)) {
        throw new AdminError(403, "cross-site request refused (Origin " + printable(origin) + ")");
      }
    }
  }

  /** A fresh token for one rendered page. */
  String issueToken() {
    byte[] t = new byte[NONCE + 8 + MAC];
    ByteBuffer b = ByteBuffer.wrap(t);
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    b.put(nonce).putLong(clock.millis());
    b.put(mac(t, NONCE + 8), 0, MAC);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(t);
  }

  /** Refuses a missing, forged or expired token (403). */
  void checkToken(@Nullable String token) {
    if (token == null || token.isEmpty()) {
      throw new AdminError(403, "the form carries no page token: reload the page and try again");
    }
    byte[] t;
    try {
      t = Base64.getUrlDecoder().decode(token.getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      t = new byte[0];
    }
    if (t.length != NONCE + 8 + MAC
        || !MessageDigest.isEqual(
            Arrays.copyOfRange(mac(t, NONCE + 8), 0, MAC),
            Arrays.copyOfRange(t, NONCE + 8, t.length))) {
      throw new AdminError(403, "the page token is not valid: reload the page and try again");
    }
    long issued = ByteBuffer.wrap(t, NONCE, 8).getLong();
    long age = clock.millis() - issued;
    if (age < 0 || age > TOKEN_TTL.toMillis()) {
      throw new AdminError(
          403,
          "the page is older than " + TOKEN_TTL.toMinutes() + " minutes: reload it and try again");
    }
  }

  private byte[] mac(byte[] data, int len) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(key);
      m.update(data, 0, len);
      return m.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** The name part of a Host header: {@code localhost:8080} → {@code localhost}. */
  static String hostName(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? h : h.substring(0, end + 1);
    }
    int colon = h.indexOf(':');
    return colon < 0 ? h : h.substring(0, colon);
  }

  /** A header value fit for a message: printable ASCII, at most 80 characters. */
  static String printable(@Nullable String s) {
    if (s == null) {
      return "(none)";
    }
    StringBuilder sb = new StringBuilder(Math.min(s.length(), 80));
    for (int i = 0; i < s.length() && sb.length() < 80; i++) {
      char c = s.charAt(i);
      sb.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return sb.toString();
  }
}
