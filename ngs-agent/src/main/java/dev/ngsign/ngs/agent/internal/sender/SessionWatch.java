package dev.ngsign.ngs.agent.internal.sender;

import dev.ngsign.ngs.agent.GatewaySession;
import dev.ngsign.ngs.client.SessionState;
import dev.ngsign.ngs.client.SessionStates;
import dev.ngsign.ngs.client.SessionStatus;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Since when a held account has not been bound, on the agent's clock: from the moment the lease was
 * taken until both sessions bind, and again from the first look that finds them unbound. Looked at
 * on every lease round and every read of the state, so a drop is seen within one heartbeat.
 */
public final class SessionWatch {
  private final GatewaySession session;
  private final Clock clock;
  private final Instant opened;
  private @Nullable Instant unboundSince;
  private boolean everBound;

  SessionWatch(GatewaySession session, Clock clock) {
    this.session = session;
    this.clock = clock;
    this.opened = clock.instant();
    this.unboundSince = opened;
  }

  /** What the session says now, and since when it is unbound (null when bound). */
  synchronized Seen look() {
    Instant now = clock.instant();
    SessionStates states = session.sessionStates().orElseGet(() -> derived(now));
    if (states.bound()) {
      unboundSince = null;
      everBound = true;
    } else if (unboundSince == null) {
      unboundSince = now;
    }
    return new Seen(states, unboundSince, everBound, session.tpsLimits().orElse(null));
  }

  /** For a gateway that does not report session states: bound while it is ready. */
  private SessionStates derived(Instant now) {
    boolean ready = session.isReady();
    SessionStatus st = ready ? SessionStatus.BOUND : SessionStatus.CONNECTING;
    String why = ready ? "ready" : "not ready";
    Instant since = ready ? now : (unboundSince != null ? unboundSince : now);
    return new SessionStates(
        new SessionState(SessionKind.DELIVER, st, since, why, null),
        new SessionState(SessionKind.REPORT, st, since, why, null));
  }

  /**
   * @param unboundSince since when not bound, or null while bound
   * @param everBound both sessions were bound at least once since the lease was taken
   * @param tps the gateway's TPS limits for the session, or null before the first bind
   */
  public record Seen(
      SessionStates states,
      @Nullable Instant unboundSince,
      boolean everBound,
      @Nullable TpsLimits tps) {}
}
