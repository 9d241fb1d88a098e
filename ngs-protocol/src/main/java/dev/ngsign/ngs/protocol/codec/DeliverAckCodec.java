package dev.ngsign.ngs.protocol.codec;

import static dev.ngsign.ngs.protocol.codec.Layout.DA_ADDR;
import static dev.ngsign.ngs.protocol.codec.Layout.RESULT;
import static dev.ngsign.ngs.protocol.codec.Layout.SERIAL;

import dev.ngsign.ngs.protocol.packet.DeliverAck;
import dev.ngsign.ngs.protocol.packet.PacketType;

/** DELIVER_ACK, 44 bytes: RESULT 4, DA_ADDR 20, SERIAL 20 (section 4.3). */
final class DeliverAckCodec implements BodyCodec<DeliverAck> {
  @Override
  public int bodyLength(DeliverAck p) {
    return PacketType.DELIVER_ACK.bodySize();
  }

  @Override
  public void encode(DeliverAck p, BodyWriter w) {
    w.number(RESULT, p.result());
    w.ascii(DA_ADDR, p.daAddr());
    w.ascii(SERIAL, p.serial());
  }

  @Override
  public DeliverAck decode(BodyReader r) {
    int result = (int) r.number(RESULT, null);
    return new DeliverAck(result, r.ascii(DA_ADDR), r.ascii(SERIAL));
  }
}
