package dev.ngsign.ngs.protocol.packet;

import java.util.Objects;

/**
 * BIND_ACK (section 4.2).
 *
 * @param result result code
 * @param tps per-second limits the client must not exceed
 * @param message failure reason (40C), empty on success
 */
public record BindAck(int result, TpsLimits tps, String message) implements NgsPacket {
  public BindAck {
    Objects.requireNonNull(tps, "tps");
    Objects.requireNonNull(message, "message");
  }

  public static BindAck success(TpsLimits tps) {
    return new BindAck(0, tps, "");
  }

  /**
   * A refusal; the reason is shortened to fit MESSAGE (39 bytes in MS949) at a character boundary.
   */
  public static BindAck failure(dev.ngsign.ngs.protocol.ResultCode code, String reason) {
    return new BindAck(code.code(), new TpsLimits(0, 0, 0), Reasons.fit(reason, 40));
  }

  public boolean isOk() {
    return result == 0;
  }

  @Override
  public PacketType type() {
    return PacketType.BIND_ACK;
  }
}
