package dev.ngsign.ngs.agent.internal.console;

import static dev.ngsign.ngs.agent.internal.console.Html.esc;

import dev.ngsign.http.Reply;
import dev.ngsign.ngs.agent.AgentConfig;
import dev.ngsign.ngs.agent.internal.store.Pauses;
import java.util.Map;

/**
 * {@code GET /}: one line per account — held by this node or standby, paused or sending, with the
 * pause/resume action. (The live charts and session state come on top of this.)
 */
final class OverviewPage {
  private final ConsoleContext ctx;

  OverviewPage(ConsoleContext ctx) {
    this.ctx = ctx;
  }

  void register(Router r) {
    r.get("/", this::page);
  }

  private Reply page(ConsoleRequest r) {
    Map<String, Long> held = ctx.heldAccounts().get();
    Map<String, Pauses.Pause> paused = ctx.store().pauses().all();
    StringBuilder sb =
        new StringBuilder("<main><h1>Overview</h1><p class=\"muted\">node ")
            .append(esc(ctx.node()))
            .append("</p><table class=\"list\" id=\"accounts\"><thead><tr><th>Account</th>")
            .append("<th>NGS id</th><th>Lease</th><th>Sending</th><th></th></tr></thead><tbody>");
    for (AgentConfig.Account a : ctx.config().accounts()) {
      Pauses.Pause p = paused.get(a.name());
      sb.append("<tr data-account=\"")
          .append(esc(a.name()))
          .append("\"><td>")
          .append(esc(a.name()))
          .append("</td><td>")
          .append(esc(a.id()))
          .append("</td><td class=\"lease\">")
          .append(held.containsKey(a.name()) ? "held here" : "standby")
          .append("</td><td class=\"sending\">")
          .append(
              p == null
                  ? "running"
                  : "paused by "
                      + esc(p.operator())
                      + " at "
                      + esc(p.since())
                      + (p.reason() == null ? "" : " (" + esc(p.reason()) + ")"))
          .append("</td><td>")
          .append(
              p == null
                  ? "<a class=\"button\" href=\"/actions/pause?account="
                      + esc(url(a.name()))
                      + "\">Pause</a>"
                  : "<a class=\"button\" href=\"/actions/resume?account="
                      + esc(url(a.name()))
                      + "\">Resume</a>")
          .append("</td></tr>");
    }
    sb.append("</tbody></table></main>");
    return Layout.page(r, "Overview", sb.toString());
  }

  private static String url(String v) {
    return java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8);
  }
}
