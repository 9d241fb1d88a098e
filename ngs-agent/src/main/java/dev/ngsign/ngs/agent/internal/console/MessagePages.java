package dev.ngsign.ngs.agent.internal.console;

import static dev.ngsign.ngs.agent.internal.console.Html.esc;

import dev.ngsign.http.Reply;
import dev.ngsign.ngs.agent.MessageStatus;
import dev.ngsign.ngs.agent.internal.console.query.ArchiveMonths;
import dev.ngsign.ngs.agent.internal.console.query.CodeText;
import dev.ngsign.ngs.agent.internal.console.query.MessageSearch;
import dev.ngsign.ngs.agent.internal.console.query.SearchCriteria;
import dev.ngsign.ngs.agent.internal.console.query.SearchException;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code /messages}: the message search (and, through {@link MessageDetailPage}, {@code
 * /messages/<id>}: one row's timeline).
 *
 * <p>The search form is a POST whose criteria the console keeps (a random id, the last {@link
 * #KEPT} searches): the result page and its next pages are {@code /messages?q=<id>}, so a
 * recipient's number is never in a URL (browser history, proxy logs) nor written back into a page;
 * the page names the filter masked.
 */
final class MessagePages {
  static final int KEPT = 500;
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final ConsoleContext ctx;
  private final MessageSearch search;
  private final MessageDetailPage detailPage;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, SearchCriteria> kept =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SearchCriteria> e) {
          return size() > KEPT;
        }
      };

  MessagePages(ConsoleContext ctx) {
    this.ctx = ctx;
    this.search =
        new MessageSearch(
            ctx.store().tables(),
            10,
            ctx.config().logTable().monthly()
                ? new ArchiveMonths(
                    ctx.config().zone(),
                    ctx.config().logTable().monthZone(ctx.config().zone()),
                    ctx::now)
                : null);
    this.detailPage = new MessageDetailPage(search);
  }

  void register(Router r) {
    r.get("/messages", this::list).post("/messages", this::submit);
    r.getPrefix("/messages/", detailPage::detail);
  }

  /** The form's fields as criteria, kept; then the result page. */
  private Reply submit(ConsoleRequest r) {
    SearchCriteria c;
    try {
      String status = r.field("status");
      c =
          new SearchCriteria(
              r.field("serial"),
              r.field("recipient"),
              status == null || status.isBlank() ? null : status(status),
              blank(r.field("account")),
              time("from", r.field("from")),
              time("to", r.field("to")),
              null,
              SearchCriteria.DEFAULT_PAGE);
    } catch (SearchException e) {
      throw new Console.BadInput(e.getMessage());
    }
    byte[] b = new byte[12];
    random.nextBytes(b);
    String id = HexFormat.of().formatHex(b);
    synchronized (kept) {
      kept.put(id, c);
    }
    return Layout.seeOther("/messages?q=" + id);
  }

  private Reply list(ConsoleRequest r) {
    String q = r.param("q");
    SearchCriteria c;
    if (q == null) {
      c = SearchCriteria.newest();
    } else {
      synchronized (kept) {
        c = kept.get(q);
      }
      if (c == null) {
        throw new Console.BadInput("q: this search is no longer kept; search again");
      }
    }
    String before = r.param("before");
    if (before != null) {
      try {
        c =
            new SearchCriteria(
                c.serial(),
                c.recipient(),
                c.status(),
                c.account(),
                c.from(),
                c.to(),
                Long.parseLong(before),
                c.pageSize());
      } catch (NumberFormatException e) {
        throw new Console.BadInput("before: '" + before + "' is not a row ID");
      }
    }
    MessageSearch.Page page;
    try {
      page = search.search(c);
    } catch (SearchException e) {
      throw new Console.BadInput(e.getMessage());
    }
    StringBuilder sb = new StringBuilder("<main><h1>Messages</h1>");
    form(sb, r);
    sb.append("<p class=\"muted\" id=\"filter\">")
        .append(esc(describe(c)))
        .append(esc(archiveNote(c, page)))
        .append("</p><table class=\"list\" id=\"results\"><thead><tr><th>ID</th><th>SERIAL</th>")
        .append("<th>Account</th><th>Recipient</th><th>Type</th><th>Status</th><th>Attempts</th>")
        .append("<th>Inserted</th><th>ACK</th><th>Result</th><th>Kept in</th></tr></thead><tbody>");
    for (MessageSearch.Found f : page.rows()) {
      sb.append("<tr data-id=\"")
          .append(f.id())
          .append("\"><td><a href=\"")
          .append(esc(MessageDetailPage.path(f.id(), f.logMonth())))
          .append("\">")
          .append(f.id())
          .append("</a></td><td>")
          .append(esc(nz(f.serial())))
          .append("</td><td>")
          .append(esc(f.account()))
          .append("</td><td class=\"recipient\">")
          .append(esc(f.maskedRecipient()))
          .append("</td><td>")
          .append(esc(f.msgType()))
          .append("</td><td class=\"status s-")
          .append(esc(f.status().toLowerCase(Locale.ROOT)))
          .append("\">")
          .append(esc(f.status()))
          .append("</td><td>")
          .append(f.attempts())
          .append("</td><td>")
          .append(esc(SHOWN.format(f.createdAt())))
          .append("</td><td>")
          .append(code(f.ackCode()))
          .append("</td><td>")
          .append(code(f.resultCode()))
          .append("</td><td class=\"kept\">")
          .append(
              f.archived()
                  ? "log " + esc(MessageDetailPage.shownMonth(f.logMonth()))
                  : "send table")
          .append("</td></tr>");
    }
    if (page.rows().isEmpty()) {
      sb.append("<tr><td colspan=\"11\" class=\"muted\">No row matches.</td></tr>");
    }
    sb.append("</tbody></table>");
    if (page.nextBeforeId() != null) {
      sb.append("<p><a class=\"button\" id=\"next\" href=\"/messages?")
          .append(q == null ? "" : "q=" + esc(q) + "&amp;")
          .append("before=")
          .append(page.nextBeforeId())
          .append("\">Older rows</a></p>");
    }
    sb.append("</main>");
    return Layout.page(r, "Messages", OverviewPage.HEAD, sb.toString());
  }

  private void form(StringBuilder sb, ConsoleRequest r) {
    sb.append("<form method=\"post\" action=\"/messages\" class=\"search\" id=\"search\">")
        .append(Html.csrfField(r.requireSession()))
        .append("<label>SERIAL <input name=\"serial\" maxlength=\"20\"></label>")
        .append("<label>Recipient <input name=\"recipient\" maxlength=\"24\"")
        .append(" autocomplete=\"off\" placeholder=\"010-1234-5678\"></label>")
        .append("<label>Status <select name=\"status\"><option value=\"\">any</option>");
    for (MessageStatus s : MessageStatus.values()) {
      sb.append("<option>").append(s.code()).append("</option>");
    }
    sb.append("</select></label><label>Account <select name=\"account\">")
        .append("<option value=\"\">any</option>");
    for (var a : ctx.config().accounts()) {
      sb.append("<option>").append(esc(a.name())).append("</option>");
    }
    sb.append("</select></label>")
        .append("<label>Inserted from <input type=\"datetime-local\" name=\"from\"></label>")
        .append("<label>to <input type=\"datetime-local\" name=\"to\"></label>")
        .append("<button type=\"submit\">Search</button></form>");
  }

  /** Which log tables the search read, or why it read none. */
  private String archiveNote(SearchCriteria c, MessageSearch.Page page) {
    if (!ctx.config().logTable().monthly()) {
      return "";
    }
    if (!page.logMonths().isEmpty()) {
      return " Archived rows too: the log tables of "
          + String.join(", ", page.logMonths().stream().map(MessageDetailPage::shownMonth).toList())
          + ".";
    }
    if (c.from() == null) {
      return " Archived rows (moved to the monthly log tables) are searched when you give an"
          + " insertion date (from).";
    }
    return c.status() != null && !c.status().terminal()
        ? ""
        : " No log table exists for these dates.";
  }

  private static String code(@Nullable Integer code) {
    if (code == null) {
      return "";
    }
    CodeText c = CodeText.of(code);
    return "<span class=\"code\" title=\""
        + esc(c.meaning())
        + "\">"
        + code
        + " "
        + esc(c.name())
        + "</span>";
  }

  private static String describe(SearchCriteria c) {
    StringBuilder sb = new StringBuilder();
    if (c.serial() != null) {
      sb.append("SERIAL ").append(c.serial()).append("; ");
    }
    if (c.recipient() != null) {
      sb.append("recipient ")
          .append(dev.ngsign.ngs.agent.internal.console.query.RecipientMask.mask(c.recipient()))
          .append("; ");
    }
    if (c.status() != null) {
      sb.append("status ").append(c.status().code()).append("; ");
    }
    if (c.account() != null) {
      sb.append("account ").append(c.account()).append("; ");
    }
    if (c.from() != null) {
      sb.append("inserted from ").append(SHOWN.format(c.from())).append("; ");
    }
    if (c.to() != null) {
      sb.append("inserted before ").append(SHOWN.format(c.to())).append("; ");
    }
    return sb.length() == 0
        ? "The newest rows, newest first."
        : "Rows with " + sb.substring(0, sb.length() - 2) + ", newest first.";
  }

  private static MessageStatus status(String s) {
    MessageStatus st = MessageStatus.fromCode(s.trim());
    if (st == null) {
      throw new SearchException("status: '" + s + "' is not a status");
    }
    return st;
  }

  private static @Nullable LocalDateTime time(String field, @Nullable String v) {
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return LocalDateTime.parse(v.trim());
    } catch (DateTimeParseException e) {
      throw new SearchException(field + ": '" + v + "' is not a date and time (yyyy-MM-ddTHH:mm)");
    }
  }

  private static @Nullable String blank(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static String nz(@Nullable String s) {
    return s == null ? "" : s;
  }
}
