package dev.ngsign.ngs.protocol.codec;

import dev.ngsign.ngs.protocol.NgsProtocolException;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.crypto.BodyCipher;
import dev.ngsign.ngs.protocol.packet.PacketType;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the byte stream into {@link dev.ngsign.ngs.protocol.packet.NgsPacket}s. It only frames,
 * enforces the MsgLeng cap, decrypts and dispatches to the body codecs; what a packet means is for
 * the session.
 *
 * <p>Errors reach {@code exceptionCaught} (wrapped in Netty's {@code DecoderException}) as {@link
 * NgsProtocolException}:
 *
 * <ul>
 *   <li>a bad header ({@link FrameException}): the stream cannot be trusted any more, so everything
 *       after it is discarded;
 *   <li>a bad body: the frame has been consumed and decoding goes on at once with the next one, so
 *       the session may answer (a {@link dev.ngsign.ngs.protocol.MalformedDeliverException} carries
 *       DA_ADDR/SERIAL). Packets decoded before it are delivered before the error, those after it
 *       after.
 * </ul>
 *
 * Bytes are buffered only up to the header's length, which is checked against the cap first.
 */
public final class NgsFrameDecoder extends ByteToMessageDecoder {
  private final int maxBodyLength;
  private final Set<PacketType> expected;
  private BodyCipher cipher;
  private boolean corrupt;

  public NgsFrameDecoder() {
    this(PacketCodec.DEFAULT_MAX_BODY_LENGTH);
  }

  public NgsFrameDecoder(int maxBodyLength) {
    this(maxBodyLength, null);
  }

  /**
   * A decoder for a port where only {@code expected} packet types may arrive (the cert server:
   * CERT). A header of another NGS type fails as E_UNEXPECTED_PACKET before its MsgLeng is checked
   * against the cap, so a DELIVER on the cert port is an unexpected packet (section 3.2), not a
   * malformed one.
   */
  public NgsFrameDecoder(int maxBodyLength, Set<PacketType> expected) {
    this.maxBodyLength = maxBodyLength;
    this.expected = expected == null ? null : EnumSet.copyOf(expected);
  }

  /**
   * Switches the session to encrypted bodies (after a TYPE P BIND); call on the channel's event
   * loop.
   */
  public void bodyCipher(BodyCipher cipher) {
    this.cipher = cipher;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (corrupt) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (in.readableBytes() < Layout.HEADER_SIZE) {
      return;
    }
    FrameHeader header;
    try {
      if (expected != null) {
        PacketType type = FrameHeader.peekType(in);
        if (type != null && !expected.contains(type)) {
          throw new FrameException(
              "HeadType",
              type + " (HeadType " + type.headType() + ") is not expected here",
              ResultCode.E_UNEXPECTED_PACKET);
        }
      }
      header = FrameHeader.peek(in, maxBodyLength, cipher != null);
    } catch (FrameException e) {
      corrupt = true;
      in.skipBytes(in.readableBytes());
      throw e;
    }
    if (in.readableBytes() < Layout.HEADER_SIZE + header.bodyLength()) {
      return;
    }
    in.skipBytes(Layout.HEADER_SIZE);
    ByteBuf body = in.readSlice(header.bodyLength());
    try {
      out.add(PacketCodec.decodeBody(header.type(), body, cipher));
    } catch (NgsProtocolException e) {
      // Reported, not thrown: thrown, it would leave packets already buffered behind this one
      // undecoded
      // until more bytes arrive, and a peer waiting for their ACKs would stall.
      ctx.fireExceptionCaught(new DecoderException(e));
    }
  }
}
