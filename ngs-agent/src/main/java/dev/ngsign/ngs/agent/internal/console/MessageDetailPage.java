package dev.ngsign.ngs.agent.internal.console;

import static dev.ngsign.ngs.agent.internal.console.Html.esc;

import dev.ngsign.http.Reply;
import dev.ngsign.ngs.agent.MessageStatus;
import dev.ngsign.ngs.agent.internal.console.query.CodeText;
import dev.ngsign.ngs.agent.internal.console.query.MessageDetail;
import dev.ngsign.ngs.agent.internal.console.query.MessageSearch;
import dev.ngsign.ngs.agent.internal.console.query.SearchException;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code /messages/<id>}: one row's facts and timeline, from the send table or, with {@code
 * ?log=YYYYMM}, from that month's log table (then without actions: they work on the send table).
 */
final class MessageDetailPage {
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final MessageSearch search;

  MessageDetailPage(MessageSearch search) {
    this.search = search;
  }

  Reply detail(ConsoleRequest r) {
    long id;
    try {
      id = Long.parseLong(r.tail());
    } catch (NumberFormatException e) {
      throw new Console.BadInput("id: '" + r.tail() + "' is not a row ID");
    }
    String logMonth = r.param("log");
    Optional<MessageDetail> found;
    try {
      found = search.detail(id, logMonth);
    } catch (SearchException e) {
      throw new Console.BadInput(e.getMessage());
    }
    if (found.isEmpty()) {
      return Layout.error(
          404,
          "No such row",
          logMonth == null
              ? "Row "
                  + id
                  + " is not in the send table. A finished row moves to its month's log table:"
                  + " search with an insertion date to find it there."
              : "Row " + id + " is not in the log table of " + shownMonth(logMonth) + ".");
    }
    MessageDetail m = found.get();
    StringBuilder sb =
        new StringBuilder("<main><h1>Row ")
            .append(m.id())
            .append(" <span class=\"status s-")
            .append(esc(m.status().toLowerCase(Locale.ROOT)))
            .append("\" id=\"status\">")
            .append(esc(m.status()))
            .append("</span></h1>");
    if (m.logMonth() != null) {
      sb.append("<p class=\"muted\" id=\"archived\">Archived: read from the log table of ")
          .append(esc(shownMonth(m.logMonth())))
          .append(". Actions apply to rows in the send table only.</p>");
    }
    sb.append("<table class=\"facts\" id=\"facts\">");
    fact(sb, "SERIAL", nz(m.serial()));
    fact(sb, "Gateway serial", nz(m.gwSerial()));
    fact(sb, "Account", m.account());
    fact(sb, "Recipient", m.maskedRecipient());
    fact(sb, "Type", m.msgType());
    fact(sb, "Attempts", Integer.toString(m.attempts()));
    fact(sb, "Node", nz(m.nodeId()));
    fact(
        sb,
        "Content",
        m.textLength()
            + " characters, "
            + (m.attachments() == null
                ? "attachments deleted when the row was archived"
                : m.attachments() + " attachment(s)")
            + " — not shown: it may hold a one-time password or a name");
    if (m.telco() != null) {
      fact(sb, "Carrier", m.telco());
    }
    if (m.resultMsg() != null) {
      fact(sb, "Result message", m.resultMsg());
    }
    if (m.orphanReports() > 0) {
      fact(
          sb,
          "Unmatched reports",
          m.orphanReports() + " REPORT(s) for this SERIAL came when no row had it (REPORT_ORPHAN)");
    }
    sb.append("</table><h2>Timeline</h2><table class=\"list\" id=\"timeline\"><thead><tr>")
        .append("<th>When</th><th>Step</th><th>What</th><th>Code</th></tr></thead><tbody>");
    for (MessageDetail.Event e : m.timeline()) {
      sb.append("<tr data-step=\"")
          .append(esc(e.step()))
          .append("\"><td>")
          .append(
              e.at() == null ? "<span class=\"muted\">not kept</span>" : esc(SHOWN.format(e.at())))
          .append("</td><td>")
          .append(esc(e.step()))
          .append("</td><td>")
          .append(esc(e.text()))
          .append("</td><td>")
          .append(e.code() == null ? "" : codeText(e.code()))
          .append("</td></tr>");
    }
    sb.append("</tbody></table><p class=\"actions\">");
    MessageStatus s = m.logMonth() == null ? MessageStatus.fromCode(m.status()) : null;
    if (s == MessageStatus.FAILED || s == MessageStatus.EXPIRED) {
      sb.append("<a class=\"button\" href=\"/actions/resend?id=")
          .append(m.id())
          .append("\">Resend…</a> ");
    }
    if (s == MessageStatus.READY) {
      sb.append("<a class=\"button\" href=\"/actions/cancel?id=")
          .append(m.id())
          .append("\">Cancel…</a> ");
    }
    sb.append("<a href=\"/messages\">Back to the search</a></p></main>");
    return Layout.page(r, "Row " + m.id(), OverviewPage.HEAD, sb.toString());
  }

  /** The detail page of a row in the send table, or in the log table of {@code logMonth}. */
  static String path(long id, @Nullable String logMonth) {
    return "/messages/" + id + (logMonth == null ? "" : "?log=" + logMonth);
  }

  /** {@code yyyyMM} as {@code yyyy-MM}. */
  static String shownMonth(String yyyyMM) {
    return yyyyMM.substring(0, 4) + "-" + yyyyMM.substring(4);
  }

  private static void fact(StringBuilder sb, String name, String value) {
    sb.append("<tr><th>")
        .append(esc(name))
        .append("</th><td>")
        .append(esc(value))
        .append("</td></tr>");
  }

  static String codeText(CodeText c) {
    return "<span class=\"code\" title=\""
        + esc(c.meaning())
        + "\">"
        + c.code()
        + " "
        + esc(c.name())
        + "</span> <span class=\"muted\">"
        + esc(c.meaning())
        + "</span>";
  }

  private static String nz(@Nullable String s) {
    return s == null ? "" : s;
  }
}
