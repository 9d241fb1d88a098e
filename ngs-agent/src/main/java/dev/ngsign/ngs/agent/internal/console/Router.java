package dev.ngsign.ngs.agent.internal.console;

import dev.ngsign.http.Reply;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The console's routes: exact paths ({@code /messages}) and prefixes ({@code /messages/} + an id in
 * {@link ConsoleRequest#tail()}), per method. Every route sits behind the login and, for POST,
 * behind the token and same-origin checks; {@link Console} applies them before a handler runs.
 */
public final class Router {
  /** A page or action. */
  @FunctionalInterface
  public interface Handler {
    Reply handle(ConsoleRequest r);
  }

  private final Map<String, Handler> exact = new LinkedHashMap<>();
  private final Map<String, Handler> prefixes = new LinkedHashMap<>();

  /** {@code GET path} (HEAD as well). */
  public Router get(String path, Handler h) {
    return put(exact, "GET " + path, h);
  }

  /** {@code POST path}: token and same-origin checked before {@code h} runs. */
  public Router post(String path, Handler h) {
    return put(exact, "POST " + path, h);
  }

  /** {@code GET prefix<tail>}: {@code prefix} ends with '/', the rest is {@code tail()}. */
  public Router getPrefix(String prefix, Handler h) {
    return put(prefixes, "GET " + prefix, h);
  }

  /** {@code POST prefix<tail>}. */
  public Router postPrefix(String prefix, Handler h) {
    return put(prefixes, "POST " + prefix, h);
  }

  private Router put(Map<String, Handler> m, String key, Handler h) {
    if (m.putIfAbsent(key, h) != null) {
      throw new IllegalStateException("route registered twice: " + key);
    }
    return this;
  }

  /** The handler for a method and path with the path's tail, or null (404). */
  @Nullable Match find(String method, String path) {
    String m = method.equals("HEAD") ? "GET" : method;
    Handler h = exact.get(m + " " + path);
    if (h != null) {
      return new Match(h, "");
    }
    for (var e : prefixes.entrySet()) {
      String key = e.getKey();
      int space = key.indexOf(' ');
      if (key.substring(0, space).equals(m) && path.startsWith(key.substring(space + 1))) {
        return new Match(e.getValue(), path.substring(key.length() - space - 1));
      }
    }
    return null;
  }

  /** Whether some method has this path (405 rather than 404). */
  boolean knows(String path) {
    return exact.containsKey("GET " + path) || exact.containsKey("POST " + path);
  }

  record Match(Handler handler, String tail) {}
}
