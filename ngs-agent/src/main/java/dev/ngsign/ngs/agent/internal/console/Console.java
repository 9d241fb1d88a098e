package dev.ngsign.ngs.agent.internal.console;

import static dev.ngsign.ngs.agent.internal.console.Html.esc;

import dev.ngsign.http.Reply;
import dev.ngsign.http.Request;
import dev.ngsign.ngs.agent.AgentConfig;
import dev.ngsign.ngs.agent.ConsolePassword;
import dev.ngsign.ngs.agent.StoreException;
import dev.ngsign.ngs.agent.internal.console.auth.LoginThrottle;
import dev.ngsign.ngs.agent.internal.console.auth.SameOrigin;
import dev.ngsign.ngs.agent.internal.console.auth.Session;
import dev.ngsign.ngs.agent.internal.console.auth.Sessions;
import dev.ngsign.ngs.agent.internal.store.ActionRefused;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's entry: every request but /metrics and /health of the agent's port (or every request
 * of the console's own port). In order: static assets (public); the login and logout; then, for
 * everything else, a live session (else a GET goes to the login page and anything else is refused
 * 403); for every method but GET/HEAD, the same-origin check and the session's synchronizer token
 * (403 when either fails); then the {@link Router}'s page. Every reply carries the security headers
 * (a strict Content-Security-Policy, no framing, no sniffing, no referrer, no caching of pages).
 */
public final class Console implements Function<Request, Reply> {
  private static final Logger log = LoggerFactory.getLogger(Console.class);
  private static final Pattern OPERATOR = Pattern.compile("[\\p{L}\\p{N} ._@-]{1,32}");
  private static final Map<String, String> SECURITY_HEADERS =
      Map.of(
          "Content-Security-Policy",
          "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none';"
              + " form-action 'self'; frame-ancestors 'none'",
          "X-Content-Type-Options",
          "nosniff",
          "X-Frame-Options",
          "DENY",
          "Referrer-Policy",
          "no-referrer");

  private final AgentConfig.Console config;
  private final ConsoleContext ctx;
  private final Sessions sessions;
  private final LoginThrottle throttle;
  private final Assets assets = new Assets();
  private final Router router = new Router();

  public Console(ConsoleContext ctx) {
    this.ctx = ctx;
    this.config = ctx.config().console();
    this.sessions =
        new Sessions(ctx.clock(), config.sessionIdle(), config.sessionMax(), config.secureCookie());
    this.throttle =
        new LoginThrottle(
            ctx.clock(), LoginThrottle.DEFAULT_FAILURES, LoginThrottle.DEFAULT_WINDOW);
    // the pages: each registers its routes here (docs/console.md, "Adding a page")
    new OverviewPage(ctx).register(router);
    new MessagePages(ctx).register(router);
    new ActionPages(ctx).register(router);
    new AuditPage(ctx).register(router);
  }

  @Override
  public Reply apply(Request raw) {
    Reply reply;
    try {
      reply = route(raw);
    } catch (ActionRefused e) {
      reply = Layout.error(409, "Not done", e.getMessage());
    } catch (BadInput e) {
      reply = Layout.error(400, "Bad request", e.getMessage());
    } catch (StoreException e) {
      log.warn("console {} {}: database: {}", raw.method(), raw.rawPath(), e.getMessage());
      reply =
          Layout.error(
              503,
              "Database unreachable",
              "The agent could not read or write its tables; the agent log has the details.");
    } catch (RuntimeException e) {
      log.warn("console {} {}: {}", raw.method(), raw.rawPath(), e.toString(), e);
      reply = Layout.error(500, "Console error", "The page failed; the agent log has the details.");
    }
    return withSecurityHeaders(reply);
  }

  private Reply route(Request raw) {
    String path = raw.rawPath();
    String method = raw.method();
    if (path.startsWith(Assets.PREFIX) && (method.equals("GET") || method.equals("HEAD"))) {
      Reply a = assets.serve(path);
      return a != null ? a : Layout.error(404, "Not found", "No such file.");
    }
    if (path.equals("/login")) {
      return switch (method) {
        case "GET", "HEAD" -> loginPage(200, null);
        case "POST" -> login(raw);
        default -> Layout.error(405, "Method not allowed", "Use the login form.");
      };
    }
    Session session = sessions.find(raw.header("Cookie"));
    boolean reading = method.equals("GET") || method.equals("HEAD");
    if (session == null) {
      if (reading) {
        return Layout.seeOther("/login");
      }
      return Layout.error(403, "Not logged in", "Log in to the console first.");
    }
    ConsoleRequest r = ConsoleRequest.of(raw, session);
    if (!reading) {
      String refusal = SameOrigin.refusal(raw);
      if (refusal != null) {
        log.warn("console: refused {} {}: {}", method, path, refusal);
        return Layout.error(403, "Refused", "The request did not come from the console's pages.");
      }
      String token = r.field("csrf");
      if (token == null) {
        token = raw.header("X-CSRF-Token");
      }
      if (!Sessions.tokenMatches(session, token)) {
        log.warn("console: refused {} {}: missing or wrong form token", method, path);
        return Layout.error(
            403, "Refused", "The form has expired or did not come from this console; reload it.");
      }
    }
    if (path.equals("/logout") && method.equals("POST")) {
      sessions.close(session);
      log.info("console: {} logged out", session.operator());
      return new Reply(
          303,
          null,
          new byte[0],
          Map.of("Location", "/login", "Set-Cookie", sessions.clearedCookie()));
    }
    Router.Match m = router.find(method, path);
    if (m == null) {
      return router.knows(path)
          ? Layout.error(405, "Method not allowed", "This page does not take that method.")
          : Layout.error(404, "Not found", "No such page.");
    }
    return m.handler().handle(r.withTail(m.tail()));
  }

  private Reply login(Request raw) {
    String refusal = SameOrigin.refusal(raw);
    if (refusal != null) {
      log.warn("console: refused a login: {}", refusal);
      return Layout.error(403, "Refused", "The login did not come from the console's page.");
    }
    Duration wait = throttle.waitNow();
    if (!wait.isZero()) {
      log.warn(
          "console: login refused, too many failed logins (next in {}s)", wait.toSeconds() + 1);
      Reply page =
          loginPage(429, "Too many failed logins. Try again in " + (wait.toSeconds() + 1) + " s.");
      return new Reply(
          page.status(),
          page.contentType(),
          page.body(),
          Map.of("Retry-After", Long.toString(wait.toSeconds() + 1)));
    }
    ConsoleRequest r = ConsoleRequest.of(raw, null);
    String operator = r.field("operator");
    String password = r.field("password");
    if (operator == null || !OPERATOR.matcher(operator.strip()).matches()) {
      return loginPage(
          400,
          "Your name: 1 to 32 letters, digits, spaces or . _ @ - (it goes into the audit log).");
    }
    if (password == null
        || !ConsolePassword.matches(password.toCharArray(), config.passwordHash())) {
      throttle.failed();
      log.warn("console: failed login as '{}'", operator.strip());
      return loginPage(401, "Wrong password.");
    }
    Session s = sessions.open(operator.strip());
    log.info("console: {} logged in", s.operator());
    return new Reply(
        303, null, new byte[0], Map.of("Location", "/", "Set-Cookie", sessions.cookie(s)));
  }

  private Reply loginPage(int status, @Nullable String problem) {
    return Layout.bare(
        status,
        "Log in",
        "<main class=\"narrow login\"><h1>ngsign agent console</h1>"
            + "<p class=\"muted\">node "
            + esc(ctx.node())
            + "</p>"
            + (problem == null ? "" : "<p class=\"error\" role=\"alert\">" + esc(problem) + "</p>")
            + "<form method=\"post\" action=\"/login\">"
            + "<label>Your name <small>(for the audit log)</small>"
            + "<input name=\"operator\" autocomplete=\"username\" required maxlength=\"32\"></label>"
            + "<label>Password<input name=\"password\" type=\"password\""
            + " autocomplete=\"current-password\" required></label>"
            + "<button type=\"submit\">Log in</button></form></main>");
  }

  private static Reply withSecurityHeaders(Reply r) {
    Map<String, String> h = new HashMap<>(SECURITY_HEADERS);
    if (!h.containsKey("Cache-Control")) {
      h.put("Cache-Control", "no-store");
    }
    h.putAll(r.headers()); // assets set their own Cache-Control
    return new Reply(r.status(), r.contentType(), r.body(), Map.copyOf(h));
  }

  /** A request a page cannot act on (a missing or malformed field): 400 with the sentence. */
  public static final class BadInput extends dev.ngsign.ngs.agent.AgentException {
    private static final long serialVersionUID = 1L;

    public BadInput(String message) {
      super(message);
    }
  }
}
