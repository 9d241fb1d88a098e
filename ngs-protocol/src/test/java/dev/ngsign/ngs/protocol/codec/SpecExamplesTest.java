package dev.ngsign.ngs.protocol.codec;

import static dev.ngsign.ngs.protocol.SpecBytes.MS949;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.protocol.SpecBytes;
import dev.ngsign.ngs.protocol.packet.Bind;
import dev.ngsign.ngs.protocol.packet.BindAck;
import dev.ngsign.ngs.protocol.packet.Cert;
import dev.ngsign.ngs.protocol.packet.CertAck;
import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.DeliverAck;
import dev.ngsign.ngs.protocol.packet.Event;
import dev.ngsign.ngs.protocol.packet.EventType;
import dev.ngsign.ngs.protocol.packet.Failover;
import dev.ngsign.ngs.protocol.packet.KakaoMethod;
import dev.ngsign.ngs.protocol.packet.Link;
import dev.ngsign.ngs.protocol.packet.LinkAck;
import dev.ngsign.ngs.protocol.packet.Media;
import dev.ngsign.ngs.protocol.packet.MediaType;
import dev.ngsign.ngs.protocol.packet.MessageType;
import dev.ngsign.ngs.protocol.packet.NgsPacket;
import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.ReportAck;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import dev.ngsign.ngs.protocol.packet.SessionMode;
import dev.ngsign.ngs.protocol.packet.Telco;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Every example packet of section 4, built field by field from the spec's tables (not by the
 * codec): it decodes to the values the table lists and re-encodes to the same bytes. Spec typos are
 * read as {@code ngs-notes.md} says (BIND VERSION {@code TV_2,0.1} is {@code TV_2.0.1}; the
 * FriendTalk example's MSGTYPE {@code A} stays {@code A} here because only the bytes are compared).
 */
class SpecExamplesTest {
  static final String PWD =
      "ONs0wphSMJDVhzcYvm8hN89/bA4NzZQAYQvMstW8d29nm760R2ujAxD0lzo1iKi85uFKfAcOXfMZicTfMfJ04mvAby03pCF9sbRDorZ9HNM=";
  static final String CERT_KEY = "atK6KYa/iAFM+pdj2tA0tM/poWHkTKlCq6iMHRPXzdlcVJQUIIItj8us32qIVL0o";
  static final String SENDER_KEY = "cf1060fa976a7875eafae84083649af24f6ad3db";

  private static <P extends NgsPacket> P roundTrip(byte[] wire, Class<P> type) {
    NgsPacket p = PacketCodec.fromBytes(wire);
    assertThat(p).isInstanceOf(type);
    assertThat(PacketCodec.toBytes(p)).as("re-encoded bytes").isEqualTo(wire);
    return type.cast(p);
  }

  @Test
  void cert() {
    byte[] wire =
        SpecBytes.frame()
            .f("0", 4)
            .f("149", 10) // HeadType 0 CERT, MsgLeng 149
            .f("testid", 20) // ID
            .f(PWD, 110) // PWD (5.2)
            .f("TV_2.0.1", 15) // VERSION
            .f("12", 4) // KEYPOS
            .bytes();
    assertThat(wire).hasSize(14 + 149);
    Cert c = roundTrip(wire, Cert.class);
    assertThat(c).isEqualTo(new Cert("testid", PWD, "TV_2.0.1", 12));
  }

  @Test
  void certAck() {
    assertThat(CERT_KEY).hasSize(64);
    byte[] wire =
        SpecBytes.frame()
            .f("1", 4)
            .f("125", 10) // HeadType 1 CERT_ACK, MsgLeng 125
            .f("0", 4) // RESULT
            .f(CERT_KEY, 65) // CERT_KEY, 64 characters
            .f("111.222.222.222", 40) // SERVER_IP
            .f("4403", 8) // DELIVER_PORT
            .f("4404", 8) // REPORT_PORT
            .bytes();
    CertAck a = roundTrip(wire, CertAck.class);
    assertThat(a).isEqualTo(CertAck.success(CERT_KEY, "111.222.222.222", 4403, 4404));
  }

  @Test
  void certAckFailureCarriesTheReasonAndNulPorts() {
    byte[] wire =
        SpecBytes.frame()
            .f("1", 4)
            .f("125", 10)
            .f("1001", 4)
            .f("", 65)
            .f("인증 실패", 40, MS949) // on failure SERVER_IP holds the reason
            .f("", 8)
            .f("", 8) // ports NULL
            .bytes();
    CertAck a = roundTrip(wire, CertAck.class);
    assertThat(a.isOk()).isFalse();
    assertThat(a.serverIp()).isEqualTo("인증 실패");
    assertThat(a.deliverPort()).isZero();
  }

  @Test
  void bind() {
    byte[] wire =
        SpecBytes.frame()
            .f("11", 4)
            .f("220", 10) // HeadType 11 BIND, MsgLeng 220
            .f("testid", 20) // ID
            .f(PWD, 110) // PWD
            .f(CERT_KEY, 65) // CERT_KEY from CERT_ACK
            .f("p", 2) // TYPE p: plain
            .f("DLV", 4) // KIND
            .f("TV_2.0.1", 15) // VERSION (the spec's "TV_2,0.1" is a typo)
            .f("12", 4) // KEYPOS
            .bytes();
    Bind b = roundTrip(wire, Bind.class);
    assertThat(b)
        .isEqualTo(
            new Bind(
                "testid", PWD, CERT_KEY, SessionMode.PLAIN, SessionKind.DELIVER, "TV_2.0.1", 12));
  }

  @Test
  void bindAck() {
    byte[] wire =
        SpecBytes.frame()
            .f("12", 4)
            .f("59", 10) // HeadType 12 BIND_ACK, MsgLeng 59
            .f("0", 4) // RESULT
            .f("80", 5) // SMS_TPS
            .f("30", 5) // MMS_TPS
            .f("30", 5) // KKO_TPS (the spec's "KKOMS_TPS")
            .f("", 40) // MESSAGE
            .bytes();
    BindAck a = roundTrip(wire, BindAck.class);
    assertThat(a).isEqualTo(BindAck.success(new TpsLimits(80, 30, 30)));
  }

  @Test
  void deliverMms() {
    // section 4.3 MMS example: MsgLeng 23149 = 221 + (15 + 1965) + (15 + 20933)
    byte[] body = padTo("MMS 본문입니다.\r\n본문끝", 1965);
    byte[] jpeg = fakeJpeg(20933);
    byte[] wire =
        SpecBytes.frame()
            .f("21", 4)
            .f("23149", 10)
            .f("M", 2) // MSGTYPE
            .f("01020001234", 20) // DA_ADDR
            .f("15880000", 20) // CALLBACK
            .f("0", 2) // ENCODING
            .f("MMS 제목", 141, MS949) // TEXT: the subject
            .f("202112310012346", 20) // SERIAL
            .f("101280092", 10) // SENDER_CODE
            .f("2", 2) // MEDIACNT
            .f("0", 4) // EXT_SIZE
            .f("11", 3)
            .f("0", 2)
            .f("1965", 10)
            .raw(body) // attachment 1: body text, MS949
            .f("21", 3)
            .f("2", 2)
            .f("20933", 10)
            .raw(jpeg) // attachment 2: JPG, binary
            .bytes();
    Deliver d = roundTrip(wire, Deliver.class);
    assertThat(d.messageType()).isEqualTo(MessageType.MMS);
    assertThat(d.text()).isEqualTo("MMS 제목");
    assertThat(d.serial()).isEqualTo("202112310012346");
    assertThat(d.media())
        .containsExactly(
            Media.of(MediaType.BODY_TEXT, ContentEncoding.MS949, body),
            Media.of(MediaType.JPG, ContentEncoding.BINARY, jpeg));
    assertThat(d.bodyLength()).isEqualTo(23149);
  }

  @Test
  void deliverAlimTalkConvert() {
    // MsgLeng 1260 = 221 + (15 + 909) + (15 + 100)
    byte[] text = padTo("알림톡 본문입니다.", 909);
    byte[] json =
        padTo("{\"button_cnt\":3,\"button1\":{}}", 100, StandardCharsets.UTF_8, (byte) ' ');
    byte[] wire =
        SpecBytes.frame()
            .f("21", 4)
            .f("1260", 10)
            .f("A", 2) // MSGTYPE: AlimTalk
            .f("01020001234", 20)
            .f("15880000", 20)
            .f("0", 2)
            .f(SENDER_KEY, 41) // SENDERKEY   } KAKAO_INFO replaces TEXT
            .f("temp_code_01", 31) // TEMPLATE    }
            .f("p", 2) // METHOD push }
            .f("1", 2) // FAILOVER 1: convert
            .f("Replace Title", 65) // TITLE
            .f("202112310012347", 20)
            .f("123456789", 10)
            .f("2", 2) // MEDIACNT
            .f("0", 4)
            .f("11", 3)
            .f("0", 2)
            .f("909", 10)
            .raw(text) // body text
            .f("13", 3)
            .f("1", 2)
            .f("100", 10)
            .raw(json) // button JSON, UTF-8
            .bytes();
    Deliver d = roundTrip(wire, Deliver.class);
    assertThat(d.messageType()).isEqualTo(MessageType.ALIMTALK);
    assertThat(d.kakao().senderKey()).isEqualTo(SENDER_KEY);
    assertThat(d.kakao().templateCode()).isEqualTo("temp_code_01");
    assertThat(d.kakao().method()).isEqualTo(KakaoMethod.PUSH);
    assertThat(d.kakao().failover()).isEqualTo(Failover.CONVERT);
    assertThat(d.kakao().title()).isEqualTo("Replace Title");
    assertThat(d.media())
        .extracting(Media::mediaType)
        .containsExactly(MediaType.BODY_TEXT, MediaType.KAKAO_JSON);
  }

  @Test
  void deliverFriendTalkReplace() {
    // MsgLeng 3716 = 221 + (15 + 1965) + (15 + 1500); MSGTYPE kept as the spec prints it
    byte[] text = padTo("친구톡 본문입니다.\r\n본문끝", 1965);
    byte[] fallback = padTo("친구톡 대체 본문입니다.\r\n본문끝", 1500);
    byte[] wire =
        SpecBytes.frame()
            .f("21", 4)
            .f("3716", 10)
            .f("A", 2)
            .f("01020001234", 20)
            .f("15880000", 20)
            .f("0", 2)
            .f(SENDER_KEY, 41)
            .f("", 31) // no template for FriendTalk
            .f("p", 2)
            .f("2", 2) // FAILOVER 2: replace
            .f("Replace Title.", 65)
            .f("202112310012348", 20)
            .f("123456789", 10)
            .f("2", 2)
            .f("0", 4)
            .f("11", 3)
            .f("0", 2)
            .f("1965", 10)
            .raw(text)
            .f("13", 3)
            .f("0", 2)
            .f("1500", 10)
            .raw(fallback) // as printed (the notes read it as fallback text)
            .bytes();
    Deliver d = roundTrip(wire, Deliver.class);
    assertThat(d.kakao().failover()).isEqualTo(Failover.REPLACE);
    assertThat(d.kakao().templateCode()).isEmpty();
    assertThat(d.bodyLength()).isEqualTo(3716);
  }

  @Test
  void deliverAck() {
    byte[] wire =
        SpecBytes.frame()
            .f("22", 4)
            .f("44", 10) // HeadType 22 DELIVER_ACK, MsgLeng 44
            .f("0", 4) // RESULT
            .f("01020001234", 20) // DA_ADDR (size missing in the spec's example: 20C)
            .f("202112310012348", 20) // SERIAL
            .bytes();
    assertThat(roundTrip(wire, DeliverAck.class))
        .isEqualTo(new DeliverAck(0, "01020001234", "202112310012348"));
  }

  @Test
  void report() {
    byte[] wire =
        SpecBytes.frame()
            .f("31", 4)
            .f("94", 10) // HeadType 31 REPORT, MsgLeng 94
            .f("0", 4) // RESULT
            .f("", 15) // MESSAGE: no flags
            .f("01020001234", 20) // DA_ADDR
            .f("202112310012348", 20) // SERIAL
            .f("220121140000164", 16) // GWSERIAL
            .f("20211231142201", 15) // SENDTIME yyyyMMddHHmmss
            .f("SK", 4) // TELCOINFO
            .bytes();
    Report r = roundTrip(wire, Report.class);
    assertThat(r.isDelivered()).isTrue();
    assertThat(r.message().flags()).isEmpty();
    assertThat(r.sendTime()).isEqualTo(LocalDateTime.of(2021, 12, 31, 14, 22, 1));
    assertThat(r.telco()).isEqualTo(Telco.SK);
    assertThat(r.gwSerial()).isEqualTo("220121140000164");
  }

  @Test
  void reportMessageFlagsOfVersion201() {
    byte[] wire =
        SpecBytes.frame()
            .f("31", 4)
            .f("94", 10)
            .f("0", 4)
            .f("K2103,TS", 15) // Kakao error 2103, delivered as SMS instead
            .f("01020001234", 20)
            .f("202112310012347", 20)
            .f("220121140000165", 16)
            .f("20211231142202", 15)
            .f("KT", 4)
            .bytes();
    Report r = roundTrip(wire, Report.class);
    assertThat(r.message().kakaoErrorCode()).contains("2103");
    assertThat(r.message().finalType()).contains(MessageType.SMS);
    assertThat(r.message().spam()).isFalse();
  }

  @Test
  void reportAck() {
    byte[] wire =
        SpecBytes.frame()
            .f("32", 4)
            .f("40", 10) // HeadType 32 REPORT_ACK, MsgLeng 40
            .f("0", 4)
            .f("202112310012348", 20)
            .f("220121140000164", 16)
            .bytes();
    assertThat(roundTrip(wire, ReportAck.class))
        .isEqualTo(new ReportAck(0, "202112310012348", "220121140000164"));
  }

  @Test
  void eventTpsChange() {
    byte[] wire =
        SpecBytes.frame()
            .f("51", 4)
            .f("90", 10) // HeadType 51 EVENT, MsgLeng 90
            .f("1", 2) // TYPE 1: TPS change
            .f("80,30,30", 88) // DATA: SMS,MMS,KKO
            .bytes();
    Event e = roundTrip(wire, Event.class);
    assertThat(e.eventType()).isEqualTo(EventType.TPS_CHANGE);
    assertThat(e.tps()).contains(new TpsLimits(80, 30, 30));
  }

  @Test
  void linkAndLinkAckAreHeaderOnly() {
    assertThat(roundTrip(SpecBytes.frame().f("41", 4).f("0", 10).bytes(), Link.class))
        .isEqualTo(Link.INSTANCE);
    assertThat(roundTrip(SpecBytes.frame().f("42", 4).f("0", 10).bytes(), LinkAck.class))
        .isEqualTo(LinkAck.INSTANCE);
  }

  /**
   * MS949 text, padded with spaces to an exact byte length (the spec's examples give only sizes).
   */
  static byte[] padTo(String s, int size) {
    return padTo(s, size, MS949, (byte) ' ');
  }

  static byte[] padTo(String s, int size, java.nio.charset.Charset cs, byte pad) {
    byte[] b = s.getBytes(cs);
    byte[] out = Arrays.copyOf(b, size);
    Arrays.fill(out, b.length, size, pad);
    return out;
  }

  /**
   * A JPEG-shaped binary: SOI marker, JFIF header, arbitrary bytes, EOI (the spec shows ffd8ffe0
   * ... ffd9).
   */
  static byte[] fakeJpeg(int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (i * 31 + 7);
    }
    byte[] head = {
      (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00
    };
    System.arraycopy(head, 0, b, 0, head.length);
    b[size - 2] = (byte) 0xFF;
    b[size - 1] = (byte) 0xD9;
    return b;
  }
}
