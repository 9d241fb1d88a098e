package dev.ngsign.ngs.protocol.packet;

import java.util.Objects;

/**
 * DELIVER_ACK (section 4.3): the gateway took the message ({@code result} 0) or refused it.
 *
 * @param result result code; anything but 0 means the message did not enter the gateway
 * @param daAddr the DELIVER's DA_ADDR
 * @param serial the DELIVER's SERIAL, to match the ACK to its message
 */
public record DeliverAck(int result, String daAddr, String serial) implements NgsPacket {
  public DeliverAck {
    Objects.requireNonNull(daAddr, "daAddr");
    Objects.requireNonNull(serial, "serial");
  }

  public boolean isOk() {
    return result == 0;
  }

  @Override
  public PacketType type() {
    return PacketType.DELIVER_ACK;
  }
}
