package dev.ngsign.ngs.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.protocol.crypto.BodyCipher;
import dev.ngsign.ngs.protocol.crypto.PasswordHash;
import dev.ngsign.ngs.protocol.packet.Bind;
import dev.ngsign.ngs.protocol.packet.BindAck;
import dev.ngsign.ngs.protocol.packet.Cert;
import dev.ngsign.ngs.protocol.packet.CertAck;
import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.DeliverAck;
import dev.ngsign.ngs.protocol.packet.Event;
import dev.ngsign.ngs.protocol.packet.EventType;
import dev.ngsign.ngs.protocol.packet.Extension;
import dev.ngsign.ngs.protocol.packet.Failover;
import dev.ngsign.ngs.protocol.packet.KakaoInfo;
import dev.ngsign.ngs.protocol.packet.KakaoMethod;
import dev.ngsign.ngs.protocol.packet.Link;
import dev.ngsign.ngs.protocol.packet.LinkAck;
import dev.ngsign.ngs.protocol.packet.Media;
import dev.ngsign.ngs.protocol.packet.MediaType;
import dev.ngsign.ngs.protocol.packet.MessageType;
import dev.ngsign.ngs.protocol.packet.NgsPacket;
import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.ReportAck;
import dev.ngsign.ngs.protocol.packet.ReportFlag;
import dev.ngsign.ngs.protocol.packet.ReportMessage;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import dev.ngsign.ngs.protocol.packet.SessionMode;
import dev.ngsign.ngs.protocol.packet.Telco;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * decode(encode(p)) = p for generated packets of every type, plain and on an encrypted session,
 * plus explicit boundary packets (every field empty; every field at its maximum, Korean text
 * filling its buffer exactly in MS949 and UTF-8). Each generated case is named by its seed: {@code
 * new Random(seed)} replays it.
 */
class RoundTripTest {
  private static final int PLAIN_SEEDS = 1500;
  private static final int ENCRYPTED_SEEDS = 500;

  @TestFactory
  Stream<DynamicTest> plainRoundTrip() {
    return IntStream.range(0, PLAIN_SEEDS)
        .mapToObj(
            seed -> {
              NgsPacket p = PacketGenerators.anyPacket(new Random(seed));
              return DynamicTest.dynamicTest(
                  "seed " + seed + ": " + p.type(), () -> assertRoundTrip(p, null));
            });
  }

  @TestFactory
  Stream<DynamicTest> encryptedRoundTrip() {
    return IntStream.range(0, ENCRYPTED_SEEDS)
        .mapToObj(
            seed -> {
              Random r = new Random(1_000_000L + seed);
              NgsPacket p = PacketGenerators.anyPacket(r);
              int keyPos = r.nextInt(65);
              return DynamicTest.dynamicTest(
                  "seed " + (1_000_000L + seed) + ": " + p.type() + " keypos " + keyPos,
                  () ->
                      assertRoundTrip(p, PasswordHash.of("pw-" + keyPos).key(keyPos).bodyCipher()));
            });
  }

  /** Every MSGTYPE with each text encoding, many seeds each: no type is left to chance. */
  @TestFactory
  Stream<DynamicTest> everyMessageTypeInBothEncodings() {
    List<DynamicTest> tests = new ArrayList<>();
    for (MessageType type : MessageType.values()) {
      for (int seed = 0; seed < 20; seed++) {
        long s = 2_000_000L + type.ordinal() * 100L + seed;
        NgsPacket p = PacketGenerators.deliver(new Random(s), type);
        tests.add(
            DynamicTest.dynamicTest(
                "seed " + s + ": DELIVER " + type, () -> assertRoundTrip(p, null)));
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> boundaries() {
    List<DynamicTest> tests = new ArrayList<>();
    for (NgsPacket p : boundaryPackets()) {
      tests.add(
          DynamicTest.dynamicTest(
              "boundary plain: " + describe(p), () -> assertRoundTrip(p, null)));
      tests.add(
          DynamicTest.dynamicTest(
              "boundary encrypted: " + describe(p),
              () -> assertRoundTrip(p, PasswordHash.of("boundary").key(64).bodyCipher())));
    }
    return tests.stream();
  }

  static List<NgsPacket> boundaryPackets() {
    Random r = new Random(42);
    List<NgsPacket> out = new ArrayList<>();
    // Every field empty or zero.
    out.add(new Cert("", "", "", 0));
    out.add(new CertAck(0, "", "", 0, 0));
    out.add(new Bind("", "", "", SessionMode.values()[0], SessionKind.values()[0], "", 0));
    out.add(new BindAck(0, new TpsLimits(0, 0, 0), ""));
    out.add(new DeliverAck(0, "", ""));
    out.add(new ReportAck(0, "", ""));
    out.add(new Event(EventType.values()[0], ""));
    out.add(new Report(0, ReportMessage.EMPTY, "", "", "", null, Telco.values()[0]));
    out.add(Link.INSTANCE);
    out.add(LinkAck.INSTANCE);
    // Every field at its maximum; Korean text filling the buffer exactly.
    out.add(new Cert("i".repeat(20), "p".repeat(110), "v".repeat(15), 9999));
    out.add(
        new CertAck(
            9999,
            "h".repeat(64),
            PacketGenerators.fillExactly(r, 40, ContentEncoding.MS949),
            65_535,
            65_535));
    out.add(
        new Bind(
            "i".repeat(20),
            "p".repeat(110),
            "k".repeat(65),
            SessionMode.values()[SessionMode.values().length - 1],
            SessionKind.values()[SessionKind.values().length - 1],
            "v".repeat(15),
            9999));
    out.add(
        new BindAck(
            9999,
            new TpsLimits(TpsLimits.MAX, TpsLimits.MAX, TpsLimits.MAX),
            PacketGenerators.fillExactly(r, 40, ContentEncoding.MS949)));
    out.add(new DeliverAck(9999, "s".repeat(20), "m".repeat(20)));
    out.add(new ReportAck(9999, "s".repeat(20), "t".repeat(16)));
    for (EventType t : EventType.values()) {
      out.add(new Event(t, PacketGenerators.fillExactly(r, 88, ContentEncoding.MS949)));
      out.add(new Event(t, "가".repeat(44))); // 88 bytes, all two-byte characters
    }
    out.add(
        new Report(
            9999,
            ReportMessage.of(
                new ReportFlag.KakaoFailure("2103"),
                new ReportFlag.FinalType(MessageType.SMS),
                new ReportFlag.SpamSuccess()),
            "s".repeat(20),
            "m".repeat(20),
            "t".repeat(16),
            LocalDateTime.of(2099, 12, 31, 23, 59, 59),
            Telco.values()[Telco.values().length - 1]));
    for (MessageType type : MessageType.values()) {
      for (ContentEncoding enc : List.of(ContentEncoding.MS949, ContentEncoding.UTF_8)) {
        out.add(emptyDeliver(type, enc));
        out.add(fullDeliver(r, type, enc));
      }
    }
    return out;
  }

  private static Deliver emptyDeliver(MessageType type, ContentEncoding enc) {
    KakaoInfo kakao =
        type.isKakao()
            ? new KakaoInfo("", "", KakaoMethod.values()[0], Failover.values()[0], "")
            : null;
    return new Deliver(type, "", "", enc, "", kakao, "", "", null, List.of());
  }

  private static Deliver fullDeliver(Random r, MessageType type, ContentEncoding enc) {
    KakaoInfo kakao =
        type.isKakao()
            ? new KakaoInfo(
                "k".repeat(41),
                "t".repeat(31),
                KakaoMethod.values()[KakaoMethod.values().length - 1],
                Failover.values()[Failover.values().length - 1],
                PacketGenerators.fillExactly(r, 65, enc))
            : null;
    String text = type.isKakao() ? "" : PacketGenerators.fillExactly(r, 141, enc);
    List<Media> media =
        List.of(
            Media.text(MediaType.BODY_TEXT, enc, PacketGenerators.fillExactly(r, 2000, enc)),
            Media.wrap(
                MediaType.values()[MediaType.values().length - 1],
                ContentEncoding.BINARY,
                new byte[3000]),
            Media.text(MediaType.FALLBACK_TEXT, enc, ""),
            Media.text(
                MediaType.KAKAO_JSON,
                ContentEncoding.UTF_8,
                "{\"title\":\""
                    + PacketGenerators.fillExactly(r, 90, ContentEncoding.UTF_8)
                    + "\"}"));
    return new Deliver(
        type,
        "0".repeat(20),
        "9".repeat(20),
        enc,
        text,
        kakao,
        "s".repeat(20),
        "1".repeat(10),
        new Extension.NationCode("8".repeat(16)),
        media);
  }

  private static String describe(NgsPacket p) {
    if (p instanceof Deliver d) {
      return "DELIVER "
          + d.messageType()
          + " "
          + d.encoding()
          + (d.serial().isEmpty() ? " empty" : " full");
    }
    return p.type()
        + (p.equals(Link.INSTANCE) || p.equals(LinkAck.INSTANCE)
            ? ""
            : " " + Integer.toHexString(p.hashCode()));
  }

  static void assertRoundTrip(NgsPacket p, BodyCipher cipher) {
    byte[] wire = cipher == null ? PacketCodec.toBytes(p) : PacketCodec.toBytes(p, cipher);
    assertThat(wire).hasSize(PacketCodec.frameLength(p, cipher));
    assertThat(cipher == null ? PacketCodec.fromBytes(wire) : PacketCodec.fromBytes(wire, cipher))
        .isEqualTo(p);
  }
}
