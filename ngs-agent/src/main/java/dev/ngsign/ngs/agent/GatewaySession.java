package dev.ngsign.ngs.agent;

import dev.ngsign.ngs.client.SessionStates;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.DeliverAck;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** An account's open NGS sessions (DLV and REP), as the agent sees them. */
public interface GatewaySession extends AutoCloseable {
  /**
   * Sends one DELIVER. The stage completes with the DELIVER_ACK (whatever its RESULT), or
   * exceptionally when no ACK came (connection lost, ACK timeout, not connected): the agent then
   * sends the same SERIAL again later, and the gateway treats the repeat as the same message.
   */
  CompletionStage<DeliverAck> send(Deliver deliver);

  /**
   * True while sends can go on the wire (both sessions bound). The agent claims no rows while
   * false, so rows stay READY instead of failing one by one during a reconnect. Default: always
   * true.
   */
  default boolean isReady() {
    return true;
  }

  /**
   * The state of the deliver and the report session (bound, connecting, login refused with its
   * code, ...), shown by {@link Agent#accounts()} and {@code /health}. Empty when this gateway does
   * not know (the default): the agent then shows {@code BOUND} while {@link #isReady()} and {@code
   * CONNECTING} otherwise.
   */
  default Optional<SessionStates> sessionStates() {
    return Optional.empty();
  }

  /**
   * The TPS limits the gateway gave the session (BIND_ACK, then EVENT type 1), shown by the
   * console. Empty before the first bind or when this gateway does not know (the default).
   */
  default Optional<TpsLimits> tpsLimits() {
    return Optional.empty();
  }

  /** Closes both sessions; pending sends fail. */
  @Override
  void close();
}
