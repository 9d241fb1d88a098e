package dev.ngsign.ngs.protocol.codec;

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
import dev.ngsign.ngs.protocol.packet.ReportFlag;
import dev.ngsign.ngs.protocol.packet.ReportMessage;
import dev.ngsign.ngs.protocol.packet.ReportAck;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import dev.ngsign.ngs.protocol.packet.SessionMode;
import dev.ngsign.ngs.protocol.packet.Telco;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import java.time.LocalDateTime;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of valid packets: every type, every MSGTYPE, Korean text up to and at the exact buffer limits. */
final class PacketArbitraries {
  private PacketArbitraries() {}

  static Arbitrary<String> ascii(int maxLen) {
    return Arbitraries.strings().withCharRange('!', '~').withChars(' ').ofMinLength(0).ofMaxLength(maxLen);
  }

  static Arbitrary<String> digits(int min, int max) {
    return Arbitraries.strings().numeric().ofMinLength(min).ofMaxLength(max);
  }

  /**
   * Mixed Korean and ASCII text whose encoded length is at most {@code maxBytes} in {@code enc}; one in
   * three fills the buffer exactly, the boundary where a careless codec cuts a character in half.
   */
  static Arbitrary<String> korean(int maxBytes, ContentEncoding enc) {
    Arbitrary<Character> ch = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.chars().range('가', '힣')),
        net.jqwik.api.Tuple.of(2, Arbitraries.chars().range('a', 'z')),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(' ', '.', ',', '!', '(', ')')));
    Arbitrary<String> free = ch.list().ofMaxSize(maxBytes).map(cs -> fit(cs, maxBytes, enc));
    Arbitrary<String> exact = Arbitraries.chars().range('가', '힣').list().ofMinSize(maxBytes).ofMaxSize(maxBytes)
        .map(cs -> fillExactly(cs, maxBytes, enc));
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, free), net.jqwik.api.Tuple.of(1, exact));
  }

  private static String fit(List<Character> cs, int maxBytes, ContentEncoding enc) {
    StringBuilder sb = new StringBuilder();
    int bytes = 0;
    for (char c : cs) {
      int n = String.valueOf(c).getBytes(enc.charset()).length;
      if (bytes + n > maxBytes) {
        break;
      }
      sb.append(c);
      bytes += n;
    }
    return sb.toString();
  }

  /** Hangul up to the limit, then ASCII for the remainder: exactly {@code maxBytes} bytes. */
  private static String fillExactly(List<Character> hangul, int maxBytes, ContentEncoding enc) {
    String s = fit(hangul, maxBytes, enc);
    int used = s.getBytes(enc.charset()).length;
    return s + "x".repeat(maxBytes - used);
  }

  static Arbitrary<ContentEncoding> textEncoding() {
    return Arbitraries.of(ContentEncoding.MS949, ContentEncoding.UTF_8);
  }

  static Arbitrary<NgsPacket> anyPacket() {
    return Arbitraries.oneOf(List.of(
        cert(), certAck(), bind(), bindAck(), deliver(), deliver(), deliver(), deliverAck(), report(), reportAck(),
        event(), Arbitraries.of(Link.INSTANCE, LinkAck.INSTANCE)));
  }

  static Arbitrary<NgsPacket> cert() {
    return Combinators.combine(ascii(20), ascii(110), ascii(15), Arbitraries.integers().between(0, 9999))
        .as(Cert::new);
  }

  static Arbitrary<NgsPacket> certAck() {
    return Combinators.combine(Arbitraries.integers().between(0, 9999), ascii(64), korean(40, ContentEncoding.MS949),
            Arbitraries.integers().between(0, 65535), Arbitraries.integers().between(0, 65535))
        .as(CertAck::new);
  }

  static Arbitrary<NgsPacket> bind() {
    return Combinators.combine(ascii(20), ascii(110), ascii(65), Arbitraries.of(SessionMode.class),
            Arbitraries.of(SessionKind.class), ascii(15), Arbitraries.integers().between(0, 9999))
        .as(Bind::new);
  }

  static Arbitrary<NgsPacket> bindAck() {
    Arbitrary<Integer> tps = Arbitraries.integers().between(0, TpsLimits.MAX);
    return Combinators.combine(Arbitraries.integers().between(0, 9999), tps, tps, tps, korean(40, ContentEncoding.MS949))
        .as((r, s, m, k, msg) -> new BindAck(r, new TpsLimits(s, m, k), msg));
  }

  static Arbitrary<NgsPacket> deliverAck() {
    return Combinators.combine(Arbitraries.integers().between(0, 9999), ascii(20), ascii(20)).as(DeliverAck::new);
  }

  static Arbitrary<NgsPacket> reportAck() {
    return Combinators.combine(Arbitraries.integers().between(0, 9999), ascii(20), ascii(16)).as(ReportAck::new);
  }

  static Arbitrary<NgsPacket> event() {
    return Combinators.combine(Arbitraries.of(EventType.class), korean(88, ContentEncoding.MS949)).as(Event::new);
  }

  static Arbitrary<NgsPacket> report() {
    Arbitrary<ReportFlag> flag = Arbitraries.oneOf(List.of(
        Arbitraries.just(new ReportFlag.SpamSuccess()),
        digits(1, 4).map(ReportFlag.KakaoFailure::new),
        Arbitraries.of(MessageType.SMS, MessageType.LMS, MessageType.MMS).map(ReportFlag.FinalType::new)));
    Arbitrary<ReportMessage> message = flag.list().ofMaxSize(3).map(ReportMessage::new)
        .filter(m -> m.toWire().length() <= 15);
    Arbitrary<LocalDateTime> time = Arbitraries.longs().between(946_684_800L, 4_102_444_799L)
        .map(s -> LocalDateTime.ofEpochSecond(s, 0, java.time.ZoneOffset.UTC));
    return Combinators.combine(Arbitraries.integers().between(0, 9999), message, ascii(20), ascii(20), ascii(16),
            time.injectNull(0.1), Arbitraries.of(Telco.class))
        .as(Report::new);
  }

  static Arbitrary<Media> media() {
    Arbitrary<MediaType> type = Arbitraries.of(MediaType.class);
    return type.flatMap(t -> {
      if (t.isText()) {
        return textEncoding().flatMap(enc -> korean(300, enc).map(s -> Media.text(t, enc, s)));
      }
      return Arbitraries.bytes().array(byte[].class).ofMaxSize(3000).map(b -> Media.wrap(t, ContentEncoding.BINARY, b));
    });
  }

  static Arbitrary<Extension> extension() {
    return Arbitraries.oneOf(List.of(
        ascii(10).map(Extension.DeptCode::new),
        digits(0, 16).map(Extension.NationCode::new)));
  }

  static Arbitrary<NgsPacket> deliver() {
    return Arbitraries.of(MessageType.class).flatMap(type -> textEncoding().flatMap(enc -> {
      Arbitrary<KakaoInfo> kakao = Combinators.combine(ascii(41), ascii(31), Arbitraries.of(KakaoMethod.class),
          Arbitraries.of(Failover.class), korean(65, enc)).as(KakaoInfo::new);
      Arbitrary<String> text = type.isKakao() ? Arbitraries.just("") : korean(141, enc);
      Arbitrary<KakaoInfo> k = type.isKakao() ? kakao : Arbitraries.just(null);
      return Combinators.combine(digits(0, 20), digits(0, 20), text, k, ascii(20), digits(0, 10),
              extension().injectNull(0.6), media().list().ofMaxSize(4))
          .as((da, cb, t, ki, serial, sc, ext, media) ->
              new Deliver(type, da, cb, enc, t, ki, serial, sc, ext, media));
    }));
  }
}
