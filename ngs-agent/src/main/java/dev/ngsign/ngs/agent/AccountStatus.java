package dev.ngsign.ngs.agent;

import dev.ngsign.ngs.client.SessionState;
import dev.ngsign.ngs.client.SessionStatus;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One configured account as this node sees it: who holds its lease and, when this node does, the
 * state of its two NGS sessions. Immutable; {@link Agent#accounts()} returns one per configured
 * account, in the configuration's order.
 *
 * @param account the account's {@code name} in {@code agent.yml} (the {@code ACCOUNT} column)
 * @param ngsId its NGS ID
 * @param holder the node holding its lease (this node's id when {@link #heldHere}), or null when no
 *     node holds it or the lease table could not be read
 * @param heldHere true while this node holds the lease and sends for the account
 * @param deliver the deliver session's state while held here, else null
 * @param report the report session's state while held here, else null
 * @param unboundSince while held here and not bound: since when this node has been trying (the
 *     agent's clock; carried over the client rebuilt after a failed first login), else null
 * @param at when this status was taken (the agent's clock)
 * @param gatewayTps the TPS limits the gateway gave the sessions (BIND_ACK, then EVENT type 1)
 *     while held here, else null
 */
public record AccountStatus(
    String account,
    String ngsId,
    @Nullable String holder,
    boolean heldHere,
    @Nullable SessionState deliver,
    @Nullable SessionState report,
    @Nullable Instant unboundSince,
    Instant at,
    @Nullable TpsLimits gatewayTps) {
  public AccountStatus {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(ngsId, "ngsId");
    Objects.requireNonNull(at, "at");
  }

  /** True while held here and both sessions are bound. */
  public boolean bound() {
    return heldHere
        && deliver != null
        && report != null
        && deliver.status() == SessionStatus.BOUND
        && report.status() == SessionStatus.BOUND;
  }

  /** How long this node has held the account without both sessions bound (zero when bound). */
  public Duration unboundFor() {
    return unboundSince == null ? Duration.ZERO : Duration.between(unboundSince, at);
  }

  /**
   * The session that explains why the account is not bound (the deliver session first), when held
   * here and not bound.
   */
  public Optional<SessionState> problem() {
    if (!heldHere || bound()) {
      return Optional.empty();
    }
    if (deliver != null && deliver.status() != SessionStatus.BOUND) {
      return Optional.of(deliver);
    }
    return Optional.ofNullable(report);
  }
}
