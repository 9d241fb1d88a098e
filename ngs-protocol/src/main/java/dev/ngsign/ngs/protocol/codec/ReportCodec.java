package dev.ngsign.ngs.protocol.codec;

import static dev.ngsign.ngs.protocol.codec.Layout.DA_ADDR;
import static dev.ngsign.ngs.protocol.codec.Layout.GWSERIAL;
import static dev.ngsign.ngs.protocol.codec.Layout.REPORT_MESSAGE;
import static dev.ngsign.ngs.protocol.codec.Layout.RESULT;
import static dev.ngsign.ngs.protocol.codec.Layout.SENDTIME;
import static dev.ngsign.ngs.protocol.codec.Layout.SERIAL;
import static dev.ngsign.ngs.protocol.codec.Layout.TELCOINFO;

import dev.ngsign.ngs.protocol.NgsProtocolException;
import dev.ngsign.ngs.protocol.packet.PacketType;
import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.ReportMessage;
import dev.ngsign.ngs.protocol.packet.Telco;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * REPORT, 94 bytes: RESULT 4, MESSAGE 15, DA_ADDR 20, SERIAL 20, GWSERIAL 16, SENDTIME 15
 * (yyyyMMddHHmmss), TELCOINFO 4 (section 4.4).
 */
final class ReportCodec implements BodyCodec<Report> {
  static final DateTimeFormatter SENDTIME_FORMAT =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);

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
    w.ascii(SENDTIME, p.sendTime() == null ? "" : SENDTIME_FORMAT.format(p.sendTime()));
    w.ascii(TELCOINFO, p.telco().name());
  }

  @Override
  public Report decode(BodyReader r) {
    int result = (int) r.number(RESULT, null);
    ReportMessage message = ReportMessage.parse(r.ascii(REPORT_MESSAGE));
    String daAddr = r.ascii(DA_ADDR);
    String serial = r.ascii(SERIAL);
    String gwSerial = r.ascii(GWSERIAL);
    String time = r.ascii(SENDTIME).strip();
    LocalDateTime sendTime = null;
    if (!time.isEmpty()) {
      try {
        sendTime = LocalDateTime.parse(time, SENDTIME_FORMAT);
      } catch (DateTimeParseException e) {
        throw r.error(SENDTIME.name(), NgsProtocolException.show(time) + " is not a time yyyyMMddHHmmss", null);
      }
    }
    Telco telco = Telco.fromCode(r.ascii(TELCOINFO).strip());
    return new Report(result, message, daAddr, serial, gwSerial, sendTime, telco);
  }
}
