package dev.ngsign.ngs.protocol.content;

import static dev.ngsign.ngs.protocol.content.ContentLimits.FALLBACK_TEXT_BYTES;
import static dev.ngsign.ngs.protocol.content.ContentLimits.FRIENDTALK_IMAGE_BYTES;
import static dev.ngsign.ngs.protocol.content.ContentLimits.FRIENDTALK_IMAGE_TEXT_CHARS;
import static dev.ngsign.ngs.protocol.content.ContentLimits.FRIENDTALK_WIDE_IMAGE_BYTES;
import static dev.ngsign.ngs.protocol.content.ContentLimits.FRIENDTALK_WIDE_TEXT_CHARS;
import static dev.ngsign.ngs.protocol.content.ContentLimits.KAKAO_JSON_BYTES;
import static dev.ngsign.ngs.protocol.content.ContentLimits.KAKAO_TEXT_CHARS;
import static dev.ngsign.ngs.protocol.content.ContentLimits.LONG_TEXT_BYTES;
import static dev.ngsign.ngs.protocol.content.ContentLimits.MAX_ATTACHMENTS;
import static dev.ngsign.ngs.protocol.content.ContentLimits.MMS_IMAGE_BYTES;
import static dev.ngsign.ngs.protocol.content.ContentLimits.MMS_MAX_IMAGES;
import static dev.ngsign.ngs.protocol.content.ContentLimits.SMS_TEXT_BYTES;
import static dev.ngsign.ngs.protocol.content.ContentLimits.SUBJECT_BYTES;

import dev.ngsign.ngs.protocol.NgsProtocolException;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.Extension;
import dev.ngsign.ngs.protocol.packet.Failover;
import dev.ngsign.ngs.protocol.packet.KakaoInfo;
import dev.ngsign.ngs.protocol.packet.Media;
import dev.ngsign.ngs.protocol.packet.MediaType;
import dev.ngsign.ngs.protocol.packet.MessageType;
import dev.ngsign.ngs.protocol.packet.TextCodingError;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a DELIVER against the content rules of section 6 and the field formats of section 4.3.
 * Senders call {@link #validate} before a message goes on the wire; the gateway calls {@link
 * #check} and answers with the first violation's code. Stateless and thread-safe.
 */
public final class ContentRules {
  private ContentRules() {}

  /** Throws when {@code d} breaks a rule. */
  public static void validate(Deliver d) {
    List<ContentViolation> v = check(d);
    if (!v.isEmpty()) {
      throw new ContentRuleException(v);
    }
  }

  /** Every rule {@code d} breaks, most basic first; empty when it may be sent. */
  public static List<ContentViolation> check(Deliver d) {
    List<ContentViolation> out = new ArrayList<>(2);
    MessageType type = d.messageType();
    checkNumbers(d, out);
    checkExtension(d, out);
    if (d.media().size() > MAX_ATTACHMENTS) {
      out.add(
          new ContentViolation(
              ResultCode.E_MEDIA_COUNT,
              "MEDIACNT",
              d.media().size()
                  + " attachments; at most "
                  + MAX_ATTACHMENTS
                  + ", body text included"));
    }
    checkMediaEncodings(d, out);
    if (type.isSms()) {
      checkSms(d, out);
    } else if (type.isLongMessage()) {
      checkLongMessage(d, out);
    } else {
      checkKakao(d, out);
    }
    return out;
  }

  private static void checkNumbers(Deliver d, List<ContentViolation> out) {
    String da = d.daAddr();
    if (d.messageType().isInternational()) {
      if (!digits(da, 4, 20)) {
        out.add(
            new ContentViolation(
                ResultCode.E_INVALID_DA_ADDR,
                "DA_ADDR",
                NgsProtocolException.mask(da)
                    + " is not an international number (4 to 20 digits, without the country code)"));
      }
    } else if (!digits(da, 10, 11) || !da.startsWith("01")) {
      out.add(
          new ContentViolation(
              ResultCode.E_INVALID_DA_ADDR,
              "DA_ADDR",
              NgsProtocolException.mask(da)
                  + " is not a Korean mobile number (10 or 11 digits starting 01, no hyphens)"));
    }
    if (!digits(d.callback(), 8, 12)) {
      out.add(
          new ContentViolation(
              ResultCode.E_INVALID_CALLBACK,
              "CALLBACK",
              NgsProtocolException.show(d.callback())
                  + " is not a callback number (8 to 12 digits, no hyphens)"));
    }
    if (!digits(d.senderCode(), 9, 9)) {
      out.add(
          new ContentViolation(
              ResultCode.E_INVALID_SENDER_CODE,
              "SENDER_CODE",
              NgsProtocolException.show(d.senderCode())
                  + " is not the 9-digit first-sender code issued by the Central Radio Management Office"));
    }
    String serial = d.serial();
    boolean printable = !serial.isEmpty() && serial.length() <= SERIAL_MAX;
    for (int i = 0; i < serial.length(); i++) {
      char c = serial.charAt(i);
      printable &= c > 0x20 && c < 0x7f;
    }
    if (!printable) {
      out.add(
          new ContentViolation(
              ResultCode.E_INVALID_SERIAL,
              "SERIAL",
              NgsProtocolException.show(serial)
                  + " must be 1 to 20 printable ASCII characters without spaces"));
    }
  }

  /**
   * Field sizes a value must fit (section 4.3), so that nothing valid here fails later on encode.
   */
  private static final int SERIAL_MAX = 20;

  private static final int SENDER_KEY_MAX = 41;
  private static final int TEMPLATE_MAX = 31;
  private static final int DPT_CODE_MAX = 10;

  private static void checkExtension(Deliver d, List<ContentViolation> out) {
    Extension ext = d.extension();
    if (d.messageType().isInternational()) {
      if (!(ext instanceof Extension.NationCode n) || !digits(n.value(), 1, 4)) {
        out.add(
            new ContentViolation(
                ResultCode.E_INVALID_EXTENSION,
                "NAT_CODE",
                d.messageType()
                    + " needs a NAT_CODE extension with the country calling code (1 to 4 digits, e.g. 1 or 82)"));
      }
    } else if (ext instanceof Extension.NationCode) {
      out.add(
          new ContentViolation(
              ResultCode.E_INVALID_EXTENSION,
              "NAT_CODE",
              "a NAT_CODE is only for international types (s, l, m), not " + d.messageType()));
    } else if (ext instanceof Extension.DeptCode dc
        && (dc.value().isEmpty()
            || dc.value().length() > DPT_CODE_MAX
            || !dc.value().chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
      out.add(
          new ContentViolation(
              ResultCode.E_INVALID_EXTENSION,
              "DPT_CODE",
              NgsProtocolException.show(dc.value())
                  + " must be 1 to 10 printable ASCII characters"));
    }
  }

  private static void checkMediaEncodings(Deliver d, List<ContentViolation> out) {
    int i = 0;
    int[] textCounts = new int[3];
    for (Media m : d.media()) {
      i++;
      MediaType t = m.mediaType();
      String field = "MEDIA[" + i + "]";
      if (m.size() == 0) {
        out.add(new ContentViolation(ResultCode.E_MEDIA_SIZE, field, t + " attachment is empty"));
      }
      if (t.isText()) {
        textCounts[t.code() - 11]++;
        if (!m.encoding().isText()) {
          out.add(
              new ContentViolation(
                  ResultCode.E_MEDIA_TYPE,
                  field,
                  t + " is text: ENCODING must be 0 (MS949) or 1 (UTF-8), not 2"));
        } else if (t == MediaType.KAKAO_JSON && m.encoding() != ContentEncoding.UTF_8) {
          out.add(
              new ContentViolation(
                  ResultCode.E_MEDIA_TYPE, field, "Kakao extras JSON must be UTF-8 (ENCODING 1)"));
        }
      } else {
        if (m.encoding() != ContentEncoding.BINARY) {
          out.add(
              new ContentViolation(
                  ResultCode.E_MEDIA_TYPE, field, t + " is an image: ENCODING must be 2 (binary)"));
        }
        if (m.size() > 0 && !ImageSignature.matches(t, m.data())) {
          out.add(
              new ContentViolation(
                  ResultCode.E_INVALID_IMAGE,
                  field,
                  "bytes are not a "
                      + (t.isPng() ? "PNG" : "JPEG")
                      + " image (found "
                      + ImageSignature.describe(m.data())
                      + ") although MTYPE is "
                      + t.code()));
        }
      }
    }
    for (int k = 0; k < 3; k++) {
      if (textCounts[k] > 1) {
        out.add(
            new ContentViolation(
                ResultCode.E_MEDIA_COUNT,
                "MEDIA",
                textCounts[k] + " attachments of MTYPE " + (11 + k) + "; at most one"));
      }
    }
  }

  private static void checkSms(Deliver d, List<ContentViolation> out) {
    if (!d.media().isEmpty()) {
      out.add(
          new ContentViolation(
              ResultCode.E_MEDIA_COUNT,
              "MEDIACNT",
              "an SMS carries its text in TEXT and no attachments; send it as LMS (text) or MMS (images)"));
    }
    if (d.text().isEmpty()) {
      out.add(new ContentViolation(ResultCode.E_TEXT_EMPTY, "TEXT", "SMS text is empty"));
      return;
    }
    int bytes = byteLength(d.text(), d.encoding(), "TEXT", out);
    if (bytes > SMS_TEXT_BYTES) {
      out.add(
          new ContentViolation(
              ResultCode.E_TEXT_TOO_LONG,
              "TEXT",
              "SMS text is "
                  + bytes
                  + " bytes in "
                  + d.encoding()
                  + "; the limit is "
                  + SMS_TEXT_BYTES
                  + " — send it as LMS"));
    }
  }

  private static void checkLongMessage(Deliver d, List<ContentViolation> out) {
    String kind =
        d.messageType() == MessageType.LMS || d.messageType() == MessageType.INTL_LMS
            ? "LMS"
            : "MMS";
    int subject = byteLength(d.text(), d.encoding(), "TEXT", out);
    if (subject > SUBJECT_BYTES) {
      out.add(
          new ContentViolation(
              ResultCode.E_TEXT_TOO_LONG,
              "TEXT",
              kind
                  + " subject is "
                  + subject
                  + " bytes in "
                  + d.encoding()
                  + "; the limit is "
                  + SUBJECT_BYTES));
    }
    Media body = d.firstMedia(MediaType.BODY_TEXT).orElse(null);
    int images = 0;
    int i = 0;
    for (Media m : d.media()) {
      i++;
      MediaType t = m.mediaType();
      if (t == MediaType.FALLBACK_TEXT || t == MediaType.KAKAO_JSON) {
        out.add(
            new ContentViolation(
                ResultCode.E_MEDIA_TYPE,
                "MEDIA[" + i + "]",
                "MTYPE " + t.code() + " is only for AlimTalk/FriendTalk"));
      } else if (t.isImage()) {
        images++;
        if (kind.equals("LMS")) {
          out.add(
              new ContentViolation(
                  ResultCode.E_MEDIA_TYPE,
                  "MEDIA[" + i + "]",
                  "an LMS carries no images; send it as MMS"));
        } else if (t.isWideImage()) {
          out.add(
              new ContentViolation(
                  ResultCode.E_MEDIA_TYPE,
                  "MEDIA[" + i + "]",
                  "wide images (MTYPE 22/24) are for FriendTalk; use 21 (JPG) or 23 (PNG)"));
        } else if (m.size() > MMS_IMAGE_BYTES) {
          out.add(
              new ContentViolation(
                  ResultCode.E_MEDIA_SIZE,
                  "MEDIA[" + i + "]",
                  "MMS image is " + kb(m.size()) + "; the limit is " + kb(MMS_IMAGE_BYTES)));
        }
      }
    }
    if (kind.equals("LMS") && body == null) {
      out.add(
          new ContentViolation(
              ResultCode.E_TEXT_EMPTY,
              "MEDIA",
              "an LMS needs its body as a text attachment (MTYPE 11)"));
    }
    if (kind.equals("MMS")) {
      if (images == 0) {
        out.add(
            new ContentViolation(
                ResultCode.E_MEDIA_COUNT,
                "MEDIA",
                "an MMS needs 1 to " + MMS_MAX_IMAGES + " images; without one send it as LMS"));
      } else if (images > MMS_MAX_IMAGES) {
        out.add(
            new ContentViolation(
                ResultCode.E_MEDIA_COUNT,
                "MEDIA",
                "an MMS carries at most " + MMS_MAX_IMAGES + " images, not " + images));
      }
    }
    if (body != null && body.encoding().isText()) {
      checkTextBytes(body, "body text", LONG_TEXT_BYTES, kind + " body", out);
    }
  }

  private static void checkKakao(Deliver d, List<ContentViolation> out) {
    MessageType type = d.messageType();
    KakaoInfo k = d.kakao();
    if (k.senderKey().isBlank()) {
      out.add(
          new ContentViolation(
              ResultCode.E_INVALID_KAKAO,
              "SENDERKEY",
              type + " needs the Kakao sender profile key"));
    } else if (!printableAscii(k.senderKey(), SENDER_KEY_MAX)) {
      out.add(
          new ContentViolation(
              ResultCode.E_INVALID_KAKAO,
              "SENDERKEY",
              "sender profile key "
                  + NgsProtocolException.show(k.senderKey())
                  + " must be 1 to "
                  + SENDER_KEY_MAX
                  + " printable ASCII characters"));
    }
    if (type.isAlimTalk() && k.templateCode().isBlank()) {
      out.add(
          new ContentViolation(
              ResultCode.E_INVALID_KAKAO, "TEMPLATE", "AlimTalk needs the approved template code"));
    } else if (!k.templateCode().isEmpty() && !printableAscii(k.templateCode(), TEMPLATE_MAX)) {
      out.add(
          new ContentViolation(
              ResultCode.E_INVALID_KAKAO,
              "TEMPLATE",
              "template code "
                  + NgsProtocolException.show(k.templateCode())
                  + " must be 1 to "
                  + TEMPLATE_MAX
                  + " printable ASCII characters"));
    }
    int titleBytes = byteLength(k.title(), d.encoding(), "TITLE", out);
    if (titleBytes > SUBJECT_BYTES) {
      out.add(
          new ContentViolation(
              ResultCode.E_TEXT_TOO_LONG,
              "TITLE",
              "fallback title is "
                  + titleBytes
                  + " bytes in "
                  + d.encoding()
                  + "; the LMS subject limit is "
                  + SUBJECT_BYTES));
    }
    Media body = d.firstMedia(MediaType.BODY_TEXT).orElse(null);
    if (body == null) {
      out.add(
          new ContentViolation(
              ResultCode.E_TEXT_EMPTY,
              "MEDIA",
              type + " needs its text as an attachment (MTYPE 11)"));
    } else if (body.encoding().isText()) {
      int limit =
          switch (type) {
            case FRIENDTALK_IMAGE -> FRIENDTALK_IMAGE_TEXT_CHARS;
            case FRIENDTALK_WIDE -> FRIENDTALK_WIDE_TEXT_CHARS;
            default -> KAKAO_TEXT_CHARS;
          };
      String text = body.text();
      int chars = text.codePointCount(0, text.length());
      if (chars > limit) {
        out.add(
            new ContentViolation(
                ResultCode.E_TEXT_TOO_LONG,
                "MEDIA[body text]",
                type + " text is " + chars + " characters; the limit is " + limit));
      } else if (chars == 0) {
        out.add(
            new ContentViolation(
                ResultCode.E_TEXT_EMPTY, "MEDIA[body text]", type + " text is empty"));
      }
    }
    Media fallback = d.firstMedia(MediaType.FALLBACK_TEXT).orElse(null);
    boolean replaces = k.failover() == Failover.REPLACE || k.failover() == Failover.REPLACE_MMS;
    if (replaces && fallback == null) {
      out.add(
          new ContentViolation(
              ResultCode.E_INVALID_KAKAO,
              "FAILOVER",
              "FAILOVER "
                  + k.failover().code()
                  + " ("
                  + k.failover()
                  + ") sends a separate fallback text: attach it as MTYPE 12"));
    } else if (!replaces && fallback != null) {
      out.add(
          new ContentViolation(
              ResultCode.E_INVALID_KAKAO,
              "FAILOVER",
              "a fallback text (MTYPE 12) is only used with FAILOVER 2 or 3, not "
                  + k.failover().code()));
    }
    if (fallback != null && fallback.encoding().isText()) {
      checkTextBytes(fallback, "fallback text", FALLBACK_TEXT_BYTES, "fallback text", out);
    }
    Media json = d.firstMedia(MediaType.KAKAO_JSON).orElse(null);
    if (json != null) {
      if (json.size() > KAKAO_JSON_BYTES) {
        out.add(
            new ContentViolation(
                ResultCode.E_MEDIA_SIZE,
                "MEDIA[json]",
                "extras JSON is " + kb(json.size()) + "; the limit is " + kb(KAKAO_JSON_BYTES)));
      } else if (json.encoding() == ContentEncoding.UTF_8) {
        out.addAll(KakaoExtras.check(json.text()));
      }
    }
    checkKakaoImages(d, out);
  }

  private static void checkKakaoImages(Deliver d, List<ContentViolation> out) {
    MessageType type = d.messageType();
    int normal = 0;
    int wide = 0;
    int i = 0;
    for (Media m : d.media()) {
      i++;
      if (!m.mediaType().isImage()) {
        continue;
      }
      String field = "MEDIA[" + i + "]";
      if (m.mediaType().isWideImage()) {
        wide++;
        if (type != MessageType.FRIENDTALK_WIDE) {
          out.add(
              new ContentViolation(
                  ResultCode.E_MEDIA_TYPE,
                  field,
                  "a wide image (MTYPE "
                      + m.mediaType().code()
                      + ") is only for FriendTalk wide (W)"));
        } else if (m.size() > FRIENDTALK_WIDE_IMAGE_BYTES) {
          out.add(
              new ContentViolation(
                  ResultCode.E_MEDIA_SIZE,
                  field,
                  "FriendTalk wide image is "
                      + kb(m.size())
                      + "; the limit is "
                      + kb(FRIENDTALK_WIDE_IMAGE_BYTES)));
        } else {
          int[] wh = ImageSignature.dimensions(m.data());
          if (wh != null
              && (wh[0] > ContentLimits.FRIENDTALK_WIDE_MAX_WIDTH
                  || wh[1] > ContentLimits.FRIENDTALK_WIDE_MAX_HEIGHT)) {
            out.add(
                new ContentViolation(
                    ResultCode.E_MEDIA_SIZE,
                    field,
                    "FriendTalk wide image is "
                        + wh[0]
                        + " x "
                        + wh[1]
                        + " px; the limit is "
                        + ContentLimits.FRIENDTALK_WIDE_MAX_WIDTH
                        + " x "
                        + ContentLimits.FRIENDTALK_WIDE_MAX_HEIGHT));
          }
        }
      } else {
        normal++;
        if (type == MessageType.ALIMTALK
            || type == MessageType.FRIENDTALK
            || type == MessageType.FRIENDTALK_WIDE) {
          out.add(
              new ContentViolation(
                  ResultCode.E_MEDIA_TYPE,
                  field,
                  type
                      + " carries no image; use "
                      + (type.isAlimTalk() ? "ALIMTALK_IMAGE (a)" : "FRIENDTALK_IMAGE (f)")));
        } else if (m.size() > FRIENDTALK_IMAGE_BYTES) {
          out.add(
              new ContentViolation(
                  ResultCode.E_MEDIA_SIZE,
                  field,
                  type
                      + " image is "
                      + kb(m.size())
                      + "; the limit is "
                      + kb(FRIENDTALK_IMAGE_BYTES)));
        }
      }
    }
    if (type == MessageType.FRIENDTALK_IMAGE && normal != 1) {
      out.add(
          new ContentViolation(
              ResultCode.E_MEDIA_COUNT,
              "MEDIA",
              "FriendTalk image (f) needs exactly one JPG/PNG image (MTYPE 21/23), not " + normal));
    }
    if (type == MessageType.FRIENDTALK_WIDE && wide != 1) {
      out.add(
          new ContentViolation(
              ResultCode.E_MEDIA_COUNT,
              "MEDIA",
              "FriendTalk wide (W) needs exactly one wide image (MTYPE 22/24), not " + wide));
    }
    if (type == MessageType.ALIMTALK_IMAGE && normal > 1) {
      out.add(
          new ContentViolation(
              ResultCode.E_MEDIA_COUNT,
              "MEDIA",
              "AlimTalk image (a) carries at most one image, not " + normal));
    }
  }

  private static void checkTextBytes(
      Media m, String what, int limit, String label, List<ContentViolation> out) {
    if (m.size() > limit) {
      out.add(
          new ContentViolation(
              ResultCode.E_TEXT_TOO_LONG,
              "MEDIA[" + what + "]",
              label + " is " + m.size() + " bytes in " + m.encoding() + "; the limit is " + limit));
    }
  }

  /**
   * Length in bytes in {@code encoding}; records a violation (and returns 0) when it cannot be
   * encoded.
   */
  private static int byteLength(
      String s, ContentEncoding encoding, String field, List<ContentViolation> out) {
    boolean ascii = true;
    for (int i = 0; i < s.length() && ascii; i++) {
      ascii = s.charAt(i) < 0x80;
    }
    if (ascii) {
      return s.length();
    }
    var enc = encoding.charset().newEncoder();
    try {
      ByteBuffer b = enc.encode(java.nio.CharBuffer.wrap(s));
      return b.remaining();
    } catch (java.nio.charset.CharacterCodingException e) {
      out.add(
          new ContentViolation(
              ResultCode.E_INVALID_ENCODING,
              field,
              "has a character "
                  + encoding
                  + " cannot encode: "
                  + TextCodingError.firstUnencodable(s, encoding)
                  + (encoding == ContentEncoding.MS949 ? "; use UTF-8 (ENCODING 1)" : "")));
      return 0;
    }
  }

  private static boolean printableAscii(String s, int max) {
    if (s.length() > max) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < 0x20 || s.charAt(i) >= 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static boolean digits(String s, int min, int max) {
    if (s.length() < min || s.length() > max) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static String kb(int bytes) {
    // exact bytes unless whole: "300.0 KB" would hide why 307,201 bytes is over a 300 KB limit
    return bytes % 1024 == 0 ? (bytes / 1024) + " KB" : String.format("%,d bytes", bytes);
  }
}
