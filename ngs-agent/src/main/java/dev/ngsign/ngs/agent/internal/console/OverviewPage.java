package dev.ngsign.ngs.agent.internal.console;

import static dev.ngsign.ngs.agent.internal.console.Html.esc;

import dev.ngsign.http.Reply;
import dev.ngsign.ngs.agent.AccountStatus;
import dev.ngsign.ngs.agent.AgentConfig;
import dev.ngsign.ngs.agent.StoreException;
import dev.ngsign.ngs.agent.internal.console.query.CodeText;
import dev.ngsign.ngs.agent.internal.console.query.Latency;
import dev.ngsign.ngs.agent.internal.console.query.RowCounts;
import dev.ngsign.ngs.agent.internal.console.query.Traffic;
import dev.ngsign.ngs.agent.internal.console.query.TrafficHistory;
import dev.ngsign.ngs.agent.internal.store.Pauses;
import dev.ngsign.ngs.client.SessionState;
import dev.ngsign.ngs.client.SessionStatus;
import dev.ngsign.ngs.protocol.DurationFormat;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /}: what an operator woken at 3 a.m. needs first. On top, one line per problem (an
 * account not bound and why, a paused account, a queue whose head has waited over a minute, the
 * database not answering) or a green "all accounts bound and sending". Below, a card per account:
 * session state with reason and since when, lease holder, TPS cap and the actual send rate, rows by
 * status, ACK codes, reports per minute and the latencies; then the 15-minute charts.
 *
 * <p>The cards are the fragment {@code GET /overview/live}, which htmx swaps every {@link
 * #REFRESH_SECONDS} s; the charts read {@code GET /overview/series} (JSON) from the page's script.
 * Without JavaScript the page still shows the numbers of the moment it was loaded.
 */
final class OverviewPage {
  /** The scripts and stylesheets of the console's pages (all from /assets/, CSP 'self'). */
  static final String HEAD =
      "<meta name=\"htmx-config\" content='{\"includeIndicatorStyles\":false}'>"
          + "<link rel=\"stylesheet\" href=\"/assets/uPlot.min.css\">"
          + "<link rel=\"stylesheet\" href=\"/assets/console-pages.css\">"
          + "<script src=\"/assets/htmx.min.js\" defer></script>"
          + "<script src=\"/assets/uPlot.iife.min.js\" defer></script>"
          + "<script src=\"/assets/console-overview.js\" defer></script>";

  static final int REFRESH_SECONDS = 2;
  static final int WINDOW_MINUTES = 15;

  /** The head of a queue waiting longer than this is a problem line. */
  static final Duration WAITING_TOO_LONG = Duration.ofMinutes(1);

  private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final ConsoleContext ctx;
  private final RowCounts rows;
  private final TrafficHistory history;
  private final SendRates rates = new SendRates();

  OverviewPage(ConsoleContext ctx) {
    this.ctx = ctx;
    this.rows = new RowCounts(ctx.store().tables());
    this.history =
        new TrafficHistory(
            new Traffic(ctx.store().tables(), 2000),
            ctx.clock(),
            ctx.config().zone(),
            WINDOW_MINUTES);
  }

  void register(Router r) {
    r.get("/", this::page).get("/overview/live", this::live).get("/overview/series", this::series);
  }

  private Reply page(ConsoleRequest r) {
    String body =
        "<main><h1>Overview <span class=\"muted\">node "
            + esc(ctx.node())
            + "</span></h1><section id=\"live\" hx-get=\"/overview/live\" hx-trigger=\"every "
            + REFRESH_SECONDS
            + "s\" hx-swap=\"innerHTML\">"
            + liveHtml()
            + "</section><h2>Last "
            + WINDOW_MINUTES
            + " minutes</h2><section id=\"charts\" data-series=\"/overview/series\"></section>"
            + "</main>";
    return Layout.page(r, "Overview", HEAD, body);
  }

  private Reply live(ConsoleRequest r) {
    return Reply.of(200, Layout.HTML, liveHtml().getBytes(StandardCharsets.UTF_8));
  }

  /** Everything one refresh shows, read once. */
  private record Snapshot(
      List<AccountStatus> accounts,
      Map<String, Pauses.Pause> paused,
      @Nullable Map<String, RowCounts.AccountRows> rows,
      @Nullable List<TrafficHistory.Minute> minutes,
      @Nullable String databaseError,
      LocalDateTime now) {}

  private Snapshot read() {
    LocalDateTime now = ctx.now();
    List<AccountStatus> accounts = ctx.accountStatus().get();
    List<String> names = accounts.stream().map(AccountStatus::account).toList();
    try {
      return new Snapshot(
          accounts,
          ctx.store().pauses().all(),
          rows.read(
              names, ctx.config().defaultAccount().name(), now.minusMinutes(WINDOW_MINUTES), now),
          history.read(),
          null,
          now);
    } catch (StoreException e) {
      return new Snapshot(accounts, Map.of(), null, null, e.getMessage(), now);
    }
  }

  private String liveHtml() {
    Snapshot s = read();
    StringBuilder sb = new StringBuilder();
    problems(sb, s);
    sb.append("<div class=\"cards\">");
    for (AccountStatus a : s.accounts()) {
      card(sb, a, s);
    }
    sb.append("</div><p class=\"muted refreshed\">as of ")
        .append(esc(HMS.format(s.now())))
        .append(" (")
        .append(esc(ctx.config().zone().getId()))
        .append("), refreshed every ")
        .append(REFRESH_SECONDS)
        .append(" s; finished rows and codes over the last ")
        .append(WINDOW_MINUTES)
        .append(" minutes</p>");
    return sb.toString();
  }

  private void problems(StringBuilder sb, Snapshot s) {
    List<String> lines = new ArrayList<>();
    if (s.databaseError() != null) {
      lines.add("Database: " + s.databaseError());
    }
    for (AccountStatus a : s.accounts()) {
      if (a.heldHere() && !a.bound()) {
        SessionState p = a.problem().orElse(null);
        lines.add(
            "Account "
                + a.account()
                + ": not bound"
                + (a.unboundSince() == null ? "" : " for " + human(a.unboundFor()))
                + (p == null ? "" : " — " + session(p, ctx.config().zone())));
      }
      if (a.holder() == null) {
        lines.add("Account " + a.account() + ": no node holds it (no agent is sending for it)");
      }
      Pauses.Pause pause = s.paused().get(a.account());
      if (pause != null) {
        lines.add("Account " + a.account() + ": paused by " + pause.operator());
      }
      RowCounts.AccountRows r = s.rows() == null ? null : s.rows().get(a.account());
      if (r != null && r.oldestDueReady() != null) {
        Duration waited = Duration.between(r.oldestDueReady(), s.now());
        if (waited.compareTo(WAITING_TOO_LONG) > 0) {
          lines.add(
              "Account "
                  + a.account()
                  + ": the oldest due READY row has waited "
                  + human(waited)
                  + " ("
                  + r.count("READY")
                  + " READY)");
        }
      }
    }
    if (lines.isEmpty()) {
      sb.append("<p class=\"banner ok\" id=\"problems\" data-problems=\"0\">")
          .append("All accounts bound and sending; no queue waiting.</p>");
      return;
    }
    sb.append("<ul class=\"banner bad\" id=\"problems\" data-problems=\"")
        .append(lines.size())
        .append("\" role=\"alert\">");
    for (String l : lines) {
      sb.append("<li>").append(esc(l)).append("</li>");
    }
    sb.append("</ul>");
  }

  private void card(StringBuilder sb, AccountStatus a, Snapshot s) {
    String name = a.account();
    sb.append("<article class=\"account\" data-account=\"")
        .append(esc(name))
        .append("\"><h3>")
        .append(esc(name))
        .append(" <span class=\"muted\">NGS id ")
        .append(esc(a.ngsId()))
        .append("</span></h3><table class=\"facts\">");
    // session state
    sb.append("<tr><th>Sessions</th><td class=\"sessions\">");
    if (!a.heldHere()) {
      sb.append("<span class=\"muted\">not held by this node</span>");
    } else {
      sb.append("<span class=\"")
          .append(a.bound() ? "good" : "error")
          .append("\" data-bound=\"")
          .append(a.bound())
          .append("\">")
          .append(a.bound() ? "bound" : "NOT bound")
          .append("</span>");
      sessionLine(sb, "deliver", a.deliver(), ctx.config().zone());
      sessionLine(sb, "report", a.report(), ctx.config().zone());
    }
    sb.append("</td></tr><tr><th>Lease</th><td class=\"lease\">")
        .append(
            a.heldHere()
                ? "held by this node (" + esc(ctx.node()) + ")"
                : a.holder() == null
                    ? "<span class=\"error\">no holder</span>"
                    : "held by node " + esc(a.holder()))
        .append("</td></tr>");
    Pauses.Pause pause = s.paused().get(name);
    sb.append("<tr><th>Sending</th><td class=\"sending\">")
        .append(
            pause == null
                ? "running"
                : "<span class=\"warning\">paused by "
                    + esc(pause.operator())
                    + " at "
                    + esc(pause.since())
                    + (pause.reason() == null ? "" : " (" + esc(pause.reason()) + ")")
                    + "</span>")
        .append(" <a class=\"button small\" href=\"/actions/")
        .append(pause == null ? "pause" : "resume")
        .append("?account=")
        .append(esc(URLEncoder.encode(name, StandardCharsets.UTF_8)))
        .append("\">")
        .append(pause == null ? "Pause…" : "Resume…")
        .append("</a></td></tr>");
    // TPS
    int cap = tpsCap(name);
    sb.append("<tr><th>TPS</th><td class=\"tps\">gateway ")
        .append(
            a.gatewayTps() == null
                ? "— (not bound here)"
                : "<span class=\"gateway-tps\">SMS "
                    + a.gatewayTps().sms()
                    + " / MMS "
                    + a.gatewayTps().mms()
                    + " / KKO "
                    + a.gatewayTps().kko()
                    + "</span>")
        .append("; agent cap ")
        .append(cap == 0 ? "none" : cap + "/s")
        .append("; sending now <b class=\"rate\">");
    if (a.heldHere()) {
      double rate = rates.rate(name, ctx.sentTotal().applyAsDouble(name), ctx.clock().instant());
      sb.append(rate < 0 ? "…" : String.format(java.util.Locale.ROOT, "%.1f/s", rate));
    } else {
      sb.append("— (sent by ").append(esc(a.holder() == null ? "no node" : a.holder())).append(")");
    }
    sb.append("</b></td></tr>");
    RowCounts.AccountRows r = s.rows() == null ? null : s.rows().get(name);
    if (r != null && r.oldestDueReady() != null) {
      sb.append("<tr><th>Oldest waiting</th><td class=\"oldest\">")
          .append(esc(human(Duration.between(r.oldestDueReady(), s.now()))))
          .append("</td></tr>");
    }
    sb.append("</table>");
    // rows by status
    sb.append("<table class=\"statuses\"><tr>");
    String[] statuses = {
      "READY", "SENDING", "SENT", "DONE", "FAILED", "REJECTED", "EXPIRED", "CANCELED"
    };
    for (String st : statuses) {
      sb.append("<th>")
          .append(st)
          .append(st.equals("DONE") ? "<sup>15m</sup>" : "")
          .append("</th>");
    }
    sb.append("</tr><tr>");
    for (String st : statuses) {
      sb.append("<td data-status=\"")
          .append(st)
          .append("\" class=\"s-")
          .append(st.toLowerCase(java.util.Locale.ROOT))
          .append("\">")
          .append(r == null ? "?" : Long.toString(r.count(st)))
          .append("</td>");
    }
    sb.append("</tr></table>");
    // traffic: the last complete minute, and the window's ACK codes
    List<TrafficHistory.Minute> minutes = s.minutes();
    if (minutes != null && minutes.size() >= 2) {
      Traffic.AccountTraffic last = minutes.get(minutes.size() - 2).of(name);
      Map<Integer, Long> acks = new TreeMap<>();
      for (TrafficHistory.Minute m : minutes) {
        m.of(name).acks().forEach((k, v) -> acks.merge(k, v, Long::sum));
      }
      sb.append("<p class=\"traffic\">Last full minute: <b class=\"reports\">")
          .append(last.reports())
          .append("</b> reports (")
          .append(last.failed())
          .append(" failed), <b class=\"acked\">")
          .append(last.ackTotal())
          .append("</b> ACKs; insert→ACK ")
          .append(latency(last.insertToAck()))
          .append("; ACK→report ")
          .append(latency(last.ackToReport()))
          .append("</p><table class=\"list acks\"><thead><tr><th>ACK code</th><th>rows</th>")
          .append("</tr></thead><tbody>");
      for (var e : acks.entrySet()) {
        CodeText c = CodeText.of(e.getKey());
        sb.append("<tr data-code=\"")
            .append(c.code())
            .append("\"><td>")
            .append(MessageDetailPage.codeText(c))
            .append("</td><td class=\"n\">")
            .append(e.getValue())
            .append("</td></tr>");
      }
      if (acks.isEmpty()) {
        sb.append("<tr><td colspan=\"2\" class=\"muted\">no ACK in the window</td></tr>");
      }
      sb.append("</tbody></table>");
    }
    sb.append("</article>");
  }

  private static void sessionLine(
      StringBuilder sb, String kind, @Nullable SessionState st, ZoneId zone) {
    sb.append("<div class=\"session\" data-kind=\"")
        .append(kind)
        .append("\" data-status=\"")
        .append(st == null ? "" : st.status().name())
        .append("\">")
        .append(kind)
        .append(": ")
        .append(st == null ? "unknown" : esc(session(st, zone)))
        .append("</div>");
  }

  /** {@code LOGIN_REFUSED 1001 E_AUTH_FAIL since 03:02:11: reason}. */
  private static String session(SessionState s, ZoneId zone) {
    StringBuilder sb = new StringBuilder(s.status().name());
    if (s.code() != null) {
      CodeText c = CodeText.of(s.code());
      sb.append(' ').append(c.code()).append(' ').append(c.name());
    }
    sb.append(" since ").append(HMS.format(s.since().atZone(zone)));
    if (s.status() != SessionStatus.BOUND && !s.reason().isBlank()) {
      sb.append(": ").append(s.reason());
    }
    return sb.toString();
  }

  private int tpsCap(String account) {
    for (AgentConfig.Account a : ctx.config().accounts()) {
      if (a.name().equals(account)) {
        return a.tps() == null ? 0 : a.tps();
      }
    }
    return 0;
  }

  private static String latency(Latency l) {
    return l.samples() == 0
        ? "<span class=\"muted\">no rows</span>"
        : "p50 " + l.p50Millis() + " ms / p99 " + l.p99Millis() + " ms";
  }

  static String human(Duration d) {
    // two clocks a few ms apart must not print a negative age
    return DurationFormat.format(d.isNegative() ? Duration.ZERO : d.withNanos(0));
  }

  /** {@code GET /overview/series}: the window's minutes per account, for the charts. */
  private Reply series(ConsoleRequest r) {
    List<TrafficHistory.Minute> minutes = history.read();
    ZoneId zone = ctx.config().zone();
    StringBuilder sb = new StringBuilder("{\"minutes\":[");
    for (int i = 0; i < minutes.size(); i++) {
      Instant t = minutes.get(i).start().atZone(zone).toInstant();
      sb.append(i == 0 ? "" : ",").append(t.getEpochSecond());
    }
    sb.append("],\"accounts\":{");
    boolean first = true;
    for (AgentConfig.Account a : ctx.config().accounts()) {
      sb.append(first ? "" : ",").append(json(a.name())).append(":{");
      first = false;
      column(sb, "reports", minutes, a.name(), t -> (double) t.reports(), false);
      column(sb, "acks", minutes, a.name(), t -> (double) t.ackTotal(), true);
      column(sb, "ackP50", minutes, a.name(), t -> ms(t.insertToAck(), false), true);
      column(sb, "ackP99", minutes, a.name(), t -> ms(t.insertToAck(), true), true);
      column(sb, "reportP50", minutes, a.name(), t -> ms(t.ackToReport(), false), true);
      column(sb, "reportP99", minutes, a.name(), t -> ms(t.ackToReport(), true), true);
      sb.append('}');
    }
    sb.append("}}");
    return Reply.of(200, "application/json", sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static @Nullable Double ms(Latency l, boolean p99) {
    return l.samples() == 0 ? null : (double) (p99 ? l.p99Millis() : l.p50Millis());
  }

  private static void column(
      StringBuilder sb,
      String key,
      List<TrafficHistory.Minute> minutes,
      String account,
      java.util.function.Function<Traffic.AccountTraffic, @Nullable Double> f,
      boolean comma) {
    sb.append(comma ? "," : "").append('"').append(key).append("\":[");
    for (int i = 0; i < minutes.size(); i++) {
      Double v = f.apply(minutes.get(i).of(account));
      sb.append(i == 0 ? "" : ",").append(v == null ? "null" : Long.toString(v.longValue()));
    }
    sb.append(']');
  }

  private static String json(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
