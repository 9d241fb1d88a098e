package dev.ngsign.ngs.gateway.internal.admin;

import dev.ngsign.http.Reply;
import dev.ngsign.ngs.gateway.GatewayCounters;
import dev.ngsign.ngs.gateway.GatewayPorts;
import dev.ngsign.ngs.gateway.SessionInfo;
import dev.ngsign.ngs.gateway.internal.carrier.TestNumberTable;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.SessionMode;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The operator's page, rendered on the server: plain HTML and inline CSS, no script and nothing
 * fetched from elsewhere, so it works in any browser, offline, and a strict Content-Security-Policy
 * holds. Every value from the gateway is escaped. Times are Korean local time, as the gateway's
 * quota month and SENDTIME are.
 */
final class OperatorPage {
  private static final ZoneId KST = ZoneId.of("Asia/Seoul");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(KST);

  /** No script, no frames, forms only to this origin, styles inline. */
  private static final Map<String, String> HEADERS =
      Map.of(
          "Content-Security-Policy",
          "default-src 'none'; style-src 'unsafe-inline'; form-action 'self';"
              + " frame-ancestors 'none'; base-uri 'none'",
          "X-Frame-Options",
          "DENY",
          "X-Content-Type-Options",
          "nosniff",
          // not no-referrer: under it Chromium sends "Origin: null" with the page's own form posts
          "Referrer-Policy",
          "same-origin",
          "Cache-Control",
          "no-store");

  private static final String STYLE =
      "body{font-family:'Noto Sans KR','NanumGothic','Malgun Gothic',sans-serif;margin:0;"
          + "background:#f4f5f7;color:#1d2330;font-size:14px}"
          + "header{background:#1f3a5f;color:#fff;padding:10px 16px;display:flex;"
          + "justify-content:space-between;flex-wrap:wrap;gap:8px}"
          + "header b{font-size:1.1em}header span{opacity:.85;font-family:monospace}"
          + "main{padding:8px 16px 24px;max-width:1280px}"
          + "h2{font-size:1.05em;margin:20px 0 6px}"
          + "table{border-collapse:collapse;width:100%;background:#fff;box-shadow:0 1px 2px #0002}"
          + "th,td{padding:5px 8px;border-bottom:1px solid #e3e6ea;text-align:left;"
          + "vertical-align:middle}th{background:#eef1f5;font-weight:600}"
          + "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}"
          + ".meta{color:#5b6472;font-size:.9em}.mono{font-family:monospace}"
          + ".notice{background:#e6f4ea;border:1px solid #9fd3ae;padding:8px;border-radius:4px}"
          + ".error{background:#fdecea;border:1px solid #f1a9a0;padding:8px;border-radius:4px}"
          + ".locked{color:#b3261e;font-weight:600}.ok{color:#1e7b34}"
          + "form{display:inline;margin:0}input.tps{width:4.5em;text-align:right}"
          + "button{cursor:pointer;padding:3px 10px;border:1px solid #8a94a6;border-radius:4px;"
          + "background:#fff}button.danger{border-color:#b3261e;color:#b3261e}"
          + "button.primary{background:#1f3a5f;color:#fff;border-color:#1f3a5f}"
          + ".box{background:#fff;padding:16px;max-width:720px;box-shadow:0 1px 2px #0002}";

  private OperatorPage() {}

  /** What one page shows. */
  record View(
      @Nullable GatewayPorts ports,
      Instant now,
      List<SessionInfo> sessions,
      List<AccountView> accounts,
      GatewayCounters counters,
      @Nullable String notice,
      int refreshSeconds) {}

  static Reply page(View v, String token) {
    StringBuilder sb = new StringBuilder(16384);
    head(sb, "NGS 게이트웨이 시뮬레이터 (gateway simulator)", v.refreshSeconds());
    sb.append("<header><b>NGS 게이트웨이 시뮬레이터 · ngsign</b><span id=\"ports\">")
        .append(v.ports() == null ? "starting" : esc(v.ports().describe()))
        .append("</span></header><main>");
    if (v.notice() != null) {
      sb.append("<p class=\"notice\" id=\"notice\">").append(esc(v.notice())).append("</p>");
    }
    sb.append("<p class=\"meta\">기준 시각 (as of) ")
        .append(time(v.now()))
        .append(" KST · <a href=\"/\" id=\"refresh\">새로고침 (refresh)</a> · ")
        .append(
            v.refreshSeconds() > 0
                ? "<a href=\"/\">자동 새로고침 끄기 (stop auto-refresh)</a>"
                : "<a href=\"/?refresh=5\">5초마다 새로고침 (refresh every 5 s)</a>")
        .append(" · JSON: <a href=\"/sessions\">/sessions</a> <a href=\"/accounts\">/accounts</a>")
        .append(" <a href=\"/counters\">/counters</a> <a href=\"/metrics\">/metrics</a></p>");
    sessions(sb, v, token);
    accounts(sb, v, token);
    counters(sb, v.counters());
    testNumbers(sb);
    sb.append("</main></body></html>");
    return html(200, sb);
  }

  private static void sessions(StringBuilder sb, View v, String token) {
    sb.append("<h2>바인드된 세션 (bound sessions): ")
        .append(v.sessions().size())
        .append("</h2><table id=\"sessions\"><tr><th>계정 (account)</th><th>종류 (kind)</th>")
        .append("<th>모드 (mode)</th><th>접속 주소 (peer)</th><th>바인드 시각 (since)</th>")
        .append("<th class=\"num\">패킷 수신/송신 (packets in/out)</th><th></th></tr>");
    if (v.sessions().isEmpty()) {
      sb.append("<tr id=\"no-sessions\"><td colspan=\"7\" class=\"meta\">")
          .append("바인드된 세션 없음 (no bound session)</td></tr>");
    }
    for (SessionInfo s : v.sessions()) {
      sb.append("<tr data-account=\"")
          .append(esc(s.account()))
          .append("\" data-kind=\"")
          .append(s.kind().code())
          .append("\"><td>")
          .append(esc(s.account()))
          .append("</td><td>")
          .append(s.kind().code())
          .append(s.kind().code().equals("DLV") ? " (발송 deliver)" : " (리포트 report)")
          .append("</td><td>")
          .append(s.mode() == SessionMode.ENCRYPTED ? "암호화 (encrypted)" : "평문 (plain)")
          .append("</td><td class=\"mono peer\">")
          .append(esc(peer(s.remoteAddress())))
          .append("</td><td>")
          .append(time(s.boundAt()))
          .append(" <span class=\"meta\">(")
          .append(ago(v.now(), s.boundAt()))
          .append(")</span></td><td class=\"num\">")
          .append(s.packetsIn())
          .append(" / ")
          .append(s.packetsOut())
          .append("</td><td>");
      form(
          sb,
          "kick",
          token,
          Map.of("account", s.account(), "kind", s.kind().code()),
          "<button type=\"submit\" class=\"danger\" data-action=\"kick\">끊기 (kick)</button>");
      sb.append("</td></tr>");
    }
    sb.append("</table>");
  }

  private static void accounts(StringBuilder sb, View v, String token) {
    sb.append("<h2>계정 (accounts): ")
        .append(v.accounts().size())
        .append("</h2><table id=\"accounts\"><tr><th>계정 (account)</th>")
        .append("<th>TPS: SMS · LMS/MMS · 카카오 (Kakao) <span class=\"meta\">")
        .append(TpsLimits.MAX)
        .append(" = 무제한 (unlimited)</span></th>")
        .append("<th class=\"num\">월 사용 / 한도 (month used / quota)</th>")
        .append("<th>잠금 (lock)</th><th class=\"num\">대기 리포트 (pending reports)</th>")
        .append("<th class=\"num\">접수 · 거부 · 중복 (accepted · refused · duplicate)</th>")
        .append("<th>세션 (sessions)</th></tr>");
    for (AccountView a : v.accounts()) {
      sb.append("<tr data-account=\"").append(esc(a.id())).append("\"><td>").append(esc(a.id()));
      sb.append("</td><td class=\"tps\">");
      String inputs =
          tpsInput("sms", a.tps().sms())
              + " "
              + tpsInput("mms", a.tps().mms())
              + " "
              + tpsInput("kko", a.tps().kko())
              + " <button type=\"submit\" data-action=\"tps\">변경 (change)</button>";
      form(sb, "tps", token, Map.of("account", a.id()), inputs);
      sb.append("</td><td class=\"num quota\">")
          .append(a.quotaUsed())
          .append(" / ")
          .append(a.monthlyQuota() == 0 ? "무제한 (unlimited)" : Long.toString(a.monthlyQuota()))
          .append("</td><td class=\"lock\">");
      if (a.locked()) {
        sb.append("<span class=\"locked\">잠김 (locked)</span> <span class=\"meta\">until ")
            .append(time(a.lockedUntil()))
            .append("</span> ");
        form(
            sb,
            "unlock",
            token,
            Map.of("account", a.id()),
            "<button type=\"submit\" data-action=\"unlock\">잠금 해제 (unlock)</button>");
      } else {
        sb.append("<span class=\"ok\">정상 (open)</span>");
      }
      sb.append("</td><td class=\"num pending\">")
          .append(a.pendingReports())
          .append("</td><td class=\"num\">")
          .append(a.accepted())
          .append(" · ")
          .append(a.refused())
          .append(" · ")
          .append(a.duplicates())
          .append("</td><td>")
          .append(a.sessions().isEmpty() ? "-" : esc(String.join(", ", a.sessions())))
          .append("</td></tr>");
    }
    sb.append("</table>");
  }

  private static String tpsInput(String name, int value) {
    return "<label>"
        + name.toUpperCase(Locale.ROOT)
        + " <input class=\"tps\" name=\""
        + name
        + "\" value=\""
        + value
        + "\" inputmode=\"numeric\" maxlength=\"12\" aria-label=\"TPS "
        + name
        + "\"></label>";
  }

  private static void counters(StringBuilder sb, GatewayCounters c) {
    sb.append("<h2>결과 코드별 DELIVER (DELIVERs by result code)</h2>")
        .append("<table id=\"counters\"><tr><th class=\"num\">코드 (code)</th><th>이름 (name)</th>")
        .append("<th>뜻 (meaning)</th><th class=\"num\">건수 (count)</th></tr>");
    if (c.delivers().isEmpty()) {
      sb.append("<tr><td colspan=\"4\" class=\"meta\">아직 없음 (none yet)</td></tr>");
    }
    c.delivers()
        .forEach(
            (name, n) -> {
              ResultCode rc = code(name);
              sb.append("<tr data-code=\"")
                  .append(esc(name))
                  .append("\"><td class=\"num\">")
                  .append(rc == null ? "" : Integer.toString(rc.code()))
                  .append("</td><td class=\"mono\">")
                  .append(esc(name))
                  .append("</td><td>")
                  .append(rc == null ? "" : esc(rc.meaning()))
                  .append("</td><td class=\"num count\">")
                  .append(n)
                  .append("</td></tr>");
            });
    sb.append("</table><p class=\"meta\" id=\"totals\">중복 (duplicates) ")
        .append(c.duplicates())
        .append(" · 리포트 발송 (reports sent) ")
        .append(c.reportsSent())
        .append(" · 리포트 응답 (reports acknowledged) ")
        .append(c.reportsAcked())
        .append(" · 대기 리포트 (pending) ")
        .append(c.pendingReports())
        .append(" · 힙 (heap) ")
        .append(c.heapUsedBytes() >> 20)
        .append(" / ")
        .append(c.heapMaxBytes() >> 20)
        .append(" MB</p>");
  }

  private static @Nullable ResultCode code(String name) {
    try {
      return ResultCode.valueOf(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static void testNumbers(StringBuilder sb) {
    sb.append("<h2>시뮬레이션 통신사 테스트 번호 (test numbers of the simulated carriers)</h2>")
        .append("<table id=\"test-numbers\"><tr><th>수신 번호 (DA_ADDR)</th>")
        .append("<th>결과 (RESULT)</th><th>MESSAGE</th><th>통신사 (TELCOINFO)</th>")
        .append("<th>의미 (meaning)</th></tr>");
    for (TestNumberTable.Row r : TestNumberTable.FIXED) {
      sb.append("<tr data-number=\"")
          .append(r.number())
          .append("\"><td class=\"mono\">")
          .append(r.number())
          .append("</td><td>")
          .append(r.result().code())
          .append(r.result() == ResultCode.E_OK ? "" : " " + r.result().name())
          .append("</td><td class=\"mono\">")
          .append(esc(r.message()))
          .append("</td><td>")
          .append(r.telco().name())
          .append(r.result() == ResultCode.E_OK ? " (KKO for Kakao types)" : "")
          .append("</td><td>")
          .append(esc(r.meaning()))
          .append("</td></tr>");
    }
    for (TestNumberTable.Rule r : TestNumberTable.RULES) {
      sb.append("<tr><td class=\"mono\">")
          .append(esc(r.pattern()))
          .append("</td><td colspan=\"4\">")
          .append(esc(r.outcome()))
          .append("</td></tr>");
    }
    sb.append("</table>");
  }

  /** The confirmation of one action: what will happen, then Confirm (posts) or Cancel (back). */
  static Reply confirm(
      String title, String what, String action, Map<String, String> fields, String token) {
    StringBuilder sb = new StringBuilder(2048);
    head(sb, title, 0);
    sb.append("<header><b>NGS 게이트웨이 시뮬레이터 · ngsign</b></header><main><div class=\"box\">")
        .append("<h2 id=\"confirm-title\">")
        .append(esc(title))
        .append("</h2><p id=\"confirm-what\">")
        .append(esc(what))
        .append("</p>");
    Map<String, String> all = new java.util.LinkedHashMap<>(fields);
    all.put("confirm", "yes");
    form(
        sb,
        action,
        token,
        all,
        "<button type=\"submit\" class=\"primary\" id=\"confirm\">확인 (confirm)</button>");
    sb.append(" <a href=\"/\" id=\"cancel\">취소 (cancel)</a></div></main></body></html>");
    return html(200, sb);
  }

  /** A refused request, with the reason and a way back. */
  static Reply error(int status, String message) {
    StringBuilder sb = new StringBuilder(1024);
    head(sb, "오류 (error) " + status, 0);
    sb.append("<header><b>NGS 게이트웨이 시뮬레이터 · ngsign</b></header><main>")
        .append("<p class=\"error\" id=\"error\"><b>")
        .append(status)
        .append("</b> ")
        .append(esc(message))
        .append("</p><p><a href=\"/\">돌아가기 (back to the page)</a></p></main></body></html>");
    return html(status, sb);
  }

  private static void head(StringBuilder sb, String title, int refreshSeconds) {
    sb.append("<!doctype html><html lang=\"ko\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    if (refreshSeconds > 0) {
      sb.append("<meta http-equiv=\"refresh\" content=\"")
          .append(refreshSeconds)
          .append(";url=/?refresh=")
          .append(refreshSeconds)
          .append("\">");
    }
    sb.append("<title>")
        .append(esc(title))
        .append("</title><style>")
        .append(STYLE)
        .append("</style></head><body>");
  }

  private static void form(
      StringBuilder sb, String action, String token, Map<String, String> hidden, String inner) {
    sb.append("<form method=\"post\" action=\"/ui/").append(action).append("\">");
    hidden.forEach(
        (k, val) ->
            sb.append("<input type=\"hidden\" name=\"")
                .append(esc(k))
                .append("\" value=\"")
                .append(esc(val))
                .append("\">"));
    sb.append("<input type=\"hidden\" name=\"token\" value=\"")
        .append(token)
        .append("\">")
        .append(inner)
        .append("</form>");
  }

  private static Reply html(int status, StringBuilder sb) {
    return new Reply(
        status,
        "text/html; charset=utf-8",
        sb.toString().getBytes(StandardCharsets.UTF_8),
        HEADERS);
  }

  static String time(@Nullable Instant t) {
    return t == null ? "-" : TIME.format(t);
  }

  static String ago(Instant now, Instant then) {
    long s = Math.max(0, Duration.between(then, now).toSeconds());
    if (s < 120) {
      return s + "초 전 · " + s + " s ago";
    }
    if (s < 7200) {
      return s / 60 + "분 전 · " + s / 60 + " min ago";
    }
    return s / 3600 + "시간 전 · " + s / 3600 + " h ago";
  }

  /** {@code /127.0.0.1:50748} (a socket address's text) → {@code 127.0.0.1:50748}. */
  static String peer(String remoteAddress) {
    return remoteAddress.startsWith("/") ? remoteAddress.substring(1) : remoteAddress;
  }

  static String esc(@Nullable String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
