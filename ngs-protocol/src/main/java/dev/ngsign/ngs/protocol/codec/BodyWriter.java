package dev.ngsign.ngs.protocol.codec;

import dev.ngsign.ngs.protocol.NgsProtocolException;
import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import dev.ngsign.ngs.protocol.packet.TextCodingError;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.util.Arrays;

/**
 * Writes fixed fields: value from the front, NUL padding to the field's size. A value that does not
 * fit is an error naming the field and both lengths, never a silent cut (least of all inside a
 * Korean character).
 *
 * <p>Fields are written as bytes into an array: the buffer's own when it has one (a heap buffer),
 * else a per-thread stage copied into the buffer in one piece. Nothing reaches {@code out}'s writer
 * index before {@link #flush()}.
 */
final class BodyWriter {
  private final ByteBuf out;
  private final String packet;
  private boolean heap;

  /** Where the next fields go: {@code out}'s array from {@code base}, or the stage from 0. */
  private byte[] a;

  private int base;

  /** Bytes written into {@code a} from {@code base} and not yet flushed. */
  private int pos;

  BodyWriter(ByteBuf out, String packet) {
    this.out = out;
    this.packet = packet;
    rebase();
  }

  private void rebase() {
    pos = 0;
    heap = out.hasArray(); // a composite buffer loses its array when it grows a second component
    if (heap) {
      a = out.array();
      base = out.arrayOffset() + out.writerIndex();
    } else {
      a = TextCoders.local().writeStage;
      base = 0;
    }
  }

  /** Makes room for {@code size} bytes and returns the index in {@code a} where they go. */
  private int reserve(int size) {
    if (heap) {
      if (out.writableBytes() - pos < size) {
        flush();
        out.ensureWritable(size);
        rebase();
      }
    } else if (pos + size > a.length) {
      flush();
    }
    return base + pos;
  }

  /** Moves what has been written into {@code out}: its writer index, or a copy from the stage. */
  void flush() {
    if (pos > 0) {
      if (heap) {
        out.writerIndex(out.writerIndex() + pos);
      } else {
        out.writeBytes(a, 0, pos);
      }
    }
    rebase();
  }

  private NgsProtocolException error(FixedField f, String message) {
    return new NgsProtocolException(packet + "." + f.name(), message);
  }

  void ascii(FixedField f, String value) {
    int size = f.size();
    int len = value.length();
    if (len > size) {
      throw error(f, f.render(value) + " is " + len + " bytes; the field holds " + size);
    }
    int at = reserve(size);
    byte[] b = a;
    for (int i = 0; i < len; i++) {
      char c = value.charAt(i);
      if (c >= 0x80) {
        throw error(f, f.render(value) + " must be ASCII (position " + i + ")");
      }
      b[at + i] = (byte) c;
    }
    Arrays.fill(b, at + len, at + size, (byte) 0);
    pos += size;
  }

  void number(FixedField f, long value) {
    if (value < 0) {
      throw error(f, value + " is negative");
    }
    int size = f.size();
    int digits = 1;
    for (long v = value; v >= 10; v /= 10) {
      digits++;
    }
    if (digits > size) {
      ascii(f, Long.toString(value)); // names the field and both lengths
      return;
    }
    int at = reserve(size);
    byte[] b = a;
    long v = value;
    for (int i = at + digits - 1; i >= at; i--) {
      b[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    Arrays.fill(b, at + digits, at + size, (byte) 0);
    pos += size;
  }

  /** A number, or an empty (all NUL) field when {@code value} is 0. */
  void numberOrEmpty(FixedField f, long value) {
    if (value > 0) {
      number(f, value);
    } else {
      ascii(f, value == 0 ? "" : Long.toString(value));
    }
  }

  /** A text field in {@code encoding}. */
  void text(FixedField f, String value, ContentEncoding encoding) {
    int size = f.size();
    int len = value.length();
    if (len > size) {
      // at least one byte per character in MS949 and UTF-8: it cannot fit
      throw tooLong(f, value, encoding);
    }
    int at = reserve(size);
    byte[] b = a;
    int i = 0;
    for (; i < len; i++) {
      char c = value.charAt(i);
      if (c >= 0x80) {
        break;
      }
      b[at + i] = (byte) c;
    }
    int end = at + i;
    if (i < len) {
      // ASCII is the same bytes in both encodings; the rest goes through the strict encoder, from a
      // char[]
      // so that it runs its array loop, straight into the field
      TextCoders t = TextCoders.local();
      value.getChars(i, len, t.chars, 0);
      CharsetEncoder enc = t.encoderFor(encoding);
      ByteBuffer dst = ByteBuffer.wrap(b, end, at + size - end);
      CoderResult r = enc.encode(CharBuffer.wrap(t.chars, 0, len - i), dst, true);
      if (r.isUnderflow()) {
        r = enc.flush(dst);
      }
      if (!r.isUnderflow()) {
        throw encodingError(f, value, encoding, r);
      }
      end = dst.position();
    }
    Arrays.fill(b, end, at + size, (byte) 0);
    pos += size;
  }

  /**
   * The error for a value with more characters than the field has bytes: the unencodable character
   * first.
   */
  private NgsProtocolException tooLong(FixedField f, String value, ContentEncoding encoding) {
    if (value.chars().allMatch(c -> c < 0x80)) {
      return error(
          f, f.render(value) + " is " + value.length() + " bytes; the field holds " + f.size());
    }
    CharsetEncoder enc = TextCoders.encoder(encoding);
    ByteBuffer dst = ByteBuffer.allocate(f.size());
    CoderResult r = enc.encode(CharBuffer.wrap(value), dst, true);
    return encodingError(f, value, encoding, r.isUnderflow() ? CoderResult.OVERFLOW : r);
  }

  private NgsProtocolException encodingError(
      FixedField f, String value, ContentEncoding encoding, CoderResult r) {
    if (r.isUnmappable() || r.isMalformed()) {
      return error(
          f,
          "has a character that "
              + encoding
              + " cannot encode: "
              + TextCodingError.firstUnencodable(value, encoding)
              + (encoding == ContentEncoding.MS949 ? "; send with ENCODING 1 (UTF-8)" : ""));
    }
    int needed = value.getBytes(encoding.charset()).length;
    return error(
        f,
        f.render(value)
            + " is "
            + needed
            + " bytes in "
            + encoding
            + "; the field holds "
            + f.size());
  }

  /** Bytes of variable length (an attachment), written through to {@code out}. */
  void bytes(ByteBuffer data) {
    flush();
    out.writeBytes(data);
    rebase();
  }
}
