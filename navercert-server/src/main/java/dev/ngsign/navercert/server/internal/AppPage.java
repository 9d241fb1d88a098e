package dev.ngsign.navercert.server.internal;

import dev.ngsign.navercert.SignState;
import dev.ngsign.navercert.internal.WireTime;
import dev.ngsign.navercert.server.PendingRequest;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The simulated "Naver app": a server-rendered page, no script needed. */
final class AppPage {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(WireTime.KST);

  private AppPage() {}

  static String render(List<PendingRequest> waiting, List<PendingRequest> recent, String notice) {
    StringBuilder sb = new StringBuilder(8192);
    sb.append("<!doctype html><html lang=\"ko\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>Naver 전자서명 (ngsign simulator)</title><style>")
        .append("body{font-family:sans-serif;margin:0;background:#f5f6f7;color:#222}")
        .append("header{background:#03c75a;color:#fff;padding:12px 16px;font-weight:bold}")
        .append("main{max-width:720px;margin:0 auto;padding:12px}")
        .append(
            ".req{background:#fff;border-radius:8px;padding:12px;margin:12px 0;box-shadow:0 1px 3px #0002}")
        .append(
            ".doc{border-left:3px solid #03c75a;padding:4px 8px;margin:6px 0;white-space:pre-wrap;word-break:break-all}")
        .append(".meta{color:#666;font-size:0.85em}.actions{display:flex;gap:8px;margin-top:8px}")
        .append("button{padding:8px 16px;border:0;border-radius:6px;font-size:1em;cursor:pointer}")
        .append("button.sign{background:#03c75a;color:#fff}button.refuse{background:#ddd}")
        .append(".notice{background:#e8f9ef;padding:8px;border-radius:6px}")
        .append(
            "table{border-collapse:collapse;width:100%;font-size:0.85em}td,th{padding:4px;border-bottom:1px solid #ddd;text-align:left}")
        .append("</style></head><body><header>NAVER 전자서명 · ngsign simulator</header><main>");
    if (notice != null) {
      sb.append("<p class=\"notice\" id=\"notice\">").append(esc(notice)).append("</p>");
    }
    sb.append("<h2>대기 중인 요청 (")
        .append(waiting.size())
        .append(") <a href=\"/app\" id=\"refresh\"")
        .append(" style=\"font-size:0.6em\">새로고침 (refresh)</a></h2>");
    if (waiting.isEmpty()) {
      sb.append("<p id=\"empty\">No pending requests.</p>");
    }
    for (PendingRequest r : waiting) {
      sb.append("<section class=\"req\" data-receipt=\"").append(r.receiptID()).append("\">");
      sb.append("<h3>").append(esc(r.reqTitle())).append("</h3>");
      sb.append("<p class=\"meta\">")
          .append(esc(r.maskedName()))
          .append(" · ")
          .append(esc(r.maskedPhone()))
          .append(" · 고객센터 ")
          .append(esc(r.callCenterNum()))
          .append("<br>접수 ")
          .append(r.receiptID())
          .append(" · 이용기관 ")
          .append(r.clientCode())
          .append(" · ")
          .append(r.kind())
          .append(" · 만료 ")
          .append(TIME.format(r.expireAt()))
          .append(" KST</p>");
      if (r.reqMessage() != null) {
        sb.append("<p>").append(esc(r.reqMessage())).append("</p>");
      }
      int i = 1;
      for (PendingRequest.Document d : r.documents()) {
        sb.append("<div class=\"doc\"><b>문서 ").append(i++).append(" · ").append(d.tokenType());
        if (!"TEXT".equals(d.tokenType())) {
          sb.append(" (SHA-256, Base64url)");
        }
        sb.append("</b><br>").append(esc(d.token())).append("</div>");
      }
      sb.append("<div class=\"actions\">");
      form(sb, r.receiptID(), "sign", "서명 (Sign)");
      form(sb, r.receiptID(), "refuse", "거절 (Refuse)");
      sb.append("</div></section>");
    }
    sb.append(
        "<h2>최근 요청</h2><table><tr><th>receiptID</th><th>kind</th><th>title</th><th>state</th></tr>");
    for (PendingRequest r : recent) {
      sb.append("<tr data-receipt=\"")
          .append(r.receiptID())
          .append("\"><td>")
          .append(r.receiptID())
          .append("</td><td>")
          .append(r.kind())
          .append("</td><td>")
          .append(esc(r.reqTitle()))
          .append("</td><td class=\"state\">")
          .append(label(r.state()))
          .append("</td></tr>");
    }
    sb.append("</table><p class=\"meta\"><a href=\"/ca.pem\">Simulator CA certificate (PEM)</a>")
        .append(" · <a href=\"/operator/requests\">operator API</a></p></main></body></html>");
    return sb.toString();
  }

  private static void form(StringBuilder sb, String rid, String action, String label) {
    sb.append("<form method=\"post\" action=\"/app/requests/")
        .append(rid)
        .append('/')
        .append(action)
        .append("\"><button type=\"submit\" class=\"")
        .append(action)
        .append("\" data-action=\"")
        .append(action)
        .append("\" data-receipt=\"")
        .append(rid)
        .append("\">")
        .append(label)
        .append("</button></form>");
  }

  static String label(SignState s) {
    return switch (s) {
      case WAITING -> "대기 (waiting)";
      case DONE -> "완료 (done)";
      case EXPIRED -> "만료 (expired)";
      case REFUSED -> "거절 (refused)";
      case FAILED -> "실패 (failed)";
    };
  }

  static String esc(String s) {
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
