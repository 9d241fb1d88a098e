package dev.ngsign.ngs.protocol.codec;

import static dev.ngsign.ngs.protocol.codec.Layout.CERT_KEY;
import static dev.ngsign.ngs.protocol.codec.Layout.DELIVER_PORT;
import static dev.ngsign.ngs.protocol.codec.Layout.REPORT_PORT;
import static dev.ngsign.ngs.protocol.codec.Layout.RESULT;
import static dev.ngsign.ngs.protocol.codec.Layout.SERVER_IP;

import dev.ngsign.ngs.protocol.packet.CertAck;
import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import dev.ngsign.ngs.protocol.packet.PacketType;

/**
 * CERT_ACK, 125 bytes: RESULT 4, CERT_KEY 65, SERVER_IP 40, DELIVER_PORT 8, REPORT_PORT 8. On
 * failure SERVER_IP holds the reason, which may be Korean (MS949), and the ports are NUL.
 */
final class CertAckCodec implements BodyCodec<CertAck> {
  @Override
  public int bodyLength(CertAck p) {
    return PacketType.CERT_ACK.bodySize();
  }

  @Override
  public void encode(CertAck p, BodyWriter w) {
    w.number(RESULT, p.result());
    w.ascii(CERT_KEY, p.certKey());
    w.text(SERVER_IP, p.serverIp(), ContentEncoding.MS949);
    w.numberOrEmpty(DELIVER_PORT, p.deliverPort());
    w.numberOrEmpty(REPORT_PORT, p.reportPort());
  }

  @Override
  public CertAck decode(BodyReader r) {
    int result = (int) r.number(RESULT, null);
    String certKey = r.ascii(CERT_KEY);
    String serverIp = r.text(SERVER_IP, ContentEncoding.MS949);
    int deliverPort = port(r, DELIVER_PORT);
    int reportPort = port(r, REPORT_PORT);
    return new CertAck(result, certKey, serverIp, deliverPort, reportPort);
  }

  private static int port(BodyReader r, FixedField f) {
    long p = r.numberOr(f, 0, null);
    if (p > 65_535) {
      throw r.error(f.name(), p + " is not a TCP port", null);
    }
    return (int) p;
  }
}
