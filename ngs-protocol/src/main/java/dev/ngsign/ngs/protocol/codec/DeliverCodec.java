package dev.ngsign.ngs.protocol.codec;

import static dev.ngsign.ngs.protocol.codec.Layout.CALLBACK;
import static dev.ngsign.ngs.protocol.codec.Layout.DA_ADDR;
import static dev.ngsign.ngs.protocol.codec.Layout.DPT_CODE;
import static dev.ngsign.ngs.protocol.codec.Layout.ENCODING;
import static dev.ngsign.ngs.protocol.codec.Layout.EXT_SIZE;
import static dev.ngsign.ngs.protocol.codec.Layout.FAILOVER;
import static dev.ngsign.ngs.protocol.codec.Layout.MEDIACNT;
import static dev.ngsign.ngs.protocol.codec.Layout.MEDIA_ENCODING;
import static dev.ngsign.ngs.protocol.codec.Layout.MEDIA_HEADER_SIZE;
import static dev.ngsign.ngs.protocol.codec.Layout.METHOD;
import static dev.ngsign.ngs.protocol.codec.Layout.MFILELEN;
import static dev.ngsign.ngs.protocol.codec.Layout.MSGTYPE;
import static dev.ngsign.ngs.protocol.codec.Layout.MTYPE;
import static dev.ngsign.ngs.protocol.codec.Layout.NAT_CODE;
import static dev.ngsign.ngs.protocol.codec.Layout.SENDERKEY;
import static dev.ngsign.ngs.protocol.codec.Layout.SENDER_CODE;
import static dev.ngsign.ngs.protocol.codec.Layout.SERIAL;
import static dev.ngsign.ngs.protocol.codec.Layout.TEMPLATE;
import static dev.ngsign.ngs.protocol.codec.Layout.TEXT;
import static dev.ngsign.ngs.protocol.codec.Layout.TITLE;

import dev.ngsign.ngs.protocol.MalformedDeliverException;
import dev.ngsign.ngs.protocol.NgsProtocolException;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.Extension;
import dev.ngsign.ngs.protocol.packet.Failover;
import dev.ngsign.ngs.protocol.packet.KakaoInfo;
import dev.ngsign.ngs.protocol.packet.KakaoMethod;
import dev.ngsign.ngs.protocol.packet.Media;
import dev.ngsign.ngs.protocol.packet.MediaType;
import dev.ngsign.ngs.protocol.packet.MessageType;
import java.util.ArrayList;
import java.util.List;

/**
 * DELIVER (section 4.3): MSGTYPE 2, DA_ADDR 20, CALLBACK 20, ENCODING 2, TEXT 141 (or KAKAO_INFO:
 * SENDERKEY 41, TEMPLATE 31, METHOD 2, FAILOVER 2, TITLE 65), SERIAL 20, SENDER_CODE 10, MEDIACNT
 * 2, EXT_SIZE 4, then EXTENTION (EXT_SIZE bytes) and MEDIACNT times MTYPE 3, ENCODING 2, MFILELEN
 * 10, bytes.
 */
final class DeliverCodec implements BodyCodec<Deliver> {
  /**
   * Offsets of DA_ADDR and SERIAL, readable whatever MSGTYPE says: the TEXT area is 141 bytes
   * either way.
   */
  private static final int DA_ADDR_OFFSET = MSGTYPE.size();

  private static final int SERIAL_OFFSET =
      MSGTYPE.size() + DA_ADDR.size() + CALLBACK.size() + ENCODING.size() + TEXT.size();

  /** MEDIACNT is 2C; the spec allows 4 attachments, the content rules enforce that. */
  private static final int MAX_MEDIA_FIELD = 99;

  @Override
  public int bodyLength(Deliver p) {
    return p.bodyLength();
  }

  @Override
  public void encode(Deliver p, BodyWriter w) {
    w.ascii(MSGTYPE, p.messageType().code());
    w.ascii(DA_ADDR, p.daAddr());
    w.ascii(CALLBACK, p.callback());
    w.number(ENCODING, p.encoding().code());
    KakaoInfo k = p.kakao();
    if (k == null) {
      w.text(TEXT, p.text(), p.encoding());
    } else {
      w.ascii(SENDERKEY, k.senderKey());
      w.ascii(TEMPLATE, k.templateCode());
      w.ascii(METHOD, k.method().code());
      w.number(FAILOVER, k.failover().code());
      w.text(TITLE, k.title(), p.encoding());
    }
    w.ascii(SERIAL, p.serial());
    w.ascii(SENDER_CODE, p.senderCode());
    w.number(MEDIACNT, p.media().size());
    w.number(EXT_SIZE, p.extSize());
    Extension ext = p.extension();
    if (ext instanceof Extension.DeptCode d) {
      w.ascii(DPT_CODE, d.value());
    } else if (ext instanceof Extension.NationCode n) {
      w.ascii(NAT_CODE, n.value());
    }
    List<Media> media = p.media();
    for (int i = 0; i < media.size(); i++) {
      Media m = media.get(i);
      w.number(MTYPE, m.mediaType().code());
      w.number(MEDIA_ENCODING, m.encoding().code());
      w.number(MFILELEN, m.size());
      w.bytes(m.data());
    }
  }

  @Override
  public Deliver decode(BodyReader r) {
    try {
      return decodeFields(r);
    } catch (MalformedDeliverException e) {
      throw e;
    } catch (NgsProtocolException e) {
      throw new MalformedDeliverException(
          e,
          r.peekAscii(DA_ADDR_OFFSET, DA_ADDR.size()),
          r.peekAscii(SERIAL_OFFSET, SERIAL.size()));
    }
  }

  private Deliver decodeFields(BodyReader r) {
    String typeCode = r.ascii(MSGTYPE, ResultCode.E_INVALID_MSGTYPE);
    MessageType type = MessageType.fromCode(typeCode);
    if (type == null) {
      throw r.error(
          MSGTYPE.name(),
          NgsProtocolException.show(typeCode) + " is not a MSGTYPE (S L M A a F f W s l m)",
          ResultCode.E_INVALID_MSGTYPE);
    }
    String daAddr = r.ascii(DA_ADDR, ResultCode.E_INVALID_DA_ADDR);
    String callback = r.ascii(CALLBACK, ResultCode.E_INVALID_CALLBACK);
    long encCode = r.number(ENCODING, ResultCode.E_INVALID_ENCODING);
    ContentEncoding encoding = ContentEncoding.fromCode((int) Math.min(encCode, 99));
    if (encoding == null || encoding == ContentEncoding.BINARY) {
      throw r.error(
          ENCODING.name(),
          encCode + " is not a text encoding (0 MS949/EUC-KR, 1 UTF-8)",
          ResultCode.E_INVALID_ENCODING);
    }
    KakaoInfo kakao = null;
    String text = "";
    if (type.isKakao()) {
      kakao = decodeKakaoInfo(r, encoding);
    } else {
      text = r.text(TEXT, encoding);
    }
    String serial = r.ascii(SERIAL, ResultCode.E_INVALID_SERIAL);
    String senderCode = r.ascii(SENDER_CODE, ResultCode.E_INVALID_SENDER_CODE);
    int mediaCount = (int) r.number(MEDIACNT, ResultCode.E_MEDIA_COUNT);
    long extSize = r.number(EXT_SIZE, ResultCode.E_INVALID_EXTENSION);
    Extension extension = null;
    if (extSize == DPT_CODE.size()) {
      extension = new Extension.DeptCode(r.ascii(DPT_CODE, ResultCode.E_INVALID_EXTENSION));
    } else if (extSize == NAT_CODE.size()) {
      extension = new Extension.NationCode(r.ascii(NAT_CODE, ResultCode.E_INVALID_EXTENSION));
    } else if (extSize != 0) {
      throw r.error(
          EXT_SIZE.name(),
          extSize + " is not 0, 10 (DPT_CODE) or 16 (NAT_CODE)",
          ResultCode.E_INVALID_EXTENSION);
    }
    if (mediaCount > MAX_MEDIA_FIELD) {
      throw r.error(MEDIACNT.name(), mediaCount + " is over 99", ResultCode.E_MEDIA_COUNT);
    }
    List<Media> media = mediaCount == 0 ? List.of() : new ArrayList<>(Math.min(mediaCount, 4));
    for (int i = 0; i < mediaCount; i++) {
      String at = "MEDIA[" + (i + 1) + "].";
      if (r.remaining() < MEDIA_HEADER_SIZE) {
        throw r.error(
            MEDIACNT.name(),
            "says " + mediaCount + " attachments but the body ends after " + i,
            ResultCode.E_MEDIA_COUNT);
      }
      long mtype = r.number(MTYPE, ResultCode.E_MEDIA_TYPE);
      MediaType mediaType = MediaType.fromCode((int) Math.min(mtype, 999));
      if (mediaType == null) {
        throw r.error(
            at + MTYPE.name(),
            mtype + " is not an MTYPE (11 12 13 21 22 23 24)",
            ResultCode.E_MEDIA_TYPE);
      }
      long menc = r.number(MEDIA_ENCODING, ResultCode.E_MEDIA_TYPE);
      ContentEncoding mediaEncoding = ContentEncoding.fromCode((int) Math.min(menc, 99));
      if (mediaEncoding == null) {
        throw r.error(
            at + MEDIA_ENCODING.name(),
            menc + " is not 0 (MS949), 1 (UTF-8) or 2 (binary)",
            ResultCode.E_MEDIA_TYPE);
      }
      long len = r.number(MFILELEN, ResultCode.E_MEDIA_SIZE);
      if (len > r.remaining()) {
        // checked before allocating: the length is untrusted
        throw r.error(
            at + MFILELEN.name(),
            len + " is more than the " + r.remaining() + " bytes left in the body",
            ResultCode.E_MEDIA_SIZE);
      }
      if (mediaType.isText() && mediaEncoding.isText()) {
        r.checkText(at + "MEDIA", (int) len, mediaEncoding);
      }
      byte[] data = r.bytes(at + "MEDIA", (int) len, ResultCode.E_MEDIA_SIZE);
      media.add(Media.wrap(mediaType, mediaEncoding, data));
    }
    r.expectEnd(ResultCode.E_MEDIA_SIZE);
    return new Deliver(
        type, daAddr, callback, encoding, text, kakao, serial, senderCode, extension, media);
  }

  private static KakaoInfo decodeKakaoInfo(BodyReader r, ContentEncoding encoding) {
    String senderKey = r.ascii(SENDERKEY, ResultCode.E_INVALID_KAKAO);
    String template = r.ascii(TEMPLATE, ResultCode.E_INVALID_KAKAO);
    String methodCode = r.ascii(METHOD, ResultCode.E_INVALID_KAKAO);
    // the spec calls push the default: an empty METHOD means push
    KakaoMethod method = methodCode.isEmpty() ? KakaoMethod.PUSH : KakaoMethod.fromCode(methodCode);
    if (method == null) {
      throw r.error(
          METHOD.name(),
          NgsProtocolException.show(methodCode) + " is not p (push), r (real) or P (polling)",
          ResultCode.E_INVALID_KAKAO);
    }
    long fo = r.numberOr(FAILOVER, 0, ResultCode.E_INVALID_KAKAO);
    Failover failover = Failover.fromCode((int) Math.min(fo, 99));
    if (failover == null) {
      throw r.error(FAILOVER.name(), fo + " is not 0..3", ResultCode.E_INVALID_KAKAO);
    }
    String title = r.text(TITLE, encoding);
    return new KakaoInfo(senderKey, template, method, failover, title);
  }
}
