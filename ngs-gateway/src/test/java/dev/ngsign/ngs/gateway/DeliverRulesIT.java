package dev.ngsign.ngs.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.codec.PacketCodec;
import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.DeliverAck;
import dev.ngsign.ngs.protocol.packet.Extension;
import dev.ngsign.ngs.protocol.packet.Failover;
import dev.ngsign.ngs.protocol.packet.KakaoInfo;
import dev.ngsign.ngs.protocol.packet.KakaoMethod;
import dev.ngsign.ngs.protocol.packet.Link;
import dev.ngsign.ngs.protocol.packet.LinkAck;
import dev.ngsign.ngs.protocol.packet.Media;
import dev.ngsign.ngs.protocol.packet.MediaType;
import dev.ngsign.ngs.protocol.packet.MessageType;
import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import dev.ngsign.ngs.protocol.packet.SessionMode;
import dev.ngsign.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * DELIVER checks of sections 4.3 and 6, TPS, quota and SERIAL de-duplication, each with its code.
 */
class DeliverRulesIT {
  private static final String ID = "testid";
  private static final String PW = "secret";

  /** Body offsets of DELIVER's fixed part (section 4.3), after the 14-byte header. */
  private static final int MSGTYPE_AT = 14;

  private static final int ENCODING_AT = 14 + 2 + 20 + 20;
  private static final int EXT_SIZE_AT = 14 + 2 + 20 + 20 + 2 + 141 + 20 + 10 + 2;

  private final MutableClock clock = new MutableClock();
  private NgsGateway gw;
  private GatewayPorts ports;

  @TempDir Path dataDir;

  private RawNgsClient start(
      UnaryOperator<NgsGateway.Builder> config, Account account, SessionMode mode) {
    gw =
        config
            .apply(
                NgsGateway.builder()
                    .clock(clock)
                    .certInterval(Duration.ZERO)
                    .reportDelay(Duration.ZERO)
                    .account(account))
            .build();
    ports = gw.start();
    return RawNgsClient.login(ports, ID, PW, mode, SessionKind.DELIVER);
  }

  private RawNgsClient start() {
    return start(b -> b, Account.builder(ID, PW).build(), SessionMode.PLAIN);
  }

  @AfterEach
  void stop() {
    if (gw != null) {
      gw.close();
    }
  }

  private static DeliverAck send(RawNgsClient c, Deliver d) {
    c.send(d);
    return (DeliverAck) c.read();
  }

  private static DeliverAck sendRaw(RawNgsClient c, byte[] frame) {
    c.sendRaw(frame);
    return (DeliverAck) c.read();
  }

  private static Deliver.Builder sms() {
    return Deliver.builder(MessageType.SMS)
        .daAddr("01020001234")
        .callback("15880000")
        .text("hello")
        .serial("S1")
        .senderCode("101280092");
  }

  private static void assertCode(DeliverAck ack, ResultCode code) {
    assertThat(ResultCode.of(ack.result())).as("DELIVER_ACK RESULT").isEqualTo(code);
  }

  private static byte[] jpeg(int size) {
    byte[] b = new byte[size];
    b[0] = (byte) 0xFF;
    b[1] = (byte) 0xD8;
    b[2] = (byte) 0xFF;
    return b;
  }

  @Test
  void unknownMsgTypeIsRefusedAndTheSessionGoesOn() {
    try (RawNgsClient c = start()) {
      byte[] frame = PacketCodec.toBytes(sms().serial("BAD1").build());
      frame[MSGTYPE_AT] = 'Z';
      DeliverAck ack = sendRaw(c, frame);
      assertCode(ack, ResultCode.E_INVALID_MSGTYPE);
      assertThat(ack.serial()).isEqualTo("BAD1");
      assertThat(ack.daAddr()).isEqualTo("01020001234");
      assertCode(send(c, sms().serial("OK1").build()), ResultCode.E_OK);
    }
  }

  @Test
  void numbersAndSenderCodeMustBeWellFormed() {
    try (RawNgsClient c = start()) {
      assertCode(
          send(c, sms().daAddr("0102000123").serial("a").daAddr("123").build()),
          ResultCode.E_INVALID_DA_ADDR);
      assertCode(send(c, sms().daAddr("010-2000-1234").build()), ResultCode.E_INVALID_DA_ADDR);
      assertCode(send(c, sms().callback("15-88").build()), ResultCode.E_INVALID_CALLBACK);
      assertCode(send(c, sms().senderCode("").build()), ResultCode.E_INVALID_SENDER_CODE);
      assertCode(send(c, sms().senderCode("12345678").build()), ResultCode.E_INVALID_SENDER_CODE);
      assertCode(send(c, sms().serial("").build()), ResultCode.E_INVALID_SERIAL);
    }
  }

  @Test
  void encodingMustBeKnownAndTheTextDecodableInIt() {
    try (RawNgsClient c = start()) {
      byte[] frame = PacketCodec.toBytes(sms().text("한글 본문").build());
      byte[] unknown = frame.clone();
      unknown[ENCODING_AT] = '5';
      assertCode(sendRaw(c, unknown), ResultCode.E_INVALID_ENCODING);
      byte[] notUtf8 = frame.clone();
      notUtf8[ENCODING_AT] = '1'; // MS949 bytes declared as UTF-8
      assertCode(sendRaw(c, notUtf8), ResultCode.E_INVALID_ENCODING);
      assertCode(
          send(c, sms().encoding(ContentEncoding.UTF_8).text("한글 본문").build()), ResultCode.E_OK);
    }
  }

  @Test
  void textLimitsFollowTheType() {
    try (RawNgsClient c = start()) {
      assertCode(
          send(c, sms().text("가".repeat(46)).build()),
          ResultCode.E_TEXT_TOO_LONG); // 92 bytes in MS949
      assertCode(send(c, sms().text("").build()), ResultCode.E_TEXT_EMPTY);
      assertCode(
          send(c, Messages.lms("L1", "가".repeat(1001))), ResultCode.E_TEXT_TOO_LONG); // 2002 bytes
      assertCode(send(c, Messages.lms("L2", "가".repeat(1000))), ResultCode.E_OK);
    }
  }

  @Test
  void mediaCountTypeAndSizeRulesOfSection6() {
    try (RawNgsClient c = start()) {
      Media body = Media.text(MediaType.BODY_TEXT, ContentEncoding.MS949, "본문");
      assertCode(send(c, sms().addMedia(body).build()), ResultCode.E_MEDIA_COUNT);
      Deliver.Builder five =
          Deliver.builder(MessageType.MMS)
              .daAddr("01020001234")
              .callback("15880000")
              .text("t")
              .serial("M5")
              .senderCode("101280092")
              .addMedia(body);
      for (int i = 0; i < 4; i++) {
        five.addMedia(Media.of(MediaType.JPG, ContentEncoding.BINARY, jpeg(100)));
      }
      assertCode(send(c, five.build()), ResultCode.E_MEDIA_COUNT);
      Deliver lmsWithImage =
          Deliver.builder(MessageType.LMS)
              .daAddr("01020001234")
              .callback("15880000")
              .text("t")
              .serial("L1")
              .senderCode("101280092")
              .addMedia(body)
              .addMedia(Media.of(MediaType.JPG, ContentEncoding.BINARY, jpeg(100)))
              .build();
      assertCode(send(c, lmsWithImage), ResultCode.E_MEDIA_TYPE);
      Deliver bigImage =
          Deliver.builder(MessageType.MMS)
              .daAddr("01020001234")
              .callback("15880000")
              .text("t")
              .serial("M1")
              .senderCode("101280092")
              .addMedia(body)
              .addMedia(Media.of(MediaType.JPG, ContentEncoding.BINARY, jpeg(300 * 1024 + 1)))
              .build();
      assertCode(send(c, bigImage), ResultCode.E_MEDIA_SIZE);
      Deliver notJpeg =
          Deliver.builder(MessageType.MMS)
              .daAddr("01020001234")
              .callback("15880000")
              .text("t")
              .serial("M2")
              .senderCode("101280092")
              .addMedia(body)
              .addMedia(Media.of(MediaType.JPG, ContentEncoding.BINARY, new byte[100]))
              .build();
      assertCode(send(c, notJpeg), ResultCode.E_INVALID_IMAGE);
      Deliver mms =
          Deliver.builder(MessageType.MMS)
              .daAddr("01020001234")
              .callback("15880000")
              .text("t")
              .serial("M3")
              .senderCode("101280092")
              .addMedia(body)
              .addMedia(Media.of(MediaType.JPG, ContentEncoding.BINARY, jpeg(20_000)))
              .build();
      assertCode(send(c, mms), ResultCode.E_OK);
    }
  }

  @Test
  void kakaoTypesNeedTheirFields() {
    try (RawNgsClient c = start()) {
      Deliver noKey =
          Deliver.builder(MessageType.ALIMTALK)
              .daAddr("01020001234")
              .callback("15880000")
              .kakao(new KakaoInfo("", "tpl", KakaoMethod.PUSH, Failover.NONE, ""))
              .serial("K1")
              .senderCode("123456789")
              .addMedia(Media.text(MediaType.BODY_TEXT, ContentEncoding.MS949, "본문"))
              .build();
      assertCode(send(c, noKey), ResultCode.E_INVALID_KAKAO);
      Deliver noTemplate =
          Deliver.builder(MessageType.ALIMTALK)
              .daAddr("01020001234")
              .callback("15880000")
              .kakao(new KakaoInfo("key", "", KakaoMethod.PUSH, Failover.NONE, ""))
              .serial("K2")
              .senderCode("123456789")
              .addMedia(Media.text(MediaType.BODY_TEXT, ContentEncoding.MS949, "본문"))
              .build();
      assertCode(send(c, noTemplate), ResultCode.E_INVALID_KAKAO);
      assertCode(
          send(c, Messages.alimtalk("K3", "01020001234", Failover.REPLACE, "본문", null)),
          ResultCode.E_INVALID_KAKAO);
      Deliver badJson =
          Deliver.builder(MessageType.FRIENDTALK)
              .daAddr("01020001234")
              .callback("15880000")
              .kakao(new KakaoInfo("key", "", KakaoMethod.PUSH, Failover.NONE, ""))
              .serial("K4")
              .senderCode("123456789")
              .addMedia(Media.text(MediaType.BODY_TEXT, ContentEncoding.MS949, "본문"))
              .addMedia(Media.text(MediaType.KAKAO_JSON, ContentEncoding.UTF_8, "{not json"))
              .build();
      assertCode(send(c, badJson), ResultCode.E_INVALID_JSON);
      assertCode(
          send(c, Messages.alimtalk("K5", "01020001234", Failover.CONVERT, "본문", null)),
          ResultCode.E_OK);
    }
  }

  @Test
  void extSizeMustBe0Or10Or16() {
    try (RawNgsClient c = start()) {
      byte[] frame = PacketCodec.toBytes(sms().serial("E1").build());
      frame[EXT_SIZE_AT] = '7';
      DeliverAck ack = sendRaw(c, frame);
      assertCode(ack, ResultCode.E_INVALID_EXTENSION);
      assertThat(ack.serial()).isEqualTo("E1");
      assertCode(
          send(c, sms().serial("E2").extension(new Extension.DeptCode("SALES")).build()),
          ResultCode.E_OK);
      assertCode(
          send(c, sms().serial("E3").extension(new Extension.NationCode("1")).build()),
          ResultCode.E_INVALID_EXTENSION);
    }
  }

  @Test
  void malformedBodiesNeverKillTheSession() {
    try (RawNgsClient c = start()) {
      byte[] frame = PacketCodec.toBytes(sms().serial("X1").build());
      byte[] badCount = frame.clone();
      badCount[EXT_SIZE_AT - 2] = '3'; // MEDIACNT 3 but no attachments follow
      assertCode(sendRaw(c, badCount), ResultCode.E_MEDIA_COUNT);
      c.send(new Link());
      assertThat(c.read()).isInstanceOf(LinkAck.class);
    }
  }

  @ParameterizedTest
  @EnumSource(SessionMode.class)
  void tpsIsASlidingOneSecondWindowPerClass(SessionMode mode) {
    try (RawNgsClient c = start(b -> b, Account.builder(ID, PW).tps(5, 3, 2).build(), mode)) {
      List<Integer> sms = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        sms.add(send(c, sms().serial("S" + i).build()).result());
      }
      assertThat(sms).containsExactly(0, 0, 0, 0, 0, 3004, 3004, 3004);
      List<Integer> lms = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        lms.add(send(c, Messages.lms("L" + i, "본문")).result());
      }
      assertThat(lms).containsExactly(0, 0, 0, 3004);
      List<Integer> kko = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        kko.add(
            send(c, Messages.alimtalk("K" + i, "01020001234", Failover.NONE, "본문", null)).result());
      }
      assertThat(kko).containsExactly(0, 0, 3004);
      long second = clock.millis() / 1000;
      assertThat(gw.acceptedPerSecond(ID)).containsEntry(second, 10L);
      clock.advance(Duration.ofMillis(999));
      assertCode(send(c, sms().serial("S9").build()), ResultCode.E_TPS_OVER);
      clock.advance(Duration.ofMillis(1));
      assertCode(send(c, sms().serial("S10").build()), ResultCode.E_OK);
    }
  }

  @Test
  void tpsChangeAppliesLive() {
    try (RawNgsClient c =
        start(b -> b, Account.builder(ID, PW).tps(1, 1, 1).build(), SessionMode.PLAIN)) {
      assertCode(send(c, sms().serial("A").build()), ResultCode.E_OK);
      assertCode(send(c, sms().serial("B").build()), ResultCode.E_TPS_OVER);
      gw.setTps(ID, new dev.ngsign.ngs.protocol.packet.TpsLimits(3, 1, 1));
      assertThat(c.read()).isInstanceOf(dev.ngsign.ngs.protocol.packet.Event.class);
      assertCode(send(c, sms().serial("C").build()), ResultCode.E_OK);
      assertCode(
          send(c, sms().serial("B").build()),
          ResultCode.E_OK); // the retry of a refused SERIAL is new
      assertCode(send(c, sms().serial("E").build()), ResultCode.E_TPS_OVER);
      assertThat(gw.messagesAccepted(ID, "B")).isEqualTo(1);
      assertThat(gw.messagesAccepted(ID, "E")).isZero();
      assertThat(gw.duplicateCount()).isZero();
    }
  }

  @Test
  void monthlyQuotaIsEnforced() {
    try (RawNgsClient c =
        start(b -> b, Account.builder(ID, PW).monthlyQuota(2).build(), SessionMode.PLAIN)) {
      assertCode(send(c, sms().serial("Q1").build()), ResultCode.E_OK);
      assertCode(send(c, sms().serial("Q2").build()), ResultCode.E_OK);
      assertCode(send(c, sms().serial("Q3").build()), ResultCode.E_QUOTA_OVER);
      assertThat(gw.messagesAccepted(ID, "Q3")).isZero();
      clock.advance(Duration.ofDays(31)); // next month
      assertCode(send(c, sms().serial("Q3").build()), ResultCode.E_OK);
      assertThat(gw.messagesAccepted(ID, "Q3")).isEqualTo(1);
    }
  }

  @Test
  void repeatedSerialIsTheSameMessage() {
    try (RawNgsClient c =
            start(
                b -> b.dedupWindow(Duration.ofHours(24)),
                Account.builder(ID, PW).build(),
                SessionMode.PLAIN);
        RawNgsClient rep =
            RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.REPORT)) {
      assertCode(send(c, sms().serial("DUP").build()), ResultCode.E_OK);
      assertCode(send(c, sms().serial("DUP").build()), ResultCode.E_OK);
      assertThat(gw.messagesAccepted(ID, "DUP")).isEqualTo(1);
      assertThat(gw.deliversAccepted(ID, "DUP")).isEqualTo(2);
      assertThat(gw.duplicateCount()).isEqualTo(1);
      Report r = (Report) rep.read();
      assertThat(r.serial()).isEqualTo("DUP");
      rep.send(r.ack());
      rep.send(new Link());
      assertThat(rep.read()).as("exactly one report").isInstanceOf(LinkAck.class);
      clock.advance(Duration.ofHours(24));
      assertCode(send(c, sms().serial("DUP").build()), ResultCode.E_OK);
      assertThat(gw.messagesAccepted(ID, "DUP")).isEqualTo(2);
    }
  }

  @Test
  void duplicatesAreRecognisedAfterARestart() {
    try (RawNgsClient c =
        start(b -> b.dataDir(dataDir), Account.builder(ID, PW).build(), SessionMode.PLAIN)) {
      assertCode(send(c, sms().serial("R1").build()), ResultCode.E_OK);
    }
    gw.close();
    gw =
        NgsGateway.builder()
            .clock(clock)
            .certInterval(Duration.ZERO)
            .dataDir(dataDir)
            .account(Account.builder(ID, PW).build())
            .build();
    ports = gw.start();
    try (RawNgsClient c =
        RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.DELIVER)) {
      assertCode(send(c, sms().serial("R1").build()), ResultCode.E_OK);
      assertThat(gw.messagesAccepted(ID, "R1")).isEqualTo(1);
      assertThat(gw.deliversAccepted(ID, "R1")).isEqualTo(2);
      assertThat(gw.pendingReports(ID)).isEqualTo(1);
    }
  }

  @Test
  void pipelinedDeliversAreAllAnsweredInOrder() {
    try (RawNgsClient c = start()) {
      List<byte[]> frames = new ArrayList<>();
      int n = 200;
      for (int i = 0; i < n; i++) {
        frames.add(PacketCodec.toBytes(sms().serial("P" + i).build()));
      }
      int total = frames.stream().mapToInt(f -> f.length).sum();
      byte[] all = new byte[total];
      int at = 0;
      for (byte[] f : frames) {
        System.arraycopy(f, 0, all, at, f.length);
        at += f.length;
      }
      c.sendRaw(Arrays.copyOfRange(all, 0, 1000)); // fragmented across TCP writes
      c.sendRaw(Arrays.copyOfRange(all, 1000, all.length));
      for (int i = 0; i < n; i++) {
        DeliverAck ack = (DeliverAck) c.read();
        assertThat(ack.serial()).isEqualTo("P" + i);
        assertCode(ack, ResultCode.E_OK);
      }
      await().until(() -> gw.acceptedCount(ID) == n);
    }
  }

  @Test
  void scriptedAcksAndSwallowedAcksForFaultInjection() throws Exception {
    try (RawNgsClient c =
        start(b -> b.recordDelivers(100), Account.builder(ID, PW).build(), SessionMode.PLAIN)) {
      gw.scriptDeliverAcks("01020001234", ResultCode.E_SYS_BUSY, ResultCode.E_NET_FAIL);
      gw.swallowDeliverAcks("01020001234", 1);
      assertCode(send(c, sms().serial("F1").build()), ResultCode.E_SYS_BUSY);
      assertCode(send(c, sms().serial("F1").build()), ResultCode.E_NET_FAIL);
      c.send(sms().serial("F1").build()); // swallowed: no DELIVER_ACK
      c.send(new Link());
      assertThat(c.read()).isInstanceOf(LinkAck.class);
      assertCode(send(c, sms().serial("F1").build()), ResultCode.E_OK);
      assertThat(gw.messagesAccepted(ID, "F1")).isEqualTo(1);
      assertThat(gw.pendingReports(ID)).isEqualTo(1);
      for (int i = 0; i < 4; i++) {
        assertThat(gw.takeDeliver(Duration.ofSeconds(1)).serial()).isEqualTo("F1");
      }
      assertThat(gw.takeDeliver(Duration.ofMillis(10))).isNull();
    }
  }

  @Test
  void garbageAfterBindClosesWithoutHarm() {
    try (RawNgsClient c = start()) {
      c.sendRaw("hello, is this HTTP?\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(c.readUntilClosed()).hasSize(1);
    }
  }
}
