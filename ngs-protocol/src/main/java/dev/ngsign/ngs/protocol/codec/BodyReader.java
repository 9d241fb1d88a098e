package dev.ngsign.ngs.protocol.codec;

import dev.ngsign.ngs.protocol.NgsProtocolException;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the fixed fields of one body in order. Every failure is an {@link NgsProtocolException} naming
 * the packet, the field and the offending value (or only its length, for secrets). Nothing is allocated
 * from a length read off the wire before it is checked against the bytes actually present.
 */
final class BodyReader {
  private final ByteBuf in;
  private final String packet;
  private final int start;

  BodyReader(ByteBuf in, String packet) {
    this.in = in;
    this.packet = packet;
    this.start = in.readerIndex();
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
      throw error(field, "body truncated: needs " + n + " bytes at offset " + offset() + " but "
          + in.readableBytes() + " remain", code);
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
    need(f.name(), f.size(), code);
    int index = in.readerIndex();
    int len = valueLength(index, f.size());
    for (int i = 0; i < len; i++) {
      if (in.getByte(index + i) < 0) {
        String shown = f.render(in.toString(index, len, StandardCharsets.ISO_8859_1));
        throw error(f.name(), shown + " is not ASCII (byte 0x" + Integer.toHexString(in.getByte(index + i) & 0xff)
            + " at position " + i + ")", code);
      }
    }
    String s = in.toString(index, len, StandardCharsets.ISO_8859_1);
    in.skipBytes(f.size());
    return s;
  }

  /** A text field in the packet's declared encoding, decoded strictly. */
  String text(FixedField f, ContentEncoding encoding) {
    need(f.name(), f.size(), ResultCode.E_INVALID_ENCODING);
    int index = in.readerIndex();
    int len = valueLength(index, f.size());
    String s = decode(f.name(), index, len, encoding);
    in.skipBytes(f.size());
    return s;
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
    ByteBuffer nio = in.nioBufferCount() == 1 ? in.nioBuffer(index, len) : ByteBuffer.wrap(ByteBufBytes.copy(in, index, len));
    try {
      CharBuffer cb = TextCoders.decoder(encoding).decode(nio);
      return cb.toString();
    } catch (CharacterCodingException e) {
      throw error(field, "bytes are not valid " + encoding + " (" + e.getMessage() + " near byte "
          + nio.position() + ")", ResultCode.E_INVALID_ENCODING);
    }
  }

  /** Checks that the next {@code len} bytes are valid text in {@code encoding}, without consuming them. */
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

  /** A non-negative decimal number, or {@code ifEmpty} when the field is empty (all NUL or blank). */
  long numberOr(FixedField f, long ifEmpty, ResultCode code) {
    String s = ascii(f, code).strip();
    if (s.isEmpty()) {
      return ifEmpty;
    }
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw error(f.name(), NgsProtocolException.show(s) + " is not a non-negative decimal number", code);
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
   * Best effort: the ASCII value at a fixed offset from the body's start, without moving; empty when the
   * body is too short or the bytes are not ASCII. Used to answer a malformed DELIVER.
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
      throw error("MsgLeng", in.readableBytes() + " bytes left over after the last field (body says "
          + offset() + " bytes)", code);
    }
  }
}
