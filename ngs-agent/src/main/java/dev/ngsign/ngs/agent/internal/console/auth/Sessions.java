package dev.ngsign.ngs.agent.internal.console.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The operator sessions of this node, in memory: a restart logs everyone out (nothing to leak from
 * a database or a file). A session ends when unused for {@code idle} or {@code max} after its
 * login, whichever comes first; at most {@value #MAX_SESSIONS} live at once (the oldest goes).
 * Thread-safe.
 */
public final class Sessions {
  /** The session cookie's name. */
  public static final String COOKIE = "ngs_console";

  static final int MAX_SESSIONS = 64;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, Session> live = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration idle;
  private final Duration max;
  private final boolean secure;

  /**
   * @param secure mark the cookie {@code Secure} (served through a TLS proxy)
   */
  public Sessions(Clock clock, Duration idle, Duration max, boolean secure) {
    this.clock = clock;
    this.idle = idle;
    this.max = max;
    this.secure = secure;
  }

  /** A new session for {@code operator}. */
  public Session open(String operator) {
    Instant now = clock.instant();
    live.values().removeIf(s -> expired(s, now));
    while (live.size() >= MAX_SESSIONS) {
      live.values().stream()
          .min(Comparator.comparing(Session::lastUsed))
          .ifPresent(oldest -> live.remove(oldest.id()));
    }
    Session s = new Session(token(), token(), operator, now);
    live.put(s.id(), s);
    return s;
  }

  /** The live session the request's {@code Cookie} header names, touched; or null. */
  public @Nullable Session find(@Nullable String cookieHeader) {
    String id = cookieValue(cookieHeader);
    if (id == null) {
      return null;
    }
    Session s = live.get(id);
    if (s == null) {
      return null;
    }
    Instant now = clock.instant();
    if (expired(s, now)) {
      live.remove(id);
      return null;
    }
    s.touch(now);
    return s;
  }

  /** Ends the session (logout). */
  public void close(Session s) {
    live.remove(s.id());
  }

  /** The {@code Set-Cookie} value that hands the session to the browser. */
  public String cookie(Session s) {
    return COOKIE
        + "="
        + s.id()
        + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
        + max.toSeconds()
        + (secure ? "; Secure" : "");
  }

  /** The {@code Set-Cookie} value that removes the cookie. */
  public String clearedCookie() {
    return COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" + (secure ? "; Secure" : "");
  }

  /** Whether {@code presented} equals the session's synchronizer token (constant time). */
  public static boolean tokenMatches(Session s, @Nullable String presented) {
    return presented != null
        && MessageDigest.isEqual(
            s.csrf().getBytes(StandardCharsets.US_ASCII),
            presented.getBytes(StandardCharsets.UTF_8));
  }

  private boolean expired(Session s, Instant now) {
    return !now.isBefore(s.lastUsed().plus(idle)) || !now.isBefore(s.created().plus(max));
  }

  private static @Nullable String cookieValue(@Nullable String header) {
    if (header == null) {
      return null;
    }
    for (String part : header.split(";")) {
      String p = part.trim();
      if (p.startsWith(COOKIE + "=")) {
        String v = p.substring(COOKIE.length() + 1);
        return v.isEmpty() ? null : v;
      }
    }
    return null;
  }

  private static String token() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
