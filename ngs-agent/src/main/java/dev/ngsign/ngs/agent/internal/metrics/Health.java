package dev.ngsign.ngs.agent.internal.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ngsign.ngs.agent.AccountStatus;
import dev.ngsign.ngs.agent.AgentHealth;
import dev.ngsign.ngs.client.SessionState;
import dev.ngsign.ngs.protocol.DurationFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code /health} answer: decides whether the node is up (the database answers and no account
 * held here has gone unbound for longer than the grace) and renders it as JSON. The JSON keeps the
 * keys of earlier versions ({@code node}, {@code database}, {@code accounts} as held/standby,
 * {@code open}) and adds {@code status}, {@code sessions} and {@code problems}.
 */
public final class Health {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Health() {}

  /** Decides: down when the database does not answer or an account is unbound past the grace. */
  public static AgentHealth decide(
      String node,
      boolean databaseUp,
      List<AccountStatus> accounts,
      Duration grace,
      Map<String, Long> open,
      Instant at) {
    List<String> problems = new ArrayList<>();
    if (!databaseUp) {
      problems.add("database: not answering");
    }
    for (AccountStatus a : accounts) {
      if (a.heldHere() && !a.bound() && a.unboundFor().compareTo(grace) > 0) {
        problems.add(problem(a, grace));
      }
    }
    return new AgentHealth(
        node, problems.isEmpty(), databaseUp, grace, problems, accounts, open, at);
  }

  /**
   * {@code account main: not bound for 1m5s (grace 1m): deliver session LOGIN_REFUSED (1001) since
   * 2026-12-06T03:00:01Z: CERT refused: ...}.
   */
  private static String problem(AccountStatus a, Duration grace) {
    StringBuilder sb =
        new StringBuilder("account ")
            .append(a.account())
            .append(": not bound for ")
            .append(DurationFormat.format(a.unboundFor()))
            .append(" (grace ")
            .append(DurationFormat.format(grace))
            .append(')');
    a.problem()
        .ifPresent(
            s -> {
              sb.append(": ")
                  .append(
                      s.kind() == dev.ngsign.ngs.protocol.packet.SessionKind.DELIVER
                          ? "deliver"
                          : "report")
                  .append(" session ")
                  .append(s.status());
              if (s.code() != null) {
                sb.append(" (").append(s.code()).append(')');
              }
              sb.append(" since ").append(s.since()).append(": ").append(s.reason());
            });
    return sb.toString();
  }

  /** The HTTP answer: 200 when up, 503 when not, and the JSON body. */
  public static HttpEndpoint.Health render(AgentHealth h) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("node", h.node());
    root.put("status", h.up() ? "up" : "down");
    root.put("database", h.databaseUp() ? "up" : "down");
    Map<String, Object> accounts = new LinkedHashMap<>();
    Map<String, Object> sessions = new LinkedHashMap<>();
    for (AccountStatus a : h.accounts()) {
      accounts.put(a.account(), a.heldHere() ? "held" : "standby");
      if (a.heldHere()) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("holder", a.holder());
        s.put("bound", a.bound());
        if (a.unboundSince() != null) {
          s.put("unbound_since", a.unboundSince().toString());
          s.put("unbound_for", DurationFormat.format(a.unboundFor()));
        }
        s.put("deliver", session(a.deliver()));
        s.put("report", session(a.report()));
        sessions.put(a.account(), s);
      }
    }
    root.put("accounts", accounts);
    root.put("sessions", sessions);
    root.put("problems", h.problems());
    root.put("open", h.open());
    try {
      return new HttpEndpoint.Health(h.up(), JSON.writeValueAsString(root));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("health JSON", e);
    }
  }

  private static Map<String, Object> session(SessionState s) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (s == null) {
      return m;
    }
    m.put("status", s.status().name());
    m.put("since", s.since().toString());
    if (s.code() != null) {
      m.put("code", s.code());
    }
    m.put("reason", s.reason());
    return m;
  }
}
