package dev.ngsign.ngs.protocol.codec;

import dev.ngsign.ngs.protocol.crypto.BodyCipher;
import dev.ngsign.ngs.protocol.packet.NgsPacket;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes {@link NgsPacket}s as header + body, encrypting bodies once a cipher is set. One per
 * channel.
 */
public final class NgsPacketEncoder extends MessageToByteEncoder<NgsPacket> {
  private BodyCipher cipher;

  public NgsPacketEncoder() {
    super(NgsPacket.class);
  }

  /** Switches the session to encrypted bodies; call on the channel's event loop. */
  public void bodyCipher(BodyCipher cipher) {
    this.cipher = cipher;
  }

  @Override
  protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, NgsPacket msg, boolean preferDirect) {
    int size = PacketCodec.frameLength(msg, cipher);
    return preferDirect ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, NgsPacket msg, ByteBuf out) {
    PacketCodec.encode(msg, out, cipher);
  }
}
