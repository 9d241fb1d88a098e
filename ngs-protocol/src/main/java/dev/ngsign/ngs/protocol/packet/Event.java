package dev.ngsign.ngs.protocol.packet;

import java.util.Objects;
import java.util.Optional;

/**
 * EVENT (section 4.5): sent by the server, never acknowledged.
 *
 * @param eventType disconnect or TPS change
 * @param data the reason (type 0) or {@code SMS,MMS,KKO} limits (type 1), 88C
 */
public record Event(EventType eventType, String data) implements NgsPacket {
  public Event {
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(data, "data");
  }

  /**
   * A disconnect notice; the reason is shortened to fit DATA (87 bytes in MS949) at a character
   * boundary.
   */
  public static Event disconnect(String reason) {
    return new Event(EventType.DISCONNECT, Reasons.fit(reason, 88));
  }

  public static Event tpsChange(TpsLimits tps) {
    return new Event(EventType.TPS_CHANGE, tps.toEventData());
  }

  /** The new limits of a TPS_CHANGE event; empty for other events or unreadable DATA. */
  public Optional<TpsLimits> tps() {
    return eventType == EventType.TPS_CHANGE
        ? Optional.ofNullable(TpsLimits.parseEventData(data))
        : Optional.empty();
  }

  @Override
  public PacketType type() {
    return PacketType.EVENT;
  }
}
