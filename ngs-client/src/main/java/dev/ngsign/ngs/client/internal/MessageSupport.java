package dev.ngsign.ngs.client.internal;

import dev.ngsign.ngs.client.NgsInvalidMessageException;
import dev.ngsign.ngs.client.NgsMessage;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.content.ContentRules;
import dev.ngsign.ngs.protocol.content.ContentViolation;
import dev.ngsign.ngs.protocol.content.ImageSignature;
import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.Media;
import dev.ngsign.ngs.protocol.packet.MediaType;
import dev.ngsign.ngs.protocol.packet.MessageType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Shared by the message builders: validation, encoding choice, images, SERIALs. */
public final class MessageSupport {
  private static final AtomicLong LAST_SERIAL = new AtomicLong();

  private MessageSupport() {}

  /**
   * A new SERIAL: base-36 of a counter that starts at the current time in microseconds and only
   * goes up, so it is unique within the JVM and, unless more than a million were made per second,
   * larger than any made before a restart. 10 characters until the year 2059, well under the 20
   * allowed.
   */
  public static String nextSerial() {
    long now = System.currentTimeMillis() * 1000;
    long v;
    long prev;
    do {
      prev = LAST_SERIAL.get();
      v = Math.max(now, prev + 1);
    } while (!LAST_SERIAL.compareAndSet(prev, v));
    return Long.toString(v, 36);
  }

  /** MS949 when every text encodes in it, else UTF-8. */
  public static ContentEncoding preferredEncoding(String... texts) {
    var enc = ContentEncoding.MS949.charset().newEncoder();
    for (String t : texts) {
      if (t != null && !enc.canEncode(t)) {
        return ContentEncoding.UTF_8;
      }
    }
    return ContentEncoding.MS949;
  }

  /** Checks every rule; an empty SENDER_CODE is allowed (the client fills its default in). */
  public static Deliver validate(Deliver d) {
    List<ContentViolation> v = new ArrayList<>(ContentRules.check(d));
    if (d.senderCode().isEmpty()) {
      v.removeIf(x -> x.field().equals("SENDER_CODE"));
    }
    // ContentRules does not check these lengths (reported); the codec would refuse them only at
    // encode time
    fits(v, ResultCode.E_INVALID_SERIAL, "SERIAL", d.serial(), 20);
    if (d.kakao() != null) {
      fits(v, ResultCode.E_INVALID_KAKAO, "SENDERKEY", d.kakao().senderKey(), 41);
      fits(v, ResultCode.E_INVALID_KAKAO, "TEMPLATE", d.kakao().templateCode(), 31);
    }
    if (d.extension() != null) {
      fits(
          v,
          ResultCode.E_INVALID_EXTENSION,
          d.extension() instanceof dev.ngsign.ngs.protocol.packet.Extension.DeptCode
              ? "DPT_CODE"
              : "NAT_CODE",
          d.extension().value(),
          d.extension().size());
    }
    if (!v.isEmpty()) {
      throw invalid(v);
    }
    return d;
  }

  private static void fits(
      List<ContentViolation> v, ResultCode code, String field, String value, int size) {
    boolean ascii = value.chars().allMatch(c -> c < 0x80);
    if (!ascii || value.length() > size) {
      v.add(
          0,
          new ContentViolation(
              code,
              field,
              (ascii ? value.length() + " characters" : "not ASCII")
                  + "; the field holds at most "
                  + size
                  + " ASCII characters"));
    }
  }

  public static NgsInvalidMessageException invalid(List<ContentViolation> v) {
    StringBuilder sb = new StringBuilder(v.get(0).toString());
    if (v.size() > 1) {
      sb.append(" (and ")
          .append(v.size() - 1)
          .append(" more: ")
          .append(v.subList(1, v.size()))
          .append(')');
    }
    return new NgsInvalidMessageException(sb.toString(), v, null);
  }

  public static NgsMessage wrap(Deliver d) {
    return new RawMessage(validate(d));
  }

  /** A text attachment; a character the encoding cannot hold is reported as an invalid message. */
  public static Media text(MediaType type, ContentEncoding enc, String text) {
    try {
      return Media.text(type, enc, text);
    } catch (IllegalArgumentException e) {
      throw new NgsInvalidMessageException(
          "MEDIA: " + e.getMessage() + (enc == ContentEncoding.MS949 ? "; use UTF-8" : ""),
          List.of(),
          e);
    }
  }

  /** An image attachment whose MTYPE is read from its first bytes. */
  public static Media image(byte[] data, boolean wide, String what) {
    MediaType t = ImageSignature.detect(ByteBuffer.wrap(data));
    if (t == null) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < Math.min(4, data.length); i++) {
        sb.append(String.format(" %02x", data[i] & 0xff));
      }
      throw new NgsInvalidMessageException(
          "MEDIA: "
              + what
              + " is not a JPG or PNG image ("
              + (data.length == 0 ? "empty" : "starts with bytes" + sb)
              + "); only JPG and PNG can be sent");
    }
    if (wide) {
      t = t == MediaType.PNG ? MediaType.WIDE_PNG : MediaType.WIDE_JPG;
    }
    return Media.wrap(t, ContentEncoding.BINARY, data);
  }

  public static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new NgsInvalidMessageException(
          "MEDIA: cannot read image file " + file + ": " + e, List.of(), e);
    }
  }

  /** {@code {"button":[{...},...]}} with null fields left out. */
  public static String buttonsJson(List<Map<String, String>> buttons) {
    StringBuilder sb = new StringBuilder("{\"button\":[");
    for (int i = 0; i < buttons.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append('{');
      boolean first = true;
      for (var e : buttons.get(i).entrySet()) {
        if (e.getValue() == null) {
          continue;
        }
        if (!first) {
          sb.append(',');
        }
        first = false;
        quote(sb, e.getKey()).append(':');
        quote(sb, e.getValue());
      }
      sb.append('}');
    }
    return sb.append("]}").toString();
  }

  private static StringBuilder quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"');
  }

  /** A DELIVER built by hand, validated. */
  record RawMessage(Deliver deliver) implements NgsMessage, Validated {
    @Override
    public String serial() {
      return deliver.serial();
    }

    @Override
    public MessageType type() {
      return deliver.messageType();
    }

    @Override
    public String to() {
      return deliver.daAddr();
    }

    @Override
    public String toString() {
      return "NgsMessage[serial=" + serial() + ", type=" + type().code() + ", to=" + to() + "]";
    }
  }
}
