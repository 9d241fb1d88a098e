package dev.ngsign.ngs.protocol.packet;

/** LINK: the client's keepalive, header only (section 2.2). */
public record Link() implements NgsPacket {
  public static final Link INSTANCE = new Link();

  @Override
  public PacketType type() {
    return PacketType.LINK;
  }
}
