package dev.ngsign.ngs.protocol.codec;

import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;

/**
 * Strict per-thread charset coders: an unmappable or malformed character is an error, never a silent
 * {@code ?} or U+FFFD. Cached because creating MS949 coders per field costs more than the field itself.
 */
final class TextCoders {
  private static final ThreadLocal<TextCoders> LOCAL = ThreadLocal.withInitial(TextCoders::new);

  private final CharsetEncoder[] encoders = new CharsetEncoder[2];
  private final CharsetDecoder[] decoders = new CharsetDecoder[2];
  private final ByteBuffer scratch = ByteBuffer.allocate(256);

  private TextCoders() {
    for (ContentEncoding e : new ContentEncoding[] {ContentEncoding.MS949, ContentEncoding.UTF_8}) {
      encoders[e.code()] = e.charset().newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
      decoders[e.code()] = e.charset().newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
  }

  static CharsetEncoder encoder(ContentEncoding e) {
    CharsetEncoder enc = LOCAL.get().encoders[e.code()];
    enc.reset();
    return enc;
  }

  /** A cleared per-thread buffer limited to {@code size} bytes (fixed fields are at most 141). */
  static ByteBuffer scratch(int size) {
    ByteBuffer b = LOCAL.get().scratch;
    b.clear().limit(size);
    return b;
  }

  static CharsetDecoder decoder(ContentEncoding e) {
    CharsetDecoder dec = LOCAL.get().decoders[e.code()];
    dec.reset();
    return dec;
  }
}
