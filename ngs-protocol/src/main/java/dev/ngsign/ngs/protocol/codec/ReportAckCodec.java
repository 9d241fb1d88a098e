package dev.ngsign.ngs.protocol.codec;

import static dev.ngsign.ngs.protocol.codec.Layout.GWSERIAL;
import static dev.ngsign.ngs.protocol.codec.Layout.RESULT;
import static dev.ngsign.ngs.protocol.codec.Layout.SERIAL;

import dev.ngsign.ngs.protocol.packet.PacketType;
import dev.ngsign.ngs.protocol.packet.ReportAck;

/** REPORT_ACK, 40 bytes: RESULT 4, SERIAL 20, GWSERIAL 16 (section 4.4). */
final class ReportAckCodec implements BodyCodec<ReportAck> {
  @Override
  public int bodyLength(ReportAck p) {
    return PacketType.REPORT_ACK.bodySize();
  }

  @Override
  public void encode(ReportAck p, BodyWriter w) {
    w.number(RESULT, p.result());
    w.ascii(SERIAL, p.serial());
    w.ascii(GWSERIAL, p.gwSerial());
  }

  @Override
  public ReportAck decode(BodyReader r) {
    int result = (int) r.number(RESULT, null);
    return new ReportAck(result, r.ascii(SERIAL), r.ascii(GWSERIAL));
  }
}
