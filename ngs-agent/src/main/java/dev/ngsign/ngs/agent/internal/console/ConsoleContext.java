package dev.ngsign.ngs.agent.internal.console;

import dev.ngsign.ngs.agent.AccountStatus;
import dev.ngsign.ngs.agent.AgentConfig;
import dev.ngsign.ngs.agent.internal.store.MessageStore;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * What the console's pages read and act on: the configuration, the agent's clock, the store (send
 * table, pauses, actions, audit log), the leases this node holds, and a way to wake the claim loops
 * (after a resume or a resend, so they do not wait for their poll interval); for the overview,
 * every account's lease holder and session state ({@code Agent.accounts()}) and the DELIVERs this
 * node has sent per account (its meter).
 */
public record ConsoleContext(
    AgentConfig config,
    Clock clock,
    MessageStore store,
    Supplier<Map<String, Long>> heldAccounts,
    Runnable wakeClaims,
    Supplier<List<AccountStatus>> accountStatus,
    ToDoubleFunction<String> sentTotal) {

  /** Now, in the tables' zone. */
  public LocalDateTime now() {
    return LocalDateTime.ofInstant(clock.instant(), config.zone());
  }

  /** This node's id (the audit log's NODE_ID). */
  public String node() {
    return config.nodeId();
  }
}
