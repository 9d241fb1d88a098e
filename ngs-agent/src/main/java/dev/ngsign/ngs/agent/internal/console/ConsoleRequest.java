package dev.ngsign.ngs.agent.internal.console;

import dev.ngsign.http.Request;
import dev.ngsign.ngs.agent.internal.console.auth.Session;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request as a page sees it: the raw request, the decoded query and form fields (first value of
 * each name), the path's tail after a prefix route, and the operator's session (never null in a
 * page behind the login).
 *
 * @param tail what follows the prefix of a {@link Router#getPrefix} route (e.g. the id in {@code
 *     /messages/42}), else empty
 */
public record ConsoleRequest(
    Request raw,
    Map<String, String> query,
    Map<String, String> form,
    String tail,
    @Nullable Session session) {

  static ConsoleRequest of(Request raw, @Nullable Session session) {
    String type = raw.header("Content-Type");
    Map<String, String> form =
        type != null && type.startsWith("application/x-www-form-urlencoded")
            ? decode(new String(raw.body(), StandardCharsets.UTF_8))
            : Map.of();
    return new ConsoleRequest(
        raw, raw.rawQuery() == null ? Map.of() : decode(raw.rawQuery()), form, "", session);
  }

  ConsoleRequest withTail(String t) {
    return new ConsoleRequest(raw, query, form, t, session);
  }

  /** A query parameter, or null. */
  public @Nullable String param(String name) {
    return query.get(name);
  }

  /** A form field of a POST, or null. */
  public @Nullable String field(String name) {
    return form.get(name);
  }

  /** The session of a page behind the login. */
  public Session requireSession() {
    if (session == null) {
      throw new IllegalStateException("page reached without a session");
    }
    return session;
  }

  /** The operator's name (for the audit log). */
  public String operator() {
    return requireSession().operator();
  }

  private static Map<String, String> decode(String s) {
    Map<String, String> m = new LinkedHashMap<>();
    if (s.isEmpty()) {
      return m;
    }
    for (String pair : s.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        m.putIfAbsent(
            URLDecoder.decode(k, StandardCharsets.UTF_8),
            URLDecoder.decode(v, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException malformed) {
        // a malformed escape: the field is left out, the page reports it missing
      }
    }
    return m;
  }
}
