package dev.ngsign.ngs.protocol.codec;

import static dev.ngsign.ngs.protocol.codec.Layout.BIND_ACK_MESSAGE;
import static dev.ngsign.ngs.protocol.codec.Layout.KKO_TPS;
import static dev.ngsign.ngs.protocol.codec.Layout.MMS_TPS;
import static dev.ngsign.ngs.protocol.codec.Layout.RESULT;
import static dev.ngsign.ngs.protocol.codec.Layout.SMS_TPS;

import dev.ngsign.ngs.protocol.packet.BindAck;
import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import dev.ngsign.ngs.protocol.packet.PacketType;
import dev.ngsign.ngs.protocol.packet.TpsLimits;

/** BIND_ACK, 59 bytes: RESULT 4, SMS_TPS 5, MMS_TPS 5, KKO_TPS 5, MESSAGE 40 (section 4.2). */
final class BindAckCodec implements BodyCodec<BindAck> {
  @Override
  public int bodyLength(BindAck p) {
    return PacketType.BIND_ACK.bodySize();
  }

  @Override
  public void encode(BindAck p, BodyWriter w) {
    w.number(RESULT, p.result());
    w.number(SMS_TPS, p.tps().sms());
    w.number(MMS_TPS, p.tps().mms());
    w.number(KKO_TPS, p.tps().kko());
    w.text(BIND_ACK_MESSAGE, p.message(), ContentEncoding.MS949);
  }

  @Override
  public BindAck decode(BodyReader r) {
    int result = (int) r.number(RESULT, null);
    // 5 digits always fit TpsLimits.MAX; empty limits (failure) read as 0
    int sms = (int) r.numberOr(SMS_TPS, 0, null);
    int mms = (int) r.numberOr(MMS_TPS, 0, null);
    int kko = (int) r.numberOr(KKO_TPS, 0, null);
    String message = r.text(BIND_ACK_MESSAGE, ContentEncoding.MS949);
    return new BindAck(result, new TpsLimits(sms, mms, kko), message);
  }
}
