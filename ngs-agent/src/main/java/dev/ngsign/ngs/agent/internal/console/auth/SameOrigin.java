package dev.ngsign.ngs.agent.internal.console.auth;

import dev.ngsign.http.Request;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * Whether a state-changing request comes from the console's own pages: the browser's {@code
 * Sec-Fetch-Site} must say {@code same-origin}; a browser without it must send an {@code Origin}
 * whose host and port are the request's {@code Host} (or {@code X-Forwarded-Host}, behind a proxy
 * that sets it); a request with neither is refused. This is the second line next to the
 * synchronizer token: a cross-site form or script fails both.
 */
public final class SameOrigin {
  private SameOrigin() {}

  /** Null when the request is same-origin, else why not (for the log, free of request data). */
  public static @Nullable String refusal(Request r) {
    String site = r.header("Sec-Fetch-Site");
    if (site != null) {
      return site.equals("same-origin") ? null : "Sec-Fetch-Site is not same-origin";
    }
    String origin = r.header("Origin");
    if (origin == null || origin.equals("null")) {
      return "no Origin or Sec-Fetch-Site header";
    }
    String originHost;
    try {
      URI u = URI.create(origin);
      if (u.getHost() == null) {
        return "Origin is not a URL";
      }
      originHost = u.getPort() < 0 ? u.getHost() : u.getHost() + ":" + u.getPort();
    } catch (IllegalArgumentException e) {
      return "Origin is not a URL";
    }
    if (sameHost(originHost, r.header("Host"))
        || sameHost(originHost, r.header("X-Forwarded-Host"))) {
      return null;
    }
    return "Origin is another site";
  }

  private static boolean sameHost(String originHost, @Nullable String host) {
    return host != null && originHost.equalsIgnoreCase(host.trim());
  }
}
