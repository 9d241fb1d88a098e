package dev.ngsign.ngs.agent.internal.console;

import static dev.ngsign.ngs.agent.internal.console.Html.esc;

import dev.ngsign.http.Reply;
import dev.ngsign.ngs.agent.internal.console.auth.Session;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The page shell every console page shares: head (charset, the console's stylesheet and script,
 * page-specific extras), the navigation with the operator's name and the logout button, and the
 * page's body. Server-rendered; works without JavaScript.
 */
public final class Layout {
  /** HTML's content type. */
  public static final String HTML = "text/html; charset=utf-8";

  private Layout() {}

  /** A 200 page behind the login. */
  public static Reply page(ConsoleRequest r, String title, String body) {
    return page(r, title, "", body);
  }

  /**
   * A 200 page behind the login.
   *
   * @param extraHead more {@code <script>}/{@code <link>} elements from {@code /assets/}
   */
  public static Reply page(ConsoleRequest r, String title, String extraHead, String body) {
    return Reply.of(200, HTML, bytes(document(title, extraHead, nav(r.requireSession()), body)));
  }

  /** A page outside the login (login form, errors before a session), with a status. */
  public static Reply bare(int status, String title, String body) {
    return Reply.of(status, HTML, bytes(document(title, "", "", body)));
  }

  /** An error page: a heading and one sentence, free of request data unless escaped. */
  public static Reply error(int status, String title, String sentence) {
    return bare(
        status,
        title,
        "<main class=\"narrow\"><h1>"
            + esc(title)
            + "</h1><p class=\"error\">"
            + esc(sentence)
            + "</p><p><a href=\"/\">Back to the console</a></p></main>");
  }

  /** A 303 to {@code location} (Post/Redirect/Get after an action). */
  public static Reply seeOther(String location) {
    return new Reply(303, null, new byte[0], Map.of("Location", location));
  }

  private static String nav(Session s) {
    return "<header class=\"top\"><nav><a class=\"brand\" href=\"/\">ngsign agent</a>"
        + "<a href=\"/\">Overview</a><a href=\"/messages\">Messages</a><a href=\"/audit\">Audit"
        + " log</a></nav><form method=\"post\" action=\"/logout\" class=\"logout\">"
        + "<span class=\"operator\">"
        + esc(s.operator())
        + "</span>"
        + Html.csrfField(s)
        + "<button type=\"submit\">Log out</button></form></header>";
  }

  private static String document(String title, String extraHead, String nav, String body) {
    return "<!DOCTYPE html><html lang=\"ko\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>"
        + esc(title)
        + " · ngsign agent</title>"
        + "<link rel=\"stylesheet\" href=\"/assets/console.css\">"
        + extraHead
        + "</head><body>"
        + nav
        + body
        + "</body></html>";
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
