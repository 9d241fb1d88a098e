package dev.ngsign.ngs.protocol.codec;

import dev.ngsign.ngs.protocol.NgsProtocolException;
import dev.ngsign.ngs.protocol.crypto.BodyCipher;
import dev.ngsign.ngs.protocol.packet.PacketType;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The 14-byte header (section 3.1): HeadType 4C and MsgLeng 10C, both decimal text, NUL-padded.
 *
 * @param type the packet type
 * @param bodyLength MsgLeng: body bytes on the wire (ciphertext length on an encrypted session)
 */
public record FrameHeader(PacketType type, int bodyLength) {

  /**
   * Reads a header at {@code in}'s reader index without consuming it, and checks MsgLeng against
   * the cap and against the type's fixed size (plain or encrypted). Needs 14 readable bytes.
   *
   * @param encrypted whether the session is TYPE P (encryptable types then carry ciphertext
   *     lengths)
   * @throws FrameException for a header that cannot start a valid packet: the stream cannot be
   *     resynchronised after it, so the session must close
   */
  public static FrameHeader peek(ByteBuf in, int maxBodyLength, boolean encrypted) {
    int at = in.readerIndex();
    String headType = field(in, at, Layout.HEAD_TYPE);
    String msgLeng = field(in, at + Layout.HEAD_TYPE.size(), Layout.MSG_LENG);
    long code = parse(Layout.HEAD_TYPE, headType);
    PacketType type = code > Integer.MAX_VALUE ? null : PacketType.fromHeadType((int) code);
    if (type == null) {
      throw new FrameException(
          "HeadType", NgsProtocolException.show(headType) + " is not a packet type of NGS 2.0.1");
    }
    long len = parse(Layout.MSG_LENG, msgLeng);
    if (len > maxBodyLength) {
      throw new FrameException(
          "MsgLeng", len + " exceeds the limit of " + maxBodyLength + " bytes for a " + type);
    }
    int body = (int) len;
    boolean cipher = encrypted && type.encryptedOnSecureSession();
    if (type.fixedSize()) {
      int expected = cipher ? BodyCipher.cipherLength(type.bodySize()) : type.bodySize();
      if (type.bodySize() == 0) {
        expected = 0;
      }
      if (body != expected) {
        throw new FrameException(
            "MsgLeng",
            body
                + " is wrong for "
                + type
                + ": its body is "
                + expected
                + " bytes"
                + (cipher ? " encrypted" : ""));
      }
    } else {
      int min = cipher ? BodyCipher.cipherLength(type.bodySize()) : type.bodySize();
      if (body < min || (cipher && body % BodyCipher.BLOCK != 0)) {
        throw new FrameException(
            "MsgLeng",
            body
                + " is wrong for "
                + type
                + ": at least "
                + min
                + " bytes"
                + (cipher ? ", a multiple of 16" : ""));
      }
    }
    return new FrameHeader(type, body);
  }

  private static String field(ByteBuf in, int index, FixedField f) {
    int nul = in.indexOf(index, index + f.size(), (byte) 0);
    int len = nul < 0 ? f.size() : nul - index;
    return in.toString(index, len, StandardCharsets.ISO_8859_1);
  }

  /**
   * The packet type a header at {@code in}'s reader index names, or null when HeadType is not one
   * (the full check is {@link #peek}). Needs 14 readable bytes.
   */
  public static PacketType peekType(ByteBuf in) {
    try {
      long code = parse(Layout.HEAD_TYPE, field(in, in.readerIndex(), Layout.HEAD_TYPE));
      return code > Integer.MAX_VALUE ? null : PacketType.fromHeadType((int) code);
    } catch (FrameException e) {
      return null;
    }
  }

  /**
   * Digits written from the first byte of the field, the rest NUL (section 1.2: "모든 Data는
   * NULL(0x00)로 Padding된 버퍼의 앞에서부터 채워 넣습니다"): a leading or trailing space is not padding, so {@code
   * " 149"} is refused like any other non-number.
   */
  private static long parse(FixedField f, String s) {
    String v = s;
    if (v.isEmpty() || v.length() > 10) {
      throw new FrameException(
          f.name(), NgsProtocolException.show(s) + " is not a non-negative decimal number");
    }
    long n = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        throw new FrameException(
            f.name(), NgsProtocolException.show(s) + " is not a non-negative decimal number");
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /** Writes a header. */
  public static void write(ByteBuf out, PacketType type, int bodyLength) {
    BodyWriter w = new BodyWriter(out, "header");
    write(w, type, bodyLength);
    w.flush();
  }

  static void write(BodyWriter w, PacketType type, int bodyLength) {
    w.number(Layout.HEAD_TYPE, type.headType());
    w.number(Layout.MSG_LENG, bodyLength);
  }
}
