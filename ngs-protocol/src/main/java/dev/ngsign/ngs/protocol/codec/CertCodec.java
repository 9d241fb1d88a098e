package dev.ngsign.ngs.protocol.codec;

import static dev.ngsign.ngs.protocol.codec.Layout.ID;
import static dev.ngsign.ngs.protocol.codec.Layout.KEYPOS;
import static dev.ngsign.ngs.protocol.codec.Layout.PWD;
import static dev.ngsign.ngs.protocol.codec.Layout.VERSION;

import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.Cert;
import dev.ngsign.ngs.protocol.packet.PacketType;

/** CERT, 149 bytes: ID 20, PWD 110, VERSION 15, KEYPOS 4 (section 4.1). */
final class CertCodec implements BodyCodec<Cert> {
  @Override
  public int bodyLength(Cert p) {
    return PacketType.CERT.bodySize();
  }

  @Override
  public void encode(Cert p, BodyWriter w) {
    w.ascii(ID, p.id());
    w.ascii(PWD, p.pwd());
    w.ascii(VERSION, p.version());
    w.number(KEYPOS, p.keyPos());
  }

  @Override
  public Cert decode(BodyReader r) {
    String id = r.ascii(ID, ResultCode.E_AUTH_FAIL);
    String pwd = r.ascii(PWD, ResultCode.E_AUTH_FAIL);
    String version = r.ascii(VERSION, ResultCode.E_INVALID_VERSION);
    int keyPos = (int) Math.min(Integer.MAX_VALUE, r.number(KEYPOS, ResultCode.E_INVALID_KEYPOS));
    return new Cert(id, pwd, version, keyPos);
  }
}
