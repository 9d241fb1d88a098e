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

  public static BindAck failure(dev.ngsign.ngs.protocol.ResultCode code, String reason) {
    return new BindAck(code.code(), new TpsLimits(0, 0, 0), reason);
  }

  public boolean isOk() {
    return result == 0;
  }

  @Override
  public PacketType type() {
    return PacketType.BIND_ACK;
  }
}
