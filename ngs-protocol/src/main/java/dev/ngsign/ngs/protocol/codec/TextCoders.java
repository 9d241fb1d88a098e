package dev.ngsign.ngs.protocol.codec;

import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;

/**
 * Per-thread strict charset coders and scratch arrays. An unmappable or malformed character is an
 * error, never a silent {@code ?} or U+FFFD. Cached because creating MS949 coders per field costs
 * more than the field itself. The arrays and buffers hold nothing between two calls of the codec:
 * each use fills what it reads, and nothing decoded keeps a reference to them (strings and
 * attachments are copies).
 */
final class TextCoders {
  /**
   * Size of the scratch arrays: more than the largest fixed field (TEXT, 141 bytes) and a DELIVER's
   * fixed part.
   */
  static final int SCRATCH = 512;

  /**
   * Bodies up to this size go to and from the cipher through a per-thread array, not a pooled
   * buffer: an SMS, LMS or KakaoTalk message and every ACK and REPORT. Larger ones (MMS) take a
   * pooled buffer.
   */
  static final int CIPHER_STAGE = 4096;

  private static final FastThreadLocal<TextCoders> LOCAL =
      new FastThreadLocal<>() {
        @Override
        protected TextCoders initialValue() {
          return new TextCoders();
        }
      };

  private final CharsetEncoder[] encoders = new CharsetEncoder[2];
  private final CharsetDecoder[] decoders = new CharsetDecoder[2];

  /**
   * Characters of one field on their way to or from bytes (a char[] lets the coders use their array
   * loops).
   */
  final char[] chars = new char[SCRATCH];

  /** Bytes of a body being written to a buffer without an accessible array. */
  final byte[] writeStage = new byte[SCRATCH];

  /** Bytes of a body being read from a buffer without an accessible array. */
  final byte[] readStage = new byte[SCRATCH];

  /** Plain bodies of encrypted sessions on their way to and from the cipher; made on first use. */
  private ByteBuf toEncrypt;

  private ByteBuf decrypted;

  private TextCoders() {}

  /** This thread's coders and arrays. */
  static TextCoders local() {
    return LOCAL.get();
  }

  /** A cleared heap buffer of {@link #CIPHER_STAGE} bytes for a plain body to encrypt. */
  ByteBuf toEncrypt() {
    if (toEncrypt == null) {
      toEncrypt = Unpooled.wrappedBuffer(new byte[CIPHER_STAGE]);
    }
    return toEncrypt.clear();
  }

  /** A cleared heap buffer of {@link #CIPHER_STAGE} bytes for a decrypted body. */
  ByteBuf decrypted() {
    if (decrypted == null) {
      decrypted = Unpooled.wrappedBuffer(new byte[CIPHER_STAGE]);
    }
    return decrypted.clear();
  }

  /**
   * A reset strict encoder, made on first use (a thread that only writes ASCII never loads MS949's
   * tables).
   */
  CharsetEncoder encoderFor(ContentEncoding e) {
    CharsetEncoder enc = encoders[e.code()];
    if (enc == null) {
      enc =
          e.charset()
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
      encoders[e.code()] = enc;
    }
    return enc.reset();
  }

  /** A reset strict decoder, made on first use. */
  CharsetDecoder decoderFor(ContentEncoding e) {
    CharsetDecoder dec = decoders[e.code()];
    if (dec == null) {
      dec =
          e.charset()
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
      decoders[e.code()] = dec;
    }
    return dec.reset();
  }

  static CharsetEncoder encoder(ContentEncoding e) {
    return local().encoderFor(e);
  }

  static CharsetDecoder decoder(ContentEncoding e) {
    return local().decoderFor(e);
  }
}
