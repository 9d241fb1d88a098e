package dev.ngsign.ngs.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ngsign.ngs.protocol.MalformedDeliverException;
import dev.ngsign.ngs.protocol.NgsProtocolException;
import dev.ngsign.ngs.protocol.crypto.NgsKey;
import dev.ngsign.ngs.protocol.packet.DeliverAck;
import dev.ngsign.ngs.protocol.packet.Link;
import dev.ngsign.ngs.protocol.packet.NgsPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The Netty side: framing over arbitrary fragmentation, error containment, the encrypted switch.
 */
class NgsFrameDecoderTest {
  static final byte[] SMS = GoldenVectorTest.PLAIN;
  static final byte[] LINK = PacketCodec.toBytes(Link.INSTANCE);

  @Test
  void reassemblesPacketsSplitAtEveryByte() {
    byte[] stream = concat(SMS, LINK, SMS);
    EmbeddedChannel ch = new EmbeddedChannel(new NgsFrameDecoder());
    for (byte b : stream) {
      ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
    }
    assertThat((NgsPacket) ch.readInbound()).isEqualTo(GoldenVectorTest.specSms());
    assertThat((NgsPacket) ch.readInbound()).isEqualTo(Link.INSTANCE);
    assertThat((NgsPacket) ch.readInbound()).isEqualTo(GoldenVectorTest.specSms());
    assertThat((Object) ch.readInbound()).isNull();
    assertThat(ch.finish()).isFalse();
  }

  /**
   * Section 1.2: values are written from the front of a NUL-padded buffer; a space is not padding.
   */
  @Test
  void msgLengWithALeadingOrTrailingSpaceIsMalformed() {
    for (String msgLeng : new String[] {" 149", "149 ", "\t149"}) {
      byte[] frame = PacketCodec.toBytes(Link.INSTANCE); // 41 / 0
      byte[] header = new byte[14];
      header[0] = '4';
      header[1] = '1';
      byte[] len =
          (msgLeng.replace("149", "0")).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      System.arraycopy(len, 0, header, 4, len.length); // HeadType 4C, then MsgLeng 10C
      assertThat(frame).hasSize(14);
      EmbeddedChannel ch = new EmbeddedChannel(new NgsFrameDecoder());
      assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(header)))
          .as(msgLeng)
          .isInstanceOf(DecoderException.class)
          .cause()
          .isInstanceOf(FrameException.class)
          .hasMessageContaining("MsgLeng");
    }
  }

  @Test
  void headTypeWithALeadingSpaceIsMalformed() {
    byte[] header = new byte[14];
    header[0] = ' ';
    header[1] = '4';
    header[2] = '1';
    header[4] = '0';
    EmbeddedChannel ch = new EmbeddedChannel(new NgsFrameDecoder());
    assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(header)))
        .cause()
        .isInstanceOf(FrameException.class)
        .hasMessageContaining("HeadType");
  }

  /**
   * Section 3.2: a DELIVER where only CERT is expected is unexpected (1014), even though it exceeds
   * the cap.
   */
  @Test
  void aTypeThePortDoesNotExpectFailsAsUnexpectedBeforeTheLengthCap() {
    EmbeddedChannel ch =
        new EmbeddedChannel(
            new NgsFrameDecoder(
                220, java.util.Set.of(dev.ngsign.ngs.protocol.packet.PacketType.CERT)));
    assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(SMS)))
        .cause()
        .isInstanceOfSatisfying(
            FrameException.class,
            e ->
                assertThat(e.resultCode())
                    .contains(dev.ngsign.ngs.protocol.ResultCode.E_UNEXPECTED_PACKET));
    EmbeddedChannel plain = new EmbeddedChannel(new NgsFrameDecoder(220));
    assertThatThrownBy(() -> plain.writeInbound(Unpooled.wrappedBuffer(SMS)))
        .cause()
        .isInstanceOfSatisfying(FrameException.class, e -> assertThat(e.resultCode()).isEmpty());
  }

  @Test
  void decodesManyPacketsFromOneRead() {
    EmbeddedChannel ch = new EmbeddedChannel(new NgsFrameDecoder());
    ch.writeInbound(Unpooled.wrappedBuffer(concat(LINK, LINK, SMS, LINK)));
    assertThat(ch.inboundMessages()).hasSize(4);
    ch.finishAndReleaseAll();
  }

  @Test
  void aBadBodyIsReportedInOrderAndThePacketsBehindItDecodeAtOnce() {
    byte[] bad = SMS.clone();
    bad[14] = 'X'; // MSGTYPE
    java.util.List<Object> seen = new java.util.ArrayList<>();
    EmbeddedChannel ch =
        new EmbeddedChannel(
            new NgsFrameDecoder(),
            new io.netty.channel.ChannelInboundHandlerAdapter() {
              @Override
              public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
                seen.add(msg);
              }

              @Override
              public void exceptionCaught(
                  io.netty.channel.ChannelHandlerContext ctx, Throwable cause) {
                seen.add(cause);
              }
            });
    // one read holding good, bad, good: no further bytes are needed to get the last one
    ch.writeInbound(Unpooled.wrappedBuffer(concat(LINK, bad, LINK)));
    assertThat(seen).hasSize(3);
    assertThat(seen.get(0)).isEqualTo(Link.INSTANCE);
    assertThat(seen.get(1)).isInstanceOf(DecoderException.class);
    assertThat(((Throwable) seen.get(1)).getCause()).isInstanceOf(MalformedDeliverException.class);
    assertThat(seen.get(2)).isEqualTo(Link.INSTANCE);
    ch.finishAndReleaseAll();
  }

  @Test
  void aBadHeaderPoisonsTheStream() {
    byte[] bad = SMS.clone();
    bad[0] = '9';
    bad[1] = '9';
    EmbeddedChannel ch = new EmbeddedChannel(new NgsFrameDecoder());
    assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(bad)))
        .isInstanceOf(DecoderException.class)
        .cause()
        .isInstanceOf(NgsProtocolException.class)
        .hasMessageContaining("HeadType");
    // nothing after a bad header can be trusted: later bytes are discarded, not decoded
    ch.writeInbound(Unpooled.wrappedBuffer(LINK));
    assertThat((Object) ch.readInbound()).isNull();
    ch.finishAndReleaseAll();
  }

  @Test
  void oversizedMsgLengFailsOnTheHeaderWithoutBufferingTheBody() {
    EmbeddedChannel ch = new EmbeddedChannel(new NgsFrameDecoder(1000));
    byte[] header = Arrays.copyOf(SMS, 14);
    System.arraycopy("5000000\0\0\0".getBytes(), 0, header, 4, 10);
    assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(header)))
        .cause()
        .hasMessage("MsgLeng: 5000000 exceeds the limit of 1000 bytes for a DELIVER");
    ch.finishAndReleaseAll();
  }

  @Test
  void encryptedSessionDecryptsOnlyTheSpecsTypes() {
    NgsFrameDecoder decoder = new NgsFrameDecoder();
    EmbeddedChannel ch = new EmbeddedChannel(decoder);
    decoder.bodyCipher(NgsKey.ofKeyString(GoldenVectorTest.SPEC_KEY).bodyCipher());
    ch.writeInbound(Unpooled.wrappedBuffer(concat(GoldenVectorTest.ENCRYPTED, LINK)));
    assertThat((NgsPacket) ch.readInbound()).isEqualTo(GoldenVectorTest.specSms());
    assertThat((NgsPacket) ch.readInbound()).isEqualTo(Link.INSTANCE);
    ch.finishAndReleaseAll();
  }

  @Test
  void encoderWritesPlainThenEncryptedAfterTheSwitch() {
    NgsPacketEncoder encoder = new NgsPacketEncoder();
    EmbeddedChannel ch = new EmbeddedChannel(encoder);
    ch.writeOutbound(GoldenVectorTest.specSms());
    assertThat(bytes(ch.readOutbound())).isEqualTo(SMS);
    encoder.bodyCipher(NgsKey.ofKeyString(GoldenVectorTest.SPEC_KEY).bodyCipher());
    ch.writeOutbound(GoldenVectorTest.specSms());
    assertThat(bytes(ch.readOutbound())).isEqualTo(GoldenVectorTest.ENCRYPTED);
    ch.writeOutbound(Link.INSTANCE); // LINK has no body and is never encrypted
    assertThat(bytes(ch.readOutbound())).isEqualTo(LINK);
    ch.finishAndReleaseAll();
  }

  @Test
  void encoderAndDecoderAgreeOverAnEncryptedPipe() {
    var key = NgsKey.ofKeyString("0123456789abcdef0123456789abcdef");
    NgsPacketEncoder encoder = new NgsPacketEncoder();
    encoder.bodyCipher(key.bodyCipher());
    NgsFrameDecoder decoder = new NgsFrameDecoder();
    decoder.bodyCipher(key.bodyCipher());
    EmbeddedChannel out = new EmbeddedChannel(encoder);
    EmbeddedChannel in = new EmbeddedChannel(decoder);
    DeliverAck ack = new DeliverAck(3004, "01012345678", "S-1");
    out.writeOutbound(ack);
    in.writeInbound((ByteBuf) out.readOutbound());
    assertThat((NgsPacket) in.readInbound()).isEqualTo(ack);
    out.finishAndReleaseAll();
    in.finishAndReleaseAll();
  }

  static byte[] bytes(Object msg) {
    ByteBuf b = (ByteBuf) msg;
    byte[] out = new byte[b.readableBytes()];
    b.readBytes(out);
    b.release();
    return out;
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
