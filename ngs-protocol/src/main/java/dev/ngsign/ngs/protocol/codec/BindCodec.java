package dev.ngsign.ngs.protocol.codec;

import static dev.ngsign.ngs.protocol.codec.Layout.BIND_TYPE;
import static dev.ngsign.ngs.protocol.codec.Layout.CERT_KEY;
import static dev.ngsign.ngs.protocol.codec.Layout.ID;
import static dev.ngsign.ngs.protocol.codec.Layout.KEYPOS;
import static dev.ngsign.ngs.protocol.codec.Layout.KIND;
import static dev.ngsign.ngs.protocol.codec.Layout.PWD;
import static dev.ngsign.ngs.protocol.codec.Layout.VERSION;

import dev.ngsign.ngs.protocol.NgsProtocolException;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.Bind;
import dev.ngsign.ngs.protocol.packet.PacketType;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import dev.ngsign.ngs.protocol.packet.SessionMode;

/**
 * BIND, 220 bytes: ID 20, PWD 110, CERT_KEY 65, TYPE 2, KIND 4, VERSION 15, KEYPOS 4 (section 4.2).
 */
final class BindCodec implements BodyCodec<Bind> {
  @Override
  public int bodyLength(Bind p) {
    return PacketType.BIND.bodySize();
  }

  @Override
  public void encode(Bind p, BodyWriter w) {
    w.ascii(ID, p.id());
    w.ascii(PWD, p.pwd());
    w.ascii(CERT_KEY, p.certKey());
    w.ascii(BIND_TYPE, p.mode().code());
    w.ascii(KIND, p.kind().code());
    w.ascii(VERSION, p.version());
    w.number(KEYPOS, p.keyPos());
  }

  @Override
  public Bind decode(BodyReader r) {
    String id = r.ascii(ID, ResultCode.E_AUTH_FAIL);
    String pwd = r.ascii(PWD, ResultCode.E_AUTH_FAIL);
    String certKey = r.ascii(CERT_KEY, ResultCode.E_INVALID_CERT_KEY);
    String type = r.ascii(BIND_TYPE, ResultCode.E_INVALID_TYPE);
    SessionMode mode = SessionMode.fromCode(type);
    if (mode == null) {
      throw r.error(
          BIND_TYPE.name(),
          NgsProtocolException.show(type) + " is not p (plain) or P (encrypted)",
          ResultCode.E_INVALID_TYPE);
    }
    String kindCode = r.ascii(KIND, ResultCode.E_INVALID_KIND);
    SessionKind kind = SessionKind.fromCode(kindCode);
    if (kind == null) {
      throw r.error(
          KIND.name(),
          NgsProtocolException.show(kindCode) + " is not DLV or REP",
          ResultCode.E_INVALID_KIND);
    }
    String version = r.ascii(VERSION, ResultCode.E_INVALID_VERSION);
    int keyPos = (int) Math.min(Integer.MAX_VALUE, r.number(KEYPOS, ResultCode.E_INVALID_KEYPOS));
    return new Bind(id, pwd, certKey, mode, kind, version, keyPos);
  }
}
