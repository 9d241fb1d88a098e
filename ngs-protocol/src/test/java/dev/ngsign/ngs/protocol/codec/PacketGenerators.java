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
import dev.ngsign.ngs.protocol.packet.ReportAck;
import dev.ngsign.ngs.protocol.packet.ReportFlag;
import dev.ngsign.ngs.protocol.packet.ReportMessage;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import dev.ngsign.ngs.protocol.packet.SessionMode;
import dev.ngsign.ngs.protocol.packet.Telco;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Seeded generators of valid packets: every packet type, every MSGTYPE, both text encodings, Korean
 * text up to and at the exact buffer limits. Each call draws from the {@link Random} it is given,
 * so one seed always gives the same packets and a failing test replays from the seed in its name.
 *
 * <p>Field sizes follow the spec's tables (section 4): ID 20, PWD 110, VERSION 15, TEXT 141, Kakao
 * sender key 41, template code 31, Kakao button text 65, SERIAL 20, SENDTIME 16, EVENT message 88.
 */
final class PacketGenerators {
  private PacketGenerators() {}

  /**
   * Korean text fills the buffer exactly in one draw of three: where a careless codec cuts a
   * character.
   */
  private static final int EXACT_FILL_ONE_IN = 3;

  static String ascii(Random r, int maxLen) {
    int n = r.nextInt(maxLen + 1);
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      int c = r.nextInt(95); // ' ' .. '~'
      sb.append((char) (' ' + c));
    }
    return sb.toString();
  }

  static String digits(Random r, int min, int max) {
    int n = min + r.nextInt(max - min + 1);
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append((char) ('0' + r.nextInt(10)));
    }
    return sb.toString();
  }

  /**
   * Mixed Korean and ASCII text of at most {@code maxBytes} bytes in {@code enc}; sometimes exactly
   * that many.
   */
  static String korean(Random r, int maxBytes, ContentEncoding enc) {
    if (r.nextInt(EXACT_FILL_ONE_IN) == 0) {
      return fillExactly(r, maxBytes, enc);
    }
    int chars = r.nextInt(maxBytes + 1);
    StringBuilder sb = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < chars; i++) {
      char c =
          switch (r.nextInt(6)) {
            case 0, 1, 2 -> hangul(r);
            case 3, 4 -> (char) ('a' + r.nextInt(26));
            default -> " .,!()".charAt(r.nextInt(6));
          };
      int n = String.valueOf(c).getBytes(enc.charset()).length;
      if (bytes + n > maxBytes) {
        break;
      }
      sb.append(c);
      bytes += n;
    }
    return sb.toString();
  }

  /**
   * Hangul syllables as far as they fit, then ASCII for the remainder: exactly {@code maxBytes}
   * bytes.
   */
  static String fillExactly(Random r, int maxBytes, ContentEncoding enc) {
    StringBuilder sb = new StringBuilder();
    int bytes = 0;
    while (true) {
      char c = hangul(r);
      int n = String.valueOf(c).getBytes(enc.charset()).length;
      if (bytes + n > maxBytes) {
        break;
      }
      sb.append(c);
      bytes += n;
    }
    return sb + "x".repeat(maxBytes - bytes);
  }

  private static char hangul(Random r) {
    return (char) ('가' + r.nextInt('힣' - '가' + 1));
  }

  static <T> T oneOf(Random r, T[] values) {
    return values[r.nextInt(values.length)];
  }

  static <T> List<T> listOf(Random r, int maxSize, Function<Random, T> element) {
    int n = r.nextInt(maxSize + 1);
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(element.apply(r));
    }
    return out;
  }

  static ContentEncoding textEncoding(Random r) {
    return r.nextBoolean() ? ContentEncoding.MS949 : ContentEncoding.UTF_8;
  }

  private static int code(Random r) {
    return r.nextInt(10_000);
  }

  /**
   * Any packet; DELIVER, the packet with the most fields, is drawn three times as often as the
   * others.
   */
  static NgsPacket anyPacket(Random r) {
    return switch (r.nextInt(14)) {
      case 0 -> cert(r);
      case 1 -> certAck(r);
      case 2 -> bind(r);
      case 3 -> bindAck(r);
      case 4, 5, 6 -> deliver(r);
      case 7 -> deliverAck(r);
      case 8 -> report(r);
      case 9 -> reportAck(r);
      case 10 -> event(r);
      case 11 -> Link.INSTANCE;
      case 12 -> LinkAck.INSTANCE;
      default -> deliver(r, oneOf(r, MessageType.values()));
    };
  }

  static NgsPacket cert(Random r) {
    return new Cert(ascii(r, 20), ascii(r, 110), ascii(r, 15), code(r));
  }

  static NgsPacket certAck(Random r) {
    return new CertAck(
        code(r),
        ascii(r, 64),
        korean(r, 40, ContentEncoding.MS949),
        r.nextInt(65_536),
        r.nextInt(65_536));
  }

  static NgsPacket bind(Random r) {
    return new Bind(
        ascii(r, 20),
        ascii(r, 110),
        ascii(r, 65),
        oneOf(r, SessionMode.values()),
        oneOf(r, SessionKind.values()),
        ascii(r, 15),
        code(r));
  }

  static NgsPacket bindAck(Random r) {
    TpsLimits tps =
        new TpsLimits(
            r.nextInt(TpsLimits.MAX + 1),
            r.nextInt(TpsLimits.MAX + 1),
            r.nextInt(TpsLimits.MAX + 1));
    return new BindAck(code(r), tps, korean(r, 40, ContentEncoding.MS949));
  }

  static NgsPacket deliverAck(Random r) {
    return new DeliverAck(code(r), ascii(r, 20), ascii(r, 20));
  }

  static NgsPacket reportAck(Random r) {
    return new ReportAck(code(r), ascii(r, 20), ascii(r, 16));
  }

  static NgsPacket event(Random r) {
    return new Event(oneOf(r, EventType.values()), korean(r, 88, ContentEncoding.MS949));
  }

  static ReportFlag reportFlag(Random r) {
    return switch (r.nextInt(3)) {
      case 0 -> new ReportFlag.SpamSuccess();
      case 1 -> new ReportFlag.KakaoFailure(digits(r, 1, 4));
      default ->
          new ReportFlag.FinalType(
              oneOf(r, new MessageType[] {MessageType.SMS, MessageType.LMS, MessageType.MMS}));
    };
  }

  static NgsPacket report(Random r) {
    ReportMessage message;
    do {
      message = new ReportMessage(listOf(r, 3, PacketGenerators::reportFlag));
    } while (message.toWire().length() > 15); // MESSAGE is 15 bytes on the wire
    // SENDTIME between 2000-01-01 and 2099-12-31; absent one time in ten.
    LocalDateTime time =
        r.nextInt(10) == 0
            ? null
            : LocalDateTime.ofEpochSecond(
                946_684_800L + (long) (r.nextDouble() * (4_102_444_799L - 946_684_800L)),
                0,
                ZoneOffset.UTC);
    return new Report(
        code(r), message, ascii(r, 20), ascii(r, 20), ascii(r, 16), time, oneOf(r, Telco.values()));
  }

  static Media media(Random r) {
    MediaType t = oneOf(r, MediaType.values());
    if (t.isText()) {
      ContentEncoding enc = textEncoding(r);
      return Media.text(t, enc, korean(r, 300, enc));
    }
    byte[] b = new byte[r.nextInt(3001)];
    r.nextBytes(b);
    return Media.wrap(t, ContentEncoding.BINARY, b);
  }

  static Extension extension(Random r) {
    return r.nextBoolean()
        ? new Extension.DeptCode(ascii(r, 10))
        : new Extension.NationCode(digits(r, 0, 16));
  }

  static NgsPacket deliver(Random r) {
    return deliver(r, oneOf(r, MessageType.values()));
  }

  static NgsPacket deliver(Random r, MessageType type) {
    ContentEncoding enc = textEncoding(r);
    KakaoInfo kakao =
        type.isKakao()
            ? new KakaoInfo(
                ascii(r, 41),
                ascii(r, 31),
                oneOf(r, KakaoMethod.values()),
                oneOf(r, Failover.values()),
                korean(r, 65, enc))
            : null;
    String text = type.isKakao() ? "" : korean(r, 141, enc);
    Extension ext = r.nextInt(10) < 6 ? null : extension(r);
    return new Deliver(
        type,
        digits(r, 0, 20),
        digits(r, 0, 20),
        enc,
        text,
        kakao,
        ascii(r, 20),
        digits(r, 0, 10),
        ext,
        listOf(r, 4, PacketGenerators::media));
  }
}
