package dev.ngsign.ngs.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code /health} answers, as a value: {@link Agent#healthCheck()}.
 *
 * @param node this node's id
 * @param up true when the node works: the database answers and every account held here is bound or
 *     has been unbound for at most {@code unboundGrace}; {@code /health} answers 200 then, else 503
 * @param databaseUp whether the database answered the last check
 * @param unboundGrace {@code health.unbound-grace}
 * @param problems why it is not up, one line per cause, in words (empty when up)
 * @param accounts every configured account ({@link Agent#accounts()})
 * @param open open rows by status (READY, SENDING, SENT), refreshed every few seconds
 * @param at when it was taken (the agent's clock)
 */
public record AgentHealth(
    String node,
    boolean up,
    boolean databaseUp,
    Duration unboundGrace,
    List<String> problems,
    List<AccountStatus> accounts,
    Map<String, Long> open,
    Instant at) {
  public AgentHealth {
    Objects.requireNonNull(node, "node");
    problems = List.copyOf(problems);
    accounts = List.copyOf(accounts);
    open = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(open));
    Objects.requireNonNull(at, "at");
  }
}
