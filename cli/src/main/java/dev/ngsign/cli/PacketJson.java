package dev.ngsign.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.content.ContentRules;
import dev.ngsign.ngs.protocol.content.ContentViolation;
import dev.ngsign.ngs.protocol.crypto.PasswordHash;
import dev.ngsign.ngs.protocol.packet.Bind;
import dev.ngsign.ngs.protocol.packet.BindAck;
import dev.ngsign.ngs.protocol.packet.Cert;
import dev.ngsign.ngs.protocol.packet.CertAck;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.DeliverAck;
import dev.ngsign.ngs.protocol.packet.Event;
import dev.ngsign.ngs.protocol.packet.Media;
import dev.ngsign.ngs.protocol.packet.NgsPacket;
import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.ReportAck;
import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * A readable JSON view of a packet for people debugging a capture. Credentials are never printed:
 * PWD and CERT_KEY show their length (and, given the password, whether PWD matches it).
 */
final class PacketJson {
  private final ObjectMapper json;
  private final boolean mediaData;
  private final PasswordHash hash;

  PacketJson(ObjectMapper json, boolean mediaData, PasswordHash hash) {
    this.json = json;
    this.mediaData = mediaData;
    this.hash = hash;
  }

  ObjectNode toJson(NgsPacket p) {
    ObjectNode o = json.createObjectNode();
    o.put("packet", p.type().name());
    o.put("headType", p.type().headType());
    if (p instanceof Cert c) {
      o.put("id", c.id());
      secret(o, "pwd", c.pwd());
      pwdCheck(o, c.pwd(), c.keyPos());
      o.put("version", c.version());
      o.put("keyPos", c.keyPos());
    } else if (p instanceof CertAck a) {
      result(o, a.result());
      secret(o, "certKey", a.certKey());
      o.put(a.isOk() ? "serverIp" : "reason", a.serverIp());
      o.put("deliverPort", a.deliverPort());
      o.put("reportPort", a.reportPort());
    } else if (p instanceof Bind b) {
      o.put("id", b.id());
      secret(o, "pwd", b.pwd());
      pwdCheck(o, b.pwd(), b.keyPos());
      secret(o, "certKey", b.certKey());
      o.put("type", b.mode().code() + " (" + b.mode() + ")");
      o.put("kind", b.kind().code());
      o.put("version", b.version());
      o.put("keyPos", b.keyPos());
    } else if (p instanceof BindAck a) {
      result(o, a.result());
      ObjectNode tps = o.putObject("tps");
      tps.put("sms", a.tps().sms());
      tps.put("mms", a.tps().mms());
      tps.put("kko", a.tps().kko());
      o.put("message", a.message());
    } else if (p instanceof Deliver d) {
      deliver(o, d);
    } else if (p instanceof DeliverAck a) {
      result(o, a.result());
      o.put("daAddr", a.daAddr());
      o.put("serial", a.serial());
    } else if (p instanceof Report r) {
      result(o, r.result());
      ObjectNode m = o.putObject("message");
      m.put("wire", r.message().toWire());
      m.put("spam", r.message().spam());
      r.message().kakaoErrorCode().ifPresent(k -> m.put("kakaoErrorCode", k));
      r.message().finalType().ifPresent(t -> m.put("finalType", t.name()));
      o.put("daAddr", r.daAddr());
      o.put("serial", r.serial());
      o.put("gwSerial", r.gwSerial());
      o.put("sendTime", r.sendTime() == null ? null : r.sendTime().toString());
      o.put("telco", r.telco().name());
    } else if (p instanceof ReportAck a) {
      result(o, a.result());
      o.put("serial", a.serial());
      o.put("gwSerial", a.gwSerial());
    } else if (p instanceof Event e) {
      o.put("eventType", e.eventType().code() + " (" + e.eventType() + ")");
      o.put("data", e.data());
      e.tps()
          .ifPresent(
              t -> {
                ObjectNode tps = o.putObject("tps");
                tps.put("sms", t.sms());
                tps.put("mms", t.mms());
                tps.put("kko", t.kko());
              });
    }
    return o;
  }

  private void deliver(ObjectNode o, Deliver d) {
    o.put("msgType", d.messageType().code() + " (" + d.messageType() + ")");
    o.put("daAddr", d.daAddr());
    o.put("callback", d.callback());
    o.put("encoding", d.encoding().code() + " (" + d.encoding() + ")");
    if (d.kakao() != null) {
      ObjectNode k = o.putObject("kakao");
      k.put("senderKey", d.kakao().senderKey());
      k.put("template", d.kakao().templateCode());
      k.put("method", d.kakao().method().code() + " (" + d.kakao().method() + ")");
      k.put("failover", d.kakao().failover().code() + " (" + d.kakao().failover() + ")");
      k.put("title", d.kakao().title());
    } else {
      o.put(d.messageType().isSms() ? "text" : "subject", d.text());
    }
    o.put("serial", d.serial());
    o.put("senderCode", d.senderCode());
    o.put("extSize", d.extSize());
    d.extensionField().ifPresent(e -> o.put(e.size() == 10 ? "deptCode" : "nationCode", e.value()));
    ArrayNode media = o.putArray("media");
    for (Media m : d.media()) {
      ObjectNode mo = media.addObject();
      mo.put("mtype", m.mediaType().code() + " (" + m.mediaType() + ")");
      mo.put("encoding", m.encoding().code() + " (" + m.encoding() + ")");
      mo.put("mfilelen", m.size());
      if (m.encoding().isText() && m.mediaType().isText()) {
        mo.put("text", m.text());
      } else if (mediaData) {
        mo.put("base64", Base64.getEncoder().encodeToString(m.toByteArray()));
      } else {
        mo.put("preview", preview(m.data()));
      }
    }
    ArrayNode v = o.putArray("contentViolations");
    for (ContentViolation cv : ContentRules.check(d)) {
      ObjectNode vo = v.addObject();
      vo.put("code", cv.code().name());
      vo.put("field", cv.field());
      vo.put("message", cv.message());
    }
  }

  private static String preview(ByteBuffer b) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(16, b.remaining()); i++) {
      sb.append(String.format("%02x", b.get(b.position() + i) & 0xff));
    }
    return sb + (b.remaining() > 16 ? "..." : "");
  }

  private static void result(ObjectNode o, int result) {
    o.put("result", result);
    ResultCode rc = ResultCode.of(result);
    o.put("resultName", rc.name());
    o.put("resultMeaning", rc.meaning());
  }

  private static void secret(ObjectNode o, String field, String value) {
    o.put(field, "(" + value.length() + " characters, hidden)");
  }

  private void pwdCheck(ObjectNode o, String pwd, int keyPos) {
    if (hash != null) {
      o.put("pwdMatchesPassword", hash.matchesPwdField(pwd, keyPos));
    }
  }
}
