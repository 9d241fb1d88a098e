package dev.ngsign.ngs.agent.internal.sender;

import dev.ngsign.ngs.agent.AgentCode;
import dev.ngsign.ngs.agent.internal.store.Attachment;
import dev.ngsign.ngs.agent.internal.store.MessageRow;
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
import java.util.List;

/**
 * Builds the DELIVER for a row (docs/agent.md, "Columns by message type"): SMS text in TEXT;
 * LMS/MMS subject in TEXT and body as MTYPE 11; Kakao types with KAKAO_INFO, body (11), fallback
 * text (12), extras JSON (13); images from the attachment table; DEPT_CODE / NAT_CODE as the
 * extension.
 */
public final class RowMapper {
  private RowMapper() {}

  /** A row that cannot become a DELIVER. */
  public static final class BadRow extends Exception {
    private static final long serialVersionUID = 1L;
    private final int code;

    BadRow(int code, String message) {
      super(message, null, false, false);
      this.code = code;
    }

    public int code() {
      return code;
    }
  }

  /** The message type of a row; null when MSG_TYPE is not one of the NGS letters. */
  public static MessageType type(MessageRow r) {
    return r.msgType() == null ? null : MessageType.fromCode(r.msgType().trim());
  }

  /** True when the row's type may carry images from the attachment table. */
  public static boolean mayHaveAttachments(MessageRow r) {
    MessageType t = type(r);
    return t != null
        && t != MessageType.SMS
        && t != MessageType.INTL_SMS
        && t != MessageType.LMS
        && t != MessageType.INTL_LMS;
  }

  public static Deliver toDeliver(
      MessageRow r, String serial, String senderCode, List<Attachment> attachments) throws BadRow {
    MessageType type = type(r);
    if (type == null) {
      throw new BadRow(
          ResultCode.E_INVALID_MSGTYPE.code(),
          "MSG_TYPE '" + r.msgType() + "' is not one of S L M A a F f W s l m");
    }
    ContentEncoding enc = ContentEncoding.fromCode(r.encoding());
    if (enc == null || !enc.isText()) {
      throw new BadRow(
          ResultCode.E_INVALID_ENCODING.code(),
          "ENCODING " + r.encoding() + " is not 0 (MS949) or 1 (UTF-8)");
    }
    try {
      Deliver.Builder b =
          Deliver.builder(type)
              .daAddr(nz(r.destAddr()).replace("-", "").trim())
              .callback(nz(r.callback()).replace("-", "").trim())
              .encoding(enc)
              .serial(serial)
              .senderCode(nz(senderCode).trim());
      if (type.isSms()) {
        b.text(nz(r.text()));
      } else if (type.isLongMessage()) {
        b.text(nz(r.subject()));
        if (r.text() != null && !r.text().isEmpty()) {
          b.addMedia(Media.text(MediaType.BODY_TEXT, enc, r.text()));
        }
      } else {
        KakaoMethod method =
            r.kkoMethod() == null || r.kkoMethod().isBlank()
                ? KakaoMethod.PUSH
                : KakaoMethod.fromCode(r.kkoMethod().trim());
        Failover failover =
            r.kkoFailover() == null ? Failover.NONE : Failover.fromCode(r.kkoFailover());
        if (method == null) {
          throw new BadRow(
              ResultCode.E_INVALID_KAKAO.code(),
              "KKO_METHOD '" + r.kkoMethod() + "' is not p, r or P");
        }
        if (failover == null) {
          throw new BadRow(
              ResultCode.E_INVALID_KAKAO.code(),
              "KKO_FAILOVER " + r.kkoFailover() + " is not 0..3");
        }
        b.kakao(
            new KakaoInfo(
                nz(r.kkoSenderKey()).trim(),
                nz(r.kkoTemplate()).trim(),
                method,
                failover,
                nz(r.fallbackTitle())));
        if (r.text() != null && !r.text().isEmpty()) {
          b.addMedia(Media.text(MediaType.BODY_TEXT, enc, r.text()));
        }
        if (r.fallbackText() != null && !r.fallbackText().isEmpty()) {
          b.addMedia(Media.text(MediaType.FALLBACK_TEXT, enc, r.fallbackText()));
        }
        if (r.extrasJson() != null && !r.extrasJson().isBlank()) {
          b.addMedia(Media.text(MediaType.KAKAO_JSON, ContentEncoding.UTF_8, r.extrasJson()));
        }
      }
      for (Attachment a : attachments) {
        MediaType mt = MediaType.fromCode(a.mtype());
        if (mt == null || !mt.isImage()) {
          throw new BadRow(
              ResultCode.E_MEDIA_TYPE.code(),
              "attachment " + a.seq() + ": MTYPE " + a.mtype() + " is not an image type (21..24)");
        }
        b.addMedia(Media.wrap(mt, ContentEncoding.BINARY, a.data()));
      }
      if (type.isInternational() || (r.natCode() != null && !r.natCode().isBlank())) {
        if (r.natCode() != null && !r.natCode().isBlank()) {
          b.extension(new Extension.NationCode(r.natCode().trim()));
        }
      } else if (r.deptCode() != null && !r.deptCode().isBlank()) {
        b.extension(new Extension.DeptCode(r.deptCode().trim()));
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new BadRow(ResultCode.E_INVALID_ENCODING.code(), e.getMessage());
    }
  }

  /** The row's code for a row the agent cannot read at all. */
  public static int badRowCode() {
    return AgentCode.BAD_ROW.code();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
