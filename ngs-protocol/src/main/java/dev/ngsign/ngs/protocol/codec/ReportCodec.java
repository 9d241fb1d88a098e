package dev.ngsign.ngs.protocol.codec;

import static dev.ngsign.ngs.protocol.codec.Layout.DA_ADDR;
import static dev.ngsign.ngs.protocol.codec.Layout.GWSERIAL;
import static dev.ngsign.ngs.protocol.codec.Layout.REPORT_MESSAGE;
import static dev.ngsign.ngs.protocol.codec.Layout.RESULT;
import static dev.ngsign.ngs.protocol.codec.Layout.SENDTIME;
import static dev.ngsign.ngs.protocol.codec.Layout.SERIAL;
import static dev.ngsign.ngs.protocol.codec.Layout.TELCOINFO;

import dev.ngsign.ngs.protocol.packet.PacketType;
import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.ReportMessage;
import dev.ngsign.ngs.protocol.packet.Telco;
import java.time.DateTimeException;
import java.time.LocalDateTime;

/**
 * REPORT, 94 bytes: RESULT 4, MESSAGE 15, DA_ADDR 20, SERIAL 20, GWSERIAL 16, SENDTIME 15
 * (yyyyMMddHHmmss), TELCOINFO 4 (section 4.4).
 */
final class ReportCodec implements BodyCodec<Report> {

  @Override
  public int bodyLength(Report p) {
    return PacketType.REPORT.bodySize();
  }

  @Override
  public void encode(Report p, BodyWriter w) {
    w.number(RESULT, p.result());
    w.ascii(REPORT_MESSAGE, p.message().toWire());
    w.ascii(DA_ADDR, p.daAddr());
    w.ascii(SERIAL, p.serial());
    w.ascii(GWSERIAL, p.gwSerial());
    w.ascii(SENDTIME, p.sendTime() == null ? "" : formatSendTime(p.sendTime()));
    w.ascii(TELCOINFO, p.telco().name());
  }

  static String formatSendTime(LocalDateTime t) {
    char[] c = new char[14];
    put(c, 0, t.getYear(), 4);
    put(c, 4, t.getMonthValue(), 2);
    put(c, 6, t.getDayOfMonth(), 2);
    put(c, 8, t.getHour(), 2);
    put(c, 10, t.getMinute(), 2);
    put(c, 12, t.getSecond(), 2);
    return new String(c);
  }

  private static void put(char[] c, int at, int v, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      c[i] = (char) ('0' + v % 10);
      v /= 10;
    }
  }

  /**
   * yyyyMMddHHmmss by hand (a DateTimeFormatter cost 7% of a client's I/O thread); null when not a
   * valid time.
   */
  static LocalDateTime parseSendTime(String s) {
    if (s.length() != 14) {
      return null;
    }
    for (int i = 0; i < 14; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return null;
      }
    }
    try {
      return LocalDateTime.of(
          num(s, 0, 4), num(s, 4, 6), num(s, 6, 8), num(s, 8, 10), num(s, 10, 12), num(s, 12, 14));
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static int num(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      n = n * 10 + (s.charAt(i) - '0');
    }
    return n;
  }

  @Override
  public Report decode(BodyReader r) {
    int result = (int) r.number(RESULT, null);
    ReportMessage message = ReportMessage.parse(r.ascii(REPORT_MESSAGE));
    String daAddr = r.ascii(DA_ADDR);
    String serial = r.ascii(SERIAL);
    String gwSerial = r.ascii(GWSERIAL);
    // An unreadable SENDTIME must not cost the whole report: it could then never be acknowledged
    // and the
    // gateway would re-send it forever. It reads as absent; RESULT, SERIAL and GWSERIAL still
    // count.
    LocalDateTime sendTime = parseSendTime(r.ascii(SENDTIME).strip());
    Telco telco = Telco.fromCode(r.ascii(TELCOINFO).strip());
    return new Report(result, message, daAddr, serial, gwSerial, sendTime, telco);
  }
}
