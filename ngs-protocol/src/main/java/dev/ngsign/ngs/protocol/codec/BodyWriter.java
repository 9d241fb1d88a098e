package dev.ngsign.ngs.protocol.codec;

import dev.ngsign.ngs.protocol.NgsProtocolException;
import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import dev.ngsign.ngs.protocol.packet.TextCodingError;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/**
 * Writes fixed fields: value from the front, NUL padding to the field's size. A value that does not fit
 * is an error naming the field and both lengths, never a silent cut (least of all inside a Korean
 * character).
 */
final class BodyWriter {
  private final ByteBuf out;
  private final String packet;

  BodyWriter(ByteBuf out, String packet) {
    this.out = out;
    this.packet = packet;
  }

  private NgsProtocolException error(FixedField f, String message) {
    return new NgsProtocolException(packet + "." + f.name(), message);
  }

  void ascii(FixedField f, String value) {
    int len = value.length();
    if (len > f.size()) {
      throw error(f, f.render(value) + " is " + len
          + " bytes; the field holds " + f.size());
    }
    for (int i = 0; i < len; i++) {
      if (value.charAt(i) >= 0x80) {
        throw error(f, f.render(value) + " must be ASCII (position " + i + ")");
      }
    }
    out.writeCharSequence(value, StandardCharsets.US_ASCII);
    out.writeZero(f.size() - len);
  }

  void number(FixedField f, long value) {
    if (value < 0) {
      throw error(f, value + " is negative");
    }
    ascii(f, Long.toString(value));
  }

  /** A number, or an empty (all NUL) field when {@code value} is 0. */
  void numberOrEmpty(FixedField f, long value) {
    ascii(f, value == 0 ? "" : Long.toString(value));
  }

  /** A text field in {@code encoding}. */
  void text(FixedField f, String value, ContentEncoding encoding) {
    int len = value.length();
    boolean ascii = true;
    for (int i = 0; i < len; i++) {
      if (value.charAt(i) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      ascii(f, value);
      return;
    }
    ByteBuffer dst = TextCoders.scratch(f.size());
    CharsetEncoder enc = TextCoders.encoder(encoding);
    CoderResult r = enc.encode(CharBuffer.wrap(value), dst, true);
    if (r.isUnderflow()) {
      r = enc.flush(dst);
    }
    if (r.isUnmappable() || r.isMalformed()) {
      throw error(f, "has a character that " + encoding + " cannot encode: "
          + TextCodingError.firstUnencodable(value, encoding)
          + (encoding == ContentEncoding.MS949 ? "; send with ENCODING 1 (UTF-8)" : ""));
    }
    if (r.isOverflow()) {
      int needed = value.getBytes(encoding.charset()).length;
      throw error(f, f.render(value) + " is " + needed + " bytes in " + encoding
          + "; the field holds " + f.size());
    }
    dst.flip();
    int written = dst.remaining();
    out.writeBytes(dst);
    out.writeZero(f.size() - written);
  }

  void bytes(ByteBuffer data) {
    out.writeBytes(data);
  }
}
