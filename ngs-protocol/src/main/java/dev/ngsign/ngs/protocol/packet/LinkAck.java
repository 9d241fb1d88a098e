package dev.ngsign.ngs.protocol.packet;

/** LINK_ACK: the server's answer to LINK, header only. */
public record LinkAck() implements NgsPacket {
  public static final LinkAck INSTANCE = new LinkAck();

  @Override
  public PacketType type() {
    return PacketType.LINK_ACK;
  }
}
