package dev.ngsign.ngs.agent.internal.console;

import static dev.ngsign.ngs.agent.internal.console.Html.esc;

import dev.ngsign.http.Reply;
import dev.ngsign.ngs.agent.internal.store.AuditLog;
import java.util.List;

/**
 * {@code GET /audit}: the newest 200 console actions (who, when, which node, what, which row or
 * account); {@code ?done=<id>} marks the entry an action just wrote and says what happened; {@code
 * ?msg=<id>} shows only the entries about one row.
 */
final class AuditPage {
  private static final int LIMIT = 200;

  private final ConsoleContext ctx;

  AuditPage(ConsoleContext ctx) {
    this.ctx = ctx;
  }

  void register(Router r) {
    r.get("/audit", this::page);
  }

  private Reply page(ConsoleRequest r) {
    Long done = number(r.param("done"));
    Long msg = number(r.param("msg"));
    List<AuditLog.Entry> entries = ctx.store().auditLog().recent(LIMIT, msg);
    StringBuilder sb = new StringBuilder("<main><h1>Audit log</h1>");
    for (AuditLog.Entry e : entries) {
      if (done != null && e.id() == done) {
        sb.append("<p class=\"notice\" id=\"notice\" role=\"status\">")
            .append(esc(sentence(e)))
            .append("</p>");
      }
    }
    sb.append(
        "<table class=\"list\"><thead><tr><th>#</th><th>When</th><th>Operator</th><th>Node</th>"
            + "<th>Action</th><th>Account</th><th>Row</th><th>New row</th><th>Detail</th></tr>"
            + "</thead><tbody>");
    for (AuditLog.Entry e : entries) {
      sb.append("<tr data-audit=\"")
          .append(e.id())
          .append(done != null && e.id() == done ? "\" class=\"marked\">" : "\">")
          .append("<td>")
          .append(e.id())
          .append("</td><td>")
          .append(esc(e.at()))
          .append("</td><td>")
          .append(esc(e.operator()))
          .append("</td><td>")
          .append(esc(e.node()))
          .append("</td><td class=\"action\">")
          .append(esc(e.action()))
          .append("</td><td>")
          .append(esc(e.account() == null ? "" : e.account()))
          .append("</td><td>")
          .append(e.msgId() == null ? "" : e.msgId())
          .append("</td><td class=\"new-row\">")
          .append(e.newMsgId() == null ? "" : e.newMsgId())
          .append("</td><td>")
          .append(esc(e.detail() == null ? "" : e.detail()))
          .append("</td></tr>");
    }
    if (entries.isEmpty()) {
      sb.append("<tr><td colspan=\"9\" class=\"muted\">No actions yet.</td></tr>");
    }
    sb.append("</tbody></table></main>");
    return Layout.page(r, "Audit log", sb.toString());
  }

  private static String sentence(AuditLog.Entry e) {
    return switch (e.action()) {
      case "RESEND" -> "Row " + e.msgId() + " resent as row " + e.newMsgId() + ".";
      case "CANCEL" -> "Row " + e.msgId() + " canceled.";
      case "PAUSE" -> "Account " + e.account() + " paused.";
      case "RESUME" -> "Account " + e.account() + " resumed.";
      default -> e.action() + " done.";
    };
  }

  private static Long number(String v) {
    return v != null && v.matches("[0-9]{1,18}") ? Long.parseLong(v) : null;
  }
}
