package dev.ngsign.ngs.protocol.codec;

import static dev.ngsign.ngs.protocol.SpecBytes.MS949;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ngsign.ngs.protocol.MalformedDeliverException;
import dev.ngsign.ngs.protocol.NgsProtocolException;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.SpecBytes;
import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.DeliverAck;
import dev.ngsign.ngs.protocol.packet.Media;
import dev.ngsign.ngs.protocol.packet.MediaType;
import dev.ngsign.ngs.protocol.packet.MessageType;
import dev.ngsign.ngs.protocol.packet.NgsPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fixed fields' fast paths (ASCII, MS949/UTF-8 text through the coders' array loops, plain
 * digits) give the spec's bytes and refuse what does not fit, on every kind of buffer a session
 * hands the codec: heap (fields written in place), direct and composite (fields staged in an array,
 * then copied). Expected bytes are built with {@link SpecBytes}, not by the codec.
 */
class FieldCodingTest {
  /** "가" in MS949 (KS X 1001 row 16, first syllable) and in UTF-8. */
  static final byte[] GA_MS949 = {(byte) 0xB0, (byte) 0xA1};

  static final byte[] GA_UTF8 = {(byte) 0xEA, (byte) 0xB0, (byte) 0x80};

  enum Kind {
    HEAP(b -> Unpooled.wrappedBuffer(b)),
    DIRECT(b -> Unpooled.directBuffer(b.length).writeBytes(b)),
    /** Three pieces: a field straddles two of them. */
    COMPOSITE(
        b -> {
          CompositeByteBuf c = Unpooled.compositeBuffer();
          int a = Math.min(b.length, 7);
          int m = Math.min(b.length, 150);
          c.addComponents(
              true,
              Unpooled.wrappedBuffer(Arrays.copyOfRange(b, 0, a)),
              Unpooled.directBuffer().writeBytes(Arrays.copyOfRange(b, a, m)),
              Unpooled.wrappedBuffer(Arrays.copyOfRange(b, m, b.length)));
          return c;
        });

    final Function<byte[], ByteBuf> holding;

    Kind(Function<byte[], ByteBuf> holding) {
      this.holding = holding;
    }

    /** An empty buffer of this kind to encode into. */
    ByteBuf empty() {
      return switch (this) {
        case HEAP -> Unpooled.buffer(16);
        case DIRECT -> Unpooled.directBuffer(16);
        case COMPOSITE -> Unpooled.compositeBuffer().addComponent(true, Unpooled.buffer(16));
      };
    }
  }

  static Deliver sms(ContentEncoding encoding, String text) {
    return Deliver.builder(MessageType.SMS)
        .daAddr("01020001234")
        .callback("15880000")
        .encoding(encoding)
        .text(text)
        .serial("202112310012345")
        .senderCode("101280092")
        .build();
  }

  /** The spec's SMS example (section 4.3) with another ENCODING and TEXT, field by field. */
  static byte[] smsFrame(ContentEncoding encoding, byte[] textField) {
    return SpecBytes.frame()
        .f("21", 4)
        .f("221", 10) // HeadType DELIVER, MsgLeng
        .f("S", 2) // MSGTYPE
        .f("01020001234", 20) // DA_ADDR
        .f("15880000", 20) // CALLBACK
        .f(Integer.toString(encoding.code()), 2) // ENCODING
        .raw(textField) // TEXT 141C
        .f("202112310012345", 20) // SERIAL
        .f("101280092", 10) // SENDER_CODE
        .f("0", 2) // MEDIACNT
        .f("0", 4) // EXT_SIZE
        .bytes();
  }

  /** {@code value}'s bytes then NUL up to 141. */
  static byte[] textField(byte[]... parts) {
    byte[] f = new byte[141];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, f, at, p.length);
      at += p.length;
    }
    return f;
  }

  static byte[] repeat(byte[] b, int times) {
    byte[] r = new byte[b.length * times];
    for (int i = 0; i < times; i++) {
      System.arraycopy(b, 0, r, i * b.length, b.length);
    }
    return r;
  }

  static byte[] encode(NgsPacket p, Kind kind) {
    ByteBuf out = kind.empty();
    try {
      PacketCodec.encode(p, out);
      byte[] b = new byte[out.readableBytes()];
      out.readBytes(b);
      return b;
    } finally {
      out.release();
    }
  }

  static NgsPacket decode(byte[] frame, Kind kind) {
    ByteBuf in = kind.holding.apply(frame);
    try {
      FrameHeader h = FrameHeader.peek(in, PacketCodec.DEFAULT_MAX_BODY_LENGTH, false);
      in.skipBytes(Layout.HEADER_SIZE);
      NgsPacket p = PacketCodec.decodeBody(h.type(), in, null);
      assertThat(in.isReadable()).as("body consumed").isFalse();
      return p;
    } finally {
      in.release();
    }
  }

  /** Encodes to exactly {@code frame} and decodes {@code frame} back to {@code p}. */
  static void assertWire(NgsPacket p, byte[] frame, Kind kind) {
    assertThat(encode(p, kind)).isEqualTo(frame);
    assertThat(decode(frame, kind)).isEqualTo(p);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void asciiTextIsTheSameBytesInEitherEncoding(Kind kind) {
    String text = "Your code is 482913. Do not share it.";
    byte[] field = textField(text.getBytes(StandardCharsets.US_ASCII));
    assertWire(sms(ContentEncoding.MS949, text), smsFrame(ContentEncoding.MS949, field), kind);
    assertWire(sms(ContentEncoding.UTF_8, text), smsFrame(ContentEncoding.UTF_8, field), kind);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void koreanAfterAnAsciiPrefixGoesThroughTheEncoder(Kind kind) {
    String text = "[ngsign] 인증번호 482913";
    assertWire(
        sms(ContentEncoding.MS949, text),
        smsFrame(ContentEncoding.MS949, textField(text.getBytes(MS949))),
        kind);
    assertWire(
        sms(ContentEncoding.UTF_8, text),
        smsFrame(ContentEncoding.UTF_8, textField(text.getBytes(StandardCharsets.UTF_8))),
        kind);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void koreanCharacterThatFillsTheFieldExactly(Kind kind) {
    // MS949: 139 ASCII bytes + one 2-byte syllable = 141, no NUL left
    byte[] a139 = repeat(new byte[] {'a'}, 139);
    assertWire(
        sms(ContentEncoding.MS949, "a".repeat(139) + "가"),
        smsFrame(ContentEncoding.MS949, textField(a139, GA_MS949)),
        kind);
    // UTF-8: 47 syllables of 3 bytes = 141
    assertWire(
        sms(ContentEncoding.UTF_8, "가".repeat(47)),
        smsFrame(ContentEncoding.UTF_8, textField(repeat(GA_UTF8, 47))),
        kind);
    // MS949: 70 syllables = 140 bytes and one NUL
    assertWire(
        sms(ContentEncoding.MS949, "가".repeat(70)),
        smsFrame(ContentEncoding.MS949, textField(repeat(GA_MS949, 70))),
        kind);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void koreanCharacterThatWouldBeCutIsRefusedAndNothingIsWritten(Kind kind) {
    ByteBuf out = kind.empty();
    out.writeBytes(new byte[] {1, 2, 3});
    try {
      // 140 ASCII + a 2-byte syllable = 142: the syllable's second byte has no room
      assertThatThrownBy(
              () -> PacketCodec.encode(sms(ContentEncoding.MS949, "a".repeat(140) + "가"), out))
          .isInstanceOf(NgsProtocolException.class)
          .hasMessage("DELIVER.TEXT: (141 characters) is 142 bytes in MS949; the field holds 141");
      // 46 UTF-8 syllables + "ab" = 140, then "가" needs 3 bytes where 1 is left
      assertThatThrownBy(
              () -> PacketCodec.encode(sms(ContentEncoding.UTF_8, "가".repeat(46) + "ab가"), out))
          .hasMessage("DELIVER.TEXT: (49 characters) is 143 bytes in UTF_8; the field holds 141");
      // more characters than the field has bytes
      assertThatThrownBy(() -> PacketCodec.encode(sms(ContentEncoding.MS949, "가".repeat(142)), out))
          .hasMessage("DELIVER.TEXT: (142 characters) is 284 bytes in MS949; the field holds 141");
      assertThatThrownBy(() -> PacketCodec.encode(sms(ContentEncoding.MS949, "a".repeat(142)), out))
          .hasMessage("DELIVER.TEXT: (142 characters) is 142 bytes; the field holds 141");
      // the first problem named is the one the encoder meets first
      assertThatThrownBy(
              () -> PacketCodec.encode(sms(ContentEncoding.MS949, "😀" + "a".repeat(150)), out))
          .hasMessageContaining(
              "has a character that MS949 cannot encode: '😀' (U+1F600) at index 0");
      byte[] left = new byte[out.readableBytes()];
      out.getBytes(out.readerIndex(), left);
      assertThat(left).containsExactly(1, 2, 3);
    } finally {
      out.release();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void textFieldEndingInsideACharacterIsRefusedOnDecode(Kind kind) {
    // 140 ASCII bytes, then the first byte of "가" as the field's last byte
    byte[] cutMs949 =
        smsFrame(
            ContentEncoding.MS949,
            textField(repeat(new byte[] {'a'}, 140), new byte[] {GA_MS949[0]}));
    assertThatThrownBy(() -> decode(cutMs949, kind))
        .isInstanceOf(MalformedDeliverException.class)
        .hasMessageStartingWith("DELIVER.TEXT: bytes are not valid MS949")
        .satisfies(
            e ->
                assertThat(((NgsProtocolException) e).resultCode())
                    .contains(ResultCode.E_INVALID_ENCODING));
    // UTF-8: two of the three bytes of "가", then NUL
    byte[] cutUtf8 =
        smsFrame(ContentEncoding.UTF_8, textField(new byte[] {'a', GA_UTF8[0], GA_UTF8[1]}));
    assertThatThrownBy(() -> decode(cutUtf8, kind))
        .isInstanceOf(MalformedDeliverException.class)
        .hasMessageStartingWith("DELIVER.TEXT: bytes are not valid UTF_8");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void theSpecExampleOnEveryKindOfBuffer(Kind kind) {
    byte[] spec = GoldenVectorTest.PLAIN;
    assertWire(sms(ContentEncoding.MS949, "SMS 테스트 발송 입니다."), spec, kind);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void fieldsAfterALargeAttachmentAreReadFromWhereTheyAre(Kind kind) {
    byte[] image = new byte[20_000];
    new java.util.Random(17).nextBytes(image);
    image[0] = (byte) 0xFF;
    image[1] = (byte) 0xD8;
    String body = "MMS 본문입니다. ".repeat(40);
    Deliver mms =
        Deliver.builder(MessageType.MMS)
            .daAddr("01020001234")
            .callback("15880000")
            .encoding(ContentEncoding.MS949)
            .text("MMS 제목")
            .serial("202112310012346")
            .senderCode("101280092")
            .addMedia(Media.wrap(MediaType.JPG, ContentEncoding.BINARY, image))
            .addMedia(Media.text(MediaType.BODY_TEXT, ContentEncoding.MS949, body))
            .build();
    byte[] bodyBytes = body.getBytes(MS949);
    byte[] frame =
        SpecBytes.frame()
            .f("21", 4)
            .f(Integer.toString(221 + 15 + image.length + 15 + bodyBytes.length), 10)
            .f("M", 2)
            .f("01020001234", 20)
            .f("15880000", 20)
            .f("0", 2)
            .f("MMS 제목", 141, MS949)
            .f("202112310012346", 20)
            .f("101280092", 10)
            .f("2", 2)
            .f("0", 4)
            .f("21", 3)
            .f("2", 2)
            .f(Integer.toString(image.length), 10)
            .raw(image) // MEDIA[1] JPG, binary
            .f("11", 3)
            .f("0", 2)
            .f(Integer.toString(bodyBytes.length), 10)
            .raw(bodyBytes) // MEDIA[2] body text, MS949
            .bytes();
    assertWire(mms, frame, kind);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void numbersWithBlanksOrJunkTakeTheGeneralPath(Kind kind) {
    byte[] blanks =
        SpecBytes.frame()
            .f("22", 4)
            .f("44", 10)
            .f(" 12 ", 4)
            .f("01020001234", 20)
            .f("202112310012345", 20)
            .bytes();
    assertThat(decode(blanks, kind))
        .isEqualTo(new DeliverAck(12, "01020001234", "202112310012345"));
    byte[] junk =
        SpecBytes.frame()
            .f("22", 4)
            .f("44", 10)
            .f("1x", 4)
            .f("01020001234", 20)
            .f("202112310012345", 20)
            .bytes();
    assertThatThrownBy(() -> decode(junk, kind))
        .hasMessage("DELIVER_ACK.RESULT: '1x' is not a non-negative decimal number");
    byte[] empty =
        SpecBytes.frame()
            .f("22", 4)
            .f("44", 10)
            .f("", 4)
            .f("01020001234", 20)
            .f("202112310012345", 20)
            .bytes();
    assertThatThrownBy(() -> decode(empty, kind))
        .hasMessage("DELIVER_ACK.RESULT: is empty; a number is required");
    byte[] full =
        SpecBytes.frame()
            .f("22", 4)
            .f("44", 10)
            .f("9999", 4)
            .f("01020001234", 20)
            .f("202112310012345", 20)
            .bytes();
    assertWire(new DeliverAck(9999, "01020001234", "202112310012345"), full, kind);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void nonAsciiByteInAnAsciiFieldIsNamed(Kind kind) {
    byte[] frame =
        smsFrame(ContentEncoding.MS949, textField("hi".getBytes(StandardCharsets.US_ASCII)));
    frame[14 + 185 + 3] = (byte) 0xC5; // SERIAL's fourth byte
    assertThatThrownBy(() -> decode(frame, kind))
        .isInstanceOf(MalformedDeliverException.class)
        .hasMessage(
            "DELIVER.SERIAL: '202\\u00c512310012345' is not ASCII (byte 0xc5 at position 3)");
  }
}
