package dev.ngsign.ngs.protocol.codec;

import dev.ngsign.ngs.protocol.NgsProtocolException;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/**
 * Reads the fixed fields of one body in order. Every failure is an {@link NgsProtocolException}
 * naming the packet, the field and the offending value (or only its length, for secrets). Nothing
 * is allocated from a length read off the wire before it is checked against the bytes actually
 * present.
 *
 * <p>Fields are read from an array: the buffer's own when it has one (a heap buffer), else a
 * per-thread stage that holds a copy of the bytes from the field being read on. The common values
 * take a fast path (ASCII, plain digits, text that decodes cleanly); anything else goes the general
 * way, which names what is wrong.
 */
final class BodyReader {
  private final ByteBuf in;
  private final String packet;
  private final int start;

  /**
   * The bytes of {@code in} from index {@code winStart} to {@code winEnd} are at {@code a[index +
   * winShift]}.
   */
  private byte[] a;

  private int winStart;
  private int winEnd;
  private int winShift;

  BodyReader(ByteBuf in, String packet) {
    this.in = in;
    this.packet = packet;
    this.start = in.readerIndex();
    if (in.hasArray()) {
      a = in.array();
      winStart = start;
      winEnd = in.writerIndex();
      winShift = in.arrayOffset();
    }
  }

  /**
   * Where {@code in}'s byte at {@code index} is in {@code a}, with the {@code size} bytes from it;
   * they must exist.
   */
  private int at(int index, int size) {
    if (index < winStart || index + size > winEnd) {
      byte[] stage = TextCoders.local().readStage;
      int n = Math.min(stage.length, in.writerIndex() - index);
      in.getBytes(index, stage, 0, n);
      a = stage;
      winStart = index;
      winEnd = index + n;
      winShift = -index;
    }
    return index + winShift;
  }

  /** Bytes consumed so far. */
  int offset() {
    return in.readerIndex() - start;
  }

  int remaining() {
    return in.readableBytes();
  }

  String packet() {
    return packet;
  }

  NgsProtocolException error(String field, String message, ResultCode code) {
    return new NgsProtocolException(packet + "." + field, message, code);
  }

  private void need(String field, int n, ResultCode code) {
    if (in.readableBytes() < n) {
      throw error(
          field,
          "body truncated: needs "
              + n
              + " bytes at offset "
              + offset()
              + " but "
              + in.readableBytes()
              + " remain",
          code);
    }
  }

  /** Length of the value in a field: up to the first NUL or the whole buffer. */
  private int valueLength(int index, int size) {
    int nul = in.indexOf(index, index + size, (byte) 0);
    return nul < 0 ? size : nul - index;
  }

  /** An ASCII field (IDs, numbers as text, codes). */
  String ascii(FixedField f) {
    return ascii(f, null);
  }

  String ascii(FixedField f, ResultCode code) {
    int size = f.size();
    need(f.name(), size, code);
    int index = in.readerIndex();
    int at = at(index, size);
    byte[] b = a;
    int len = 0;
    for (; len < size; len++) {
      byte c = b[at + len];
      if (c <= 0) {
        if (c == 0) {
          break;
        }
        throw notAscii(f, index, code);
      }
    }
    String s = len == 0 ? "" : new String(b, at, len, StandardCharsets.ISO_8859_1);
    in.skipBytes(size);
    return s;
  }

  private NgsProtocolException notAscii(FixedField f, int index, ResultCode code) {
    int len = valueLength(index, f.size());
    for (int i = 0; i < len; i++) {
      if (in.getByte(index + i) < 0) {
        String shown = f.render(in.toString(index, len, StandardCharsets.ISO_8859_1));
        return error(
            f.name(),
            shown
                + " is not ASCII (byte 0x"
                + Integer.toHexString(in.getByte(index + i) & 0xff)
                + " at position "
                + i
                + ")",
            code);
      }
    }
    throw new IllegalStateException("no byte above 0x7F in " + f.name());
  }

  /** A text field in the packet's declared encoding, decoded strictly. */
  String text(FixedField f, ContentEncoding encoding) {
    int size = f.size();
    need(f.name(), size, ResultCode.E_INVALID_ENCODING);
    int index = in.readerIndex();
    int at = at(index, size);
    byte[] b = a;
    int len = 0;
    boolean ascii = true;
    for (; len < size; len++) {
      byte c = b[at + len];
      if (c == 0) {
        break;
      }
      ascii &= c > 0;
    }
    String s;
    if (ascii) {
      s = len == 0 ? "" : new String(b, at, len, StandardCharsets.ISO_8859_1);
    } else {
      s = decodeField(f.name(), b, at, index, len, encoding);
    }
    in.skipBytes(size);
    return s;
  }

  /**
   * Decodes a field's bytes through a char[] (the decoder's array loop); on any trouble, the
   * general way.
   */
  private String decodeField(
      String field, byte[] b, int at, int index, int len, ContentEncoding encoding) {
    TextCoders t = TextCoders.local();
    if (len <= t.chars.length) { // at most one character per byte in MS949 and UTF-8
      CharsetDecoder dec = t.decoderFor(encoding);
      CharBuffer out = CharBuffer.wrap(t.chars);
      CoderResult r = dec.decode(ByteBuffer.wrap(b, at, len), out, true);
      if (r.isUnderflow()) {
        r = dec.flush(out);
      }
      if (r.isUnderflow()) {
        return new String(t.chars, 0, out.position());
      }
    }
    return decode(field, index, len, encoding);
  }

  /** A whole byte range as text (attachments), decoded strictly. */
  String decode(String field, int index, int len, ContentEncoding encoding) {
    boolean ascii = true;
    for (int i = 0; i < len; i++) {
      if (in.getByte(index + i) < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return in.toString(index, len, StandardCharsets.ISO_8859_1);
    }
    ByteBuffer nio =
        in.nioBufferCount() == 1
            ? in.nioBuffer(index, len)
            : ByteBuffer.wrap(ByteBufBytes.copy(in, index, len));
    try {
      CharBuffer cb = TextCoders.decoder(encoding).decode(nio);
      return cb.toString();
    } catch (CharacterCodingException e) {
      throw error(
          field,
          "bytes are not valid "
              + encoding
              + " ("
              + e.getMessage()
              + " near byte "
              + nio.position()
              + ")",
          ResultCode.E_INVALID_ENCODING);
    }
  }

  /**
   * Checks that the next {@code len} bytes are valid text in {@code encoding}, without consuming
   * them.
   */
  void checkText(String field, int len, ContentEncoding encoding) {
    need(field, len, ResultCode.E_MEDIA_SIZE);
    decode(field, in.readerIndex(), len, encoding);
  }

  /** A non-negative decimal number; an empty field is an error. */
  long number(FixedField f, ResultCode code) {
    long v = numberOr(f, -1, code);
    if (v < 0) {
      throw error(f.name(), "is empty; a number is required", code);
    }
    return v;
  }

  /**
   * A non-negative decimal number, or {@code ifEmpty} when the field is empty (all NUL or blank).
   */
  long numberOr(FixedField f, long ifEmpty, ResultCode code) {
    int size = f.size();
    need(f.name(), size, code);
    int index = in.readerIndex();
    int at = at(index, size);
    byte[] b = a;
    long v = 0;
    int i = 0;
    for (; i < size; i++) {
      int c = b[at + i];
      if (c < '0' || c > '9') {
        break;
      }
      v = v * 10 + (c - '0');
    }
    if ((i == size || b[at + i] == 0) && size <= 18) {
      in.skipBytes(size);
      return i == 0 ? ifEmpty : v;
    }
    // blanks around the digits, or not a number: the general way
    String s = ascii(f, code).strip();
    if (s.isEmpty()) {
      return ifEmpty;
    }
    v = 0;
    for (i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw error(
            f.name(), NgsProtocolException.show(s) + " is not a non-negative decimal number", code);
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** {@code n} bytes copied into a new array; {@code n} must already be bounded by the caller. */
  byte[] bytes(String field, int n, ResultCode code) {
    need(field, n, code);
    byte[] b = new byte[n];
    in.readBytes(b);
    return b;
  }

  /**
   * Best effort: the ASCII value at a fixed offset from the body's start, without moving; empty
   * when the body is too short or the bytes are not ASCII. Used to answer a malformed DELIVER.
   */
  String peekAscii(int fieldOffset, int size) {
    int index = start + fieldOffset;
    if (index + size > in.writerIndex()) {
      return "";
    }
    int len = valueLength(index, size);
    for (int i = 0; i < len; i++) {
      if (in.getByte(index + i) < 0) {
        return "";
      }
    }
    return in.toString(index, len, StandardCharsets.ISO_8859_1);
  }

  /** Fails when bytes are left over: the header's length and the body's own counts disagree. */
  void expectEnd(ResultCode code) {
    if (in.isReadable()) {
      throw error(
          "MsgLeng",
          in.readableBytes()
              + " bytes left over after the last field (body says "
              + offset()
              + " bytes)",
          code);
    }
  }
}
