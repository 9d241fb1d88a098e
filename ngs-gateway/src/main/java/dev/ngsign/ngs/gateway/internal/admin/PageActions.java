package dev.ngsign.ngs.gateway.internal.admin;

import dev.ngsign.http.Reply;
import dev.ngsign.http.Request;
import dev.ngsign.ngs.gateway.SessionInfo;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The page's routes: {@code GET /} renders it; {@code POST /ui/{tps|kick|unlock}} takes a form.
 * Every action is two steps: the form's first post changes nothing and answers a confirmation page
 * saying exactly what will happen (without a script, so it works in any browser and cannot be
 * skipped by one); its "confirm" button posts the same fields with {@code confirm=yes}, which acts
 * and redirects back to the page with a notice. Each post needs a valid page token and passes the
 * origin check. Bad input is a 400 page naming the field and value.
 */
final class PageActions {
  static final String KICK_REASON = "kicked by operator (admin page)";

  private final AdminOperations gateway;
  private final CrossSiteGuard guard;

  PageActions(AdminOperations gateway, CrossSiteGuard guard) {
    this.gateway = gateway;
    this.guard = guard;
  }

  Reply route(Request req, List<String> parts) {
    if (parts.isEmpty()) {
      AdminRoutes.requireGet(req.method());
      Map<String, List<String>> q =
          new QueryStringDecoder(
                  req.rawQuery() == null ? "" : req.rawQuery(), StandardCharsets.UTF_8, false)
              .parameters();
      return OperatorPage.page(
          new OperatorPage.View(
              gateway.ports(),
              gateway.now(),
              gateway.sessions(),
              gateway.accounts(),
              gateway.counters(),
              first(q, "notice"),
              refresh(first(q, "refresh"))),
          guard.issueToken());
    }
    if (parts.size() != 2) {
      throw new AdminError(404, "no page /" + String.join("/", parts));
    }
    String action = parts.get(1);
    if (!List.of("tps", "kick", "unlock").contains(action)) {
      throw new AdminError(404, "no action '" + CrossSiteGuard.printable(action) + "'");
    }
    if (!req.method().equals("POST")) {
      throw new AdminError(405, "use POST (the page's buttons)");
    }
    guard.checkSameOrigin(req);
    Map<String, List<String>> form =
        new QueryStringDecoder(
                new String(req.body(), StandardCharsets.UTF_8), StandardCharsets.UTF_8, false)
            .parameters();
    guard.checkToken(first(form, "token"));
    String id = first(form, "account");
    if (id == null || id.isEmpty()) {
      throw new AdminError(400, "the form has no 'account'");
    }
    AccountView account =
        gateway.accounts().stream()
            .filter(a -> a.id().equals(id))
            .findFirst()
            .orElseThrow(
                () -> new AdminError(400, "no account '" + CrossSiteGuard.printable(id) + "'"));
    boolean confirmed = "yes".equals(first(form, "confirm"));
    return switch (action) {
      case "tps" -> tps(account, form, confirmed);
      case "kick" -> kick(account, form, confirmed);
      default -> unlock(account, confirmed);
    };
  }

  private Reply tps(AccountView a, Map<String, List<String>> form, boolean confirmed) {
    TpsLimits t =
        new TpsLimits(tpsField(form, "sms"), tpsField(form, "mms"), tpsField(form, "kko"));
    if (!confirmed) {
      long bound = a.sessions().size();
      return OperatorPage.confirm(
          "TPS 변경 (change TPS) · " + a.id(),
          String.format(
              "%s: SMS %d → %d, LMS/MMS %d → %d, 카카오 (Kakao) %d → %d. 바인드된 세션 %d개에"
                  + " EVENT type 1을 보냅니다 (tells %d bound session(s)).",
              a.id(),
              a.tps().sms(),
              t.sms(),
              a.tps().mms(),
              t.mms(),
              a.tps().kko(),
              t.kko(),
              bound,
              bound),
          "tps",
          Map.of(
              "account",
              a.id(),
              "sms",
              Integer.toString(t.sms()),
              "mms",
              Integer.toString(t.mms()),
              "kko",
              Integer.toString(t.kko())),
          guard.issueToken());
    }
    int told = gateway.setTps(a.id(), t);
    return back(
        "TPS of " + a.id() + " set to " + t.toEventData() + "; " + told + " session(s) told");
  }

  private Reply kick(AccountView a, Map<String, List<String>> form, boolean confirmed) {
    String k = first(form, "kind");
    SessionKind kind = k == null || k.isEmpty() ? null : SessionKind.fromCode(k);
    if (k != null && !k.isEmpty() && kind == null) {
      throw new AdminError(
          400,
          "'kind' must be DLV, REP or empty (both), not '" + CrossSiteGuard.printable(k) + "'");
    }
    if (!confirmed) {
      StringBuilder which = new StringBuilder();
      for (SessionInfo s : gateway.sessions()) {
        if (s.account().equals(a.id()) && (kind == null || s.kind() == kind)) {
          which
              .append(which.length() == 0 ? "" : ", ")
              .append(s.kind().code())
              .append(' ')
              .append(OperatorPage.peer(s.remoteAddress()))
              .append(" (since ")
              .append(OperatorPage.time(s.boundAt()))
              .append(')');
        }
      }
      return OperatorPage.confirm(
          "세션 끊기 (kick) · " + a.id(),
          a.id()
              + "의 "
              + (kind == null ? "모든 (all)" : kind.code())
              + " 세션을 EVENT type 0 (1015 "
              + KICK_REASON
              + ")으로 끊습니다: "
              + (which.length() == 0 ? "지금 바인드된 세션 없음 (none bound now)" : which),
          "kick",
          Map.of("account", a.id(), "kind", kind == null ? "" : kind.code()),
          guard.issueToken());
    }
    int n = gateway.kick(a.id(), kind, KICK_REASON);
    return back("kicked " + n + " session(s) of " + a.id());
  }

  private Reply unlock(AccountView a, boolean confirmed) {
    if (!confirmed) {
      return OperatorPage.confirm(
          "잠금 해제 (unlock) · " + a.id(),
          a.id()
              + "의 접속 잠금을 모든 주소에 대해 풉니다 (lifts the connect lock for every address)"
              + (a.locked()
                  ? ": 잠김 (locked) until " + OperatorPage.time(a.lockedUntil())
                  : ": 지금 잠겨 있지 않음 (not locked now)"),
          "unlock",
          Map.of("account", a.id()),
          guard.issueToken());
    }
    boolean was = gateway.unlock(a.id());
    return back(was ? "unlocked " + a.id() : a.id() + " was not locked");
  }

  private static int tpsField(Map<String, List<String>> form, String name) {
    String v = first(form, name);
    String s = v == null ? "" : v.trim();
    if (!s.matches("[0-9]{1,5}")) {
      throw new AdminError(
          400,
          "TPS '"
              + name
              + "' must be a whole number from 0 to "
              + TpsLimits.MAX
              + ", not '"
              + CrossSiteGuard.printable(v == null ? "" : v)
              + "'");
    }
    return Integer.parseInt(s); // 5 digits: at most 99999 = TpsLimits.MAX
  }

  private static Reply back(String notice) {
    return Reply.redirect("/?notice=" + URLEncoder.encode(notice, StandardCharsets.UTF_8));
  }

  private static int refresh(@Nullable String s) {
    if (s == null || !s.matches("[0-9]{1,4}")) {
      return 0;
    }
    int n = Integer.parseInt(s);
    return n == 0 ? 0 : Math.max(2, Math.min(n, 3600));
  }

  static @Nullable String first(Map<String, List<String>> params, String name) {
    List<String> v = params.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }
}
