package dev.ngsign.ngs.agent.internal.console;

import static dev.ngsign.ngs.agent.internal.console.Html.esc;

import dev.ngsign.http.Reply;
import dev.ngsign.ngs.agent.AgentCode;
import dev.ngsign.ngs.agent.AgentConfig;
import dev.ngsign.ngs.agent.internal.console.query.RecipientMask;
import dev.ngsign.ngs.agent.internal.store.ActionRefused;
import dev.ngsign.ngs.agent.internal.store.OperatorActions;
import dev.ngsign.ngs.agent.internal.store.OperatorActions.RowSummary;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The actions: resend a FAILED or EXPIRED row, cancel a READY row, pause and resume an account.
 * Each is two steps: {@code GET /actions/<name>} shows what will happen and a confirm button (a
 * form with the synchronizer token); {@code POST /actions/<name>} does it, writes the audit row in
 * the same transaction, logs one line without personal data, and redirects to the audit log with
 * the new entry marked (so a reload does not repeat it).
 */
final class ActionPages {
  private static final Logger log = LoggerFactory.getLogger(ActionPages.class);

  private final ConsoleContext ctx;
  private final OperatorActions actions;

  ActionPages(ConsoleContext ctx) {
    this.ctx = ctx;
    this.actions = ctx.store().operatorActions();
  }

  void register(Router r) {
    r.get("/actions/resend", this::confirmResend)
        .post("/actions/resend", this::resend)
        .get("/actions/cancel", this::confirmCancel)
        .post("/actions/cancel", this::cancel)
        .get("/actions/pause", this::confirmPause)
        .post("/actions/pause", this::pause)
        .get("/actions/resume", this::confirmResume)
        .post("/actions/resume", this::resume);
  }

  private Reply confirmResend(ConsoleRequest r) {
    RowSummary row = row(r.param("id"));
    boolean unknownDelivery =
        row.resultCode() != null && row.resultCode() == AgentCode.REPORT_TIMEOUT.code();
    String body =
        rowTable(row)
            + "<p>A new row with the same message, recipient and account will be sent with a new"
            + " SERIAL; this row stays "
            + esc(row.status())
            + " as the record of the first attempt.</p>"
            + (unknownDelivery
                ? "<p class=\"warning\">This row had no REPORT within the report timeout: the"
                    + " recipient may already have it. Resending may deliver it twice.</p>"
                : "")
            + "<form method=\"post\" action=\"/actions/resend\">"
            + Html.csrfField(r.requireSession())
            + "<input type=\"hidden\" name=\"id\" value=\""
            + row.id()
            + "\">"
            + (unknownDelivery
                ? "<label class=\"check\"><input type=\"checkbox\" name=\"accept-duplicate\""
                    + " value=\"yes\" required> A second message is acceptable</label>"
                : "")
            + "<button type=\"submit\" class=\"danger\" data-action=\"confirm\">Resend row "
            + row.id()
            + "</button> <a href=\"/\">Cancel</a></form>";
    return Layout.page(r, "Resend row " + row.id(), main("Resend row " + row.id() + "?", body));
  }

  private Reply resend(ConsoleRequest r) {
    long id = id(r.field("id"));
    OperatorActions.Resent done =
        actions.resend(
            id, "yes".equals(r.field("accept-duplicate")), r.operator(), ctx.node(), ctx.now());
    log.info(
        "console: {} resent row {} as row {} (account {})",
        r.operator(),
        id,
        done.newId(),
        done.account());
    ctx.wakeClaims().run();
    return Layout.seeOther("/audit?done=" + done.auditId());
  }

  private Reply confirmCancel(ConsoleRequest r) {
    RowSummary row = row(r.param("id"));
    String body =
        rowTable(row)
            + "<p>The row will be marked CANCELED and never sent. Only a READY row can be canceled;"
            + " if a node claims it first, the cancel is refused.</p>"
            + "<form method=\"post\" action=\"/actions/cancel\">"
            + Html.csrfField(r.requireSession())
            + "<input type=\"hidden\" name=\"id\" value=\""
            + row.id()
            + "\"><button type=\"submit\" class=\"danger\" data-action=\"confirm\">Cancel row "
            + row.id()
            + "</button> <a href=\"/\">Keep it</a></form>";
    return Layout.page(r, "Cancel row " + row.id(), main("Cancel row " + row.id() + "?", body));
  }

  private Reply cancel(ConsoleRequest r) {
    long id = id(r.field("id"));
    long audit = actions.cancel(id, r.operator(), ctx.node(), ctx.now());
    log.info("console: {} canceled row {}", r.operator(), id);
    return Layout.seeOther("/audit?done=" + audit);
  }

  private Reply confirmPause(ConsoleRequest r) {
    String account = account(r.param("account"));
    String body =
        "<p>No node will claim rows of account <b>"
            + esc(account)
            + "</b> until it is resumed, on every node and across restarts. Rows already sent"
            + " still get their ACKs and reports; the session stays up.</p>"
            + "<form method=\"post\" action=\"/actions/pause\">"
            + Html.csrfField(r.requireSession())
            + "<input type=\"hidden\" name=\"account\" value=\""
            + esc(account)
            + "\"><label>Reason <small>(for the audit log)</small><input name=\"reason\""
            + " maxlength=\"200\"></label><button type=\"submit\" class=\"danger\""
            + " data-action=\"confirm\">Pause "
            + esc(account)
            + "</button> <a href=\"/\">Cancel</a></form>";
    return Layout.page(r, "Pause " + account, main("Pause account " + account + "?", body));
  }

  private Reply pause(ConsoleRequest r) {
    String account = account(r.field("account"));
    String reason = r.field("reason");
    long audit =
        actions.pause(
            account,
            reason == null || reason.isBlank() ? null : reason.strip(),
            r.operator(),
            ctx.node(),
            ctx.now());
    log.info("console: {} paused account {}", r.operator(), account);
    return Layout.seeOther("/audit?done=" + audit);
  }

  private Reply confirmResume(ConsoleRequest r) {
    String account = account(r.param("account"));
    String body =
        "<p>Nodes claim rows of account <b>"
            + esc(account)
            + "</b> again at once.</p><form method=\"post\" action=\"/actions/resume\">"
            + Html.csrfField(r.requireSession())
            + "<input type=\"hidden\" name=\"account\" value=\""
            + esc(account)
            + "\"><button type=\"submit\" data-action=\"confirm\">Resume "
            + esc(account)
            + "</button> <a href=\"/\">Cancel</a></form>";
    return Layout.page(r, "Resume " + account, main("Resume account " + account + "?", body));
  }

  private Reply resume(ConsoleRequest r) {
    String account = account(r.field("account"));
    long audit = actions.resume(account, r.operator(), ctx.node(), ctx.now());
    log.info("console: {} resumed account {}", r.operator(), account);
    ctx.wakeClaims().run();
    return Layout.seeOther("/audit?done=" + audit);
  }

  private RowSummary row(@Nullable String idParam) {
    long id = id(idParam);
    RowSummary row = actions.describe(id);
    if (row == null) {
      throw new ActionRefused(
          "row " + id + " is not in the send table (archived to the log table, or deleted)");
    }
    return row;
  }

  private static long id(@Nullable String v) {
    if (v == null || !v.matches("[0-9]{1,18}")) {
      throw new Console.BadInput("id: a row ID (digits) is required");
    }
    return Long.parseLong(v);
  }

  private String account(@Nullable String v) {
    for (AgentConfig.Account a : ctx.config().accounts()) {
      if (a.name().equals(v)) {
        return a.name();
      }
    }
    throw new Console.BadInput("account: not an account of this agent's configuration");
  }

  private static String rowTable(RowSummary row) {
    return "<table class=\"facts\"><tr><th>Row</th><td>"
        + row.id()
        + "</td></tr><tr><th>Account</th><td>"
        + esc(row.account().isEmpty() ? "(default)" : row.account())
        + "</td></tr><tr><th>Status</th><td class=\"status\">"
        + esc(row.status())
        + "</td></tr><tr><th>Type</th><td>"
        + esc(row.msgType())
        + "</td></tr><tr><th>Recipient</th><td>"
        + esc(RecipientMask.mask(row.recipient()))
        + "</td></tr><tr><th>Attempts</th><td>"
        + row.attempts()
        + "</td></tr><tr><th>Result</th><td>"
        + (row.resultCode() == null ? "" : row.resultCode() + " ")
        + esc(row.resultMsg() == null ? "" : row.resultMsg())
        + "</td></tr><tr><th>Inserted</th><td>"
        + esc(row.createdAt() == null ? "" : row.createdAt())
        + "</td></tr></table>";
  }

  private static String main(String heading, String body) {
    return "<main class=\"narrow\"><h1>" + esc(heading) + "</h1>" + body + "</main>";
  }
}
