package dev.ngsign.ngs.protocol.codec;

import static dev.ngsign.ngs.protocol.SpecBytes.MS949;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ngsign.ngs.protocol.MalformedDeliverException;
import dev.ngsign.ngs.protocol.NgsProtocolException;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.SpecBytes;
import dev.ngsign.ngs.protocol.crypto.NgsCryptoException;
import dev.ngsign.ngs.protocol.crypto.PasswordHash;
import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.Media;
import dev.ngsign.ngs.protocol.packet.MediaType;
import dev.ngsign.ngs.protocol.packet.MessageType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Section 1.2 / 3 / 4 violations: each is one typed exception naming the field and the value. */
class MalformedInputTest {
  static final byte[] SMS = GoldenVectorTest.PLAIN;

  /** The SMS vector with bytes replaced at a header/body offset. */
  static byte[] with(byte[] base, int offset, String replacement) {
    byte[] b = base.clone();
    byte[] r = replacement.getBytes(MS949);
    System.arraycopy(r, 0, b, offset, r.length);
    return b;
  }

  /**
   * The fixed part of the SMS vector's body with MEDIACNT/EXT_SIZE replaced and {@code tail}
   * appended.
   */
  static byte[] deliverWith(String mediaCnt, String extSize, byte[] tail, int msgLeng) {
    byte[] fixed = Arrays.copyOfRange(SMS, 14, 14 + 221 - 6);
    return SpecBytes.frame()
        .f("21", 4)
        .f(Integer.toString(msgLeng), 10)
        .raw(fixed)
        .f(mediaCnt, 2)
        .f(extSize, 4)
        .raw(tail)
        .bytes();
  }

  @Test
  void unknownHeadType() {
    assertThatThrownBy(() -> PacketCodec.fromBytes(with(SMS, 0, "23")))
        .isInstanceOf(FrameException.class)
        .hasMessage("HeadType: '23' is not a packet type of NGS 2.0.1");
  }

  @Test
  void nonNumericHeadType() {
    assertThatThrownBy(() -> PacketCodec.fromBytes(with(SMS, 0, "2x")))
        .isInstanceOf(NgsProtocolException.class)
        .hasMessage("HeadType: '2x' is not a non-negative decimal number");
  }

  @Test
  void nonNumericNegativeAndOversizedMsgLeng() {
    assertThatThrownBy(() -> PacketCodec.fromBytes(with(SMS, 4, "22a")))
        .hasMessage("MsgLeng: '22a' is not a non-negative decimal number");
    assertThatThrownBy(() -> PacketCodec.fromBytes(with(SMS, 4, "-221")))
        .hasMessage("MsgLeng: '-221' is not a non-negative decimal number");
    assertThatThrownBy(() -> PacketCodec.fromBytes(with(SMS, 4, "9999999999")))
        .hasMessageStartingWith(
            "MsgLeng: 9999999999 exceeds the limit of " + PacketCodec.DEFAULT_MAX_BODY_LENGTH);
  }

  @Test
  void capIsConfigurableAndCheckedBeforeTheBodyArrives() {
    byte[] headerOnly = Arrays.copyOf(SMS, 14); // no body bytes at all
    assertThatThrownBy(
            () -> FrameHeader.peek(io.netty.buffer.Unpooled.wrappedBuffer(headerOnly), 200, false))
        .hasMessage("MsgLeng: 221 exceeds the limit of 200 bytes for a DELIVER");
  }

  @Test
  void fixedSizeTypesMustHaveTheirSize() {
    byte[] ack =
        SpecBytes.frame().f("22", 4).f("45", 10).f("0", 4).f("010", 20).f("1", 20).f("", 1).bytes();
    assertThatThrownBy(() -> PacketCodec.fromBytes(ack))
        .hasMessage("MsgLeng: 45 is wrong for DELIVER_ACK: its body is 44 bytes");
    byte[] link = SpecBytes.frame().f("41", 4).f("3", 10).f("abc", 3).bytes();
    assertThatThrownBy(() -> PacketCodec.fromBytes(link))
        .hasMessage("MsgLeng: 3 is wrong for LINK: its body is 0 bytes");
  }

  @Test
  void truncatedBody() {
    byte[] cut = Arrays.copyOf(SMS, SMS.length - 10);
    assertThatThrownBy(() -> PacketCodec.fromBytes(cut))
        .hasMessage("DELIVER.MsgLeng: 221 but only 211 body bytes follow");
  }

  @Test
  void mediaCountDisagreeingWithTheBody() {
    byte[] wire = deliverWith("1", "0", new byte[0], 221);
    assertThatThrownBy(() -> PacketCodec.fromBytes(wire))
        .isInstanceOf(MalformedDeliverException.class)
        .hasMessage("DELIVER.MEDIACNT: says 1 attachments but the body ends after 0")
        .satisfies(
            e -> {
              MalformedDeliverException m = (MalformedDeliverException) e;
              assertThat(m.resultCode()).contains(ResultCode.E_MEDIA_COUNT);
              assertThat(m.daAddr())
                  .isEqualTo("01020001234"); // still answerable with a DELIVER_ACK
              assertThat(m.serial()).isEqualTo("202112310012345");
            });
  }

  @Test
  void mfilelenBeyondTheBodyIsRefusedBeforeAllocating() {
    byte[] media =
        SpecBytes.frame().f("21", 3).f("2", 2).f("2000000000", 10).raw(new byte[5]).bytes();
    byte[] wire = deliverWith("1", "0", media, 221 + media.length);
    assertThatThrownBy(() -> PacketCodec.fromBytes(wire))
        .isInstanceOf(MalformedDeliverException.class)
        .hasMessage(
            "DELIVER.MEDIA[1].MFILELEN: 2000000000 is more than the 5 bytes left in the body")
        .extracting(e -> ((NgsProtocolException) e).resultCode().orElseThrow())
        .isEqualTo(ResultCode.E_MEDIA_SIZE);
  }

  @Test
  void bytesLeftOverAfterTheLastAttachment() {
    byte[] media = SpecBytes.frame().f("11", 3).f("0", 2).f("3", 10).f("abc", 3).f("zz", 2).bytes();
    byte[] wire = deliverWith("1", "0", media, 221 + media.length);
    assertThatThrownBy(() -> PacketCodec.fromBytes(wire))
        .hasMessage(
            "DELIVER.MsgLeng: 2 bytes left over after the last field (body says 239 bytes)");
  }

  @Test
  void extSizeMustBe0Or10Or16AndMatchTheBody() {
    assertThatThrownBy(() -> PacketCodec.fromBytes(deliverWith("0", "12", new byte[12], 233)))
        .hasMessage("DELIVER.EXT_SIZE: 12 is not 0, 10 (DPT_CODE) or 16 (NAT_CODE)");
    assertThatThrownBy(() -> PacketCodec.fromBytes(deliverWith("0", "16", new byte[10], 231)))
        .hasMessageStartingWith(
            "DELIVER.NAT_CODE: body truncated: needs 16 bytes at offset 221 but 10 remain");
  }

  @Test
  void anUnreadableSendTimeDoesNotCostTheReport() {
    byte[] report =
        SpecBytes.frame()
            .f("31", 4)
            .f("94", 10)
            .f("0", 4)
            .f("", 15)
            .f("01020001234", 20)
            .f("S-1", 20)
            .f("GW1", 16)
            .f("20211399142201", 15)
            .f("SK", 4)
            .bytes(); // month 13
    dev.ngsign.ngs.protocol.packet.Report r =
        (dev.ngsign.ngs.protocol.packet.Report) PacketCodec.fromBytes(report);
    assertThat(r.sendTime()).isNull();
    assertThat(r.ack())
        .isEqualTo(
            new dev.ngsign.ngs.protocol.packet.ReportAck(0, "S-1", "GW1")); // still acknowledgeable
  }

  @Test
  void unknownMsgTypeIsAnswerable() {
    assertThatThrownBy(() -> PacketCodec.fromBytes(with(SMS, 14, "X")))
        .isInstanceOf(MalformedDeliverException.class)
        .hasMessage("DELIVER.MSGTYPE: 'X' is not a MSGTYPE (S L M A a F f W s l m)")
        .extracting(e -> ((MalformedDeliverException) e).serial())
        .isEqualTo("202112310012345");
  }

  @Test
  void textNotValidInItsDeclaredEncoding() {
    // the vector's TEXT is MS949; declaring UTF-8 makes its Korean bytes invalid
    assertThatThrownBy(() -> PacketCodec.fromBytes(with(SMS, 14 + 2 + 20 + 20, "1")))
        .isInstanceOf(MalformedDeliverException.class)
        .hasMessageStartingWith("DELIVER.TEXT: bytes are not valid UTF_8")
        .extracting(e -> ((NgsProtocolException) e).resultCode().orElseThrow())
        .isEqualTo(ResultCode.E_INVALID_ENCODING);
  }

  @Test
  void textAttachmentNotValidInItsEncoding() {
    byte[] bad = {
      (byte) 0xC5, (byte) 0xD7, (byte) 0xFF, (byte) 0xFF
    }; // valid MS949 pair, then garbage
    byte[] media = SpecBytes.frame().f("11", 3).f("0", 2).f("4", 10).raw(bad).bytes();
    assertThatThrownBy(
            () -> PacketCodec.fromBytes(deliverWith("1", "0", media, 221 + media.length)))
        .hasMessageStartingWith("DELIVER.MEDIA[1].MEDIA: bytes are not valid MS949");
  }

  @Test
  void nonAsciiIdNamesTheField() {
    byte[] cert =
        SpecBytes.frame()
            .f("0", 4)
            .f("149", 10)
            .f("테스트", 20, MS949)
            .f("x", 110)
            .f("TV_2.0.1", 15)
            .f("1", 4)
            .bytes();
    assertThatThrownBy(() -> PacketCodec.fromBytes(cert))
        .hasMessageStartingWith("CERT.ID: ")
        .hasMessageContaining("is not ASCII");
  }

  @Test
  void secretFieldsNeverEchoTheirValue() {
    String pwd = "SECRET-PWD-VALUE-\u00e9";
    byte[] cert =
        SpecBytes.frame()
            .f("0", 4)
            .f("149", 10)
            .f("id", 20)
            .f(pwd, 110, java.nio.charset.StandardCharsets.ISO_8859_1)
            .f("TV_2.0.1", 15)
            .f("1", 4)
            .bytes();
    assertThatThrownBy(() -> PacketCodec.fromBytes(cert))
        .hasMessageStartingWith("CERT.PWD: (18 characters) is not ASCII")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SECRET"));
  }

  @Test
  void ciphertextThatIsNotBlockSized() {
    var cipher = PasswordHash.of("pw").key(1).bodyCipher();
    byte[] enc = PacketCodec.toBytes(smsWith("hello"), cipher);
    byte[] wrongLen = with(Arrays.copyOf(enc, enc.length - 1), 4, "239");
    assertThatThrownBy(() -> PacketCodec.fromBytes(wrongLen, cipher))
        .hasMessage("MsgLeng: 239 is wrong for DELIVER: at least 224 bytes, a multiple of 16");
    byte[] corrupted = enc.clone();
    corrupted[corrupted.length - 1] ^= 0x55; // last block's padding no longer decrypts
    assertThatThrownBy(() -> PacketCodec.fromBytes(corrupted, cipher))
        .isInstanceOf(NgsCryptoException.class);
  }

  @Test
  void valueTooLongForItsBufferOnEncode() {
    assertThatThrownBy(
            () ->
                PacketCodec.toBytes(
                    Deliver.builder(MessageType.SMS)
                        .daAddr("01012345678")
                        .callback("15880000")
                        .text("x")
                        .serial("123456789012345678901")
                        .senderCode("123456789")
                        .build()))
        .isInstanceOf(NgsProtocolException.class)
        .hasMessage("DELIVER.SERIAL: '123456789012345678901' is 21 bytes; the field holds 20");
  }

  @Test
  void koreanTextOneByteOverTheBufferIsRefusedNotCut() {
    // 70 Hangul syllables = 140 bytes in MS949 fit TEXT (141C); one more is 142 and must not be cut
    // in half
    String fits = "가".repeat(70);
    assertThat(((Deliver) PacketCodec.fromBytes(PacketCodec.toBytes(smsWith(fits)))).text())
        .isEqualTo(fits);
    String over = "가".repeat(71);
    assertThatThrownBy(() -> PacketCodec.toBytes(smsWith(over)))
        .hasMessage(
            "DELIVER.TEXT: (71 characters) is 142 bytes in MS949; the field holds 141"); // content
    // never
    // echoed
  }

  @Test
  void recipientNumbersAreMaskedInMessages() {
    byte[] wire = with(SMS, 14 + 2, "０１０"); // full-width digits: not ASCII
    assertThatThrownBy(() -> PacketCodec.fromBytes(wire))
        .hasMessageStartingWith("DELIVER.DA_ADDR: '")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("20001234"));
    assertThat(NgsProtocolException.mask("010-1234-5678")).isEqualTo("'010-****-**78'");
    assertThat(NgsProtocolException.mask("01012")).isEqualTo("'*****'");
  }

  @Test
  void characterOutsideMs949IsRefusedWithAHint() {
    assertThatThrownBy(() -> PacketCodec.toBytes(smsWith("hi 😀")))
        .hasMessage(
            "DELIVER.TEXT: has a character that MS949 cannot encode: '😀' (U+1F600) at index 3; send with ENCODING 1 (UTF-8)");
  }

  @Test
  void failedEncodeLeavesTheBufferUntouched() {
    io.netty.buffer.ByteBuf out = io.netty.buffer.Unpooled.buffer();
    out.writeByte(7);
    assertThatThrownBy(() -> PacketCodec.encode(smsWith("가".repeat(71)), out))
        .isInstanceOf(NgsProtocolException.class);
    assertThat(out.readableBytes()).isEqualTo(1);
  }

  @Test
  void mediaTextRefusesUnencodableCharacters() {
    assertThatThrownBy(() -> Media.text(MediaType.BODY_TEXT, ContentEncoding.MS949, "ok 😀"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("U+1F600");
  }

  static Deliver smsWith(String text) {
    return Deliver.builder(MessageType.SMS)
        .daAddr("01012345678")
        .callback("15880000")
        .encoding(ContentEncoding.MS949)
        .text(text)
        .serial("S1")
        .senderCode("123456789")
        .build();
  }
}
