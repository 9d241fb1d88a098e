package dev.ngsign.ngs.protocol.packet;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;
import java.util.Objects;

/**
 * One MEDIA attachment of a DELIVER: MTYPE, ENCODING and the file's bytes (MFILELEN is their
 * length).
 *
 * <p>Immutable. The bytes are held without a copy when built with {@link #wrap}, so that an
 * attachment is copied once on its way to or from the wire; {@link #of} copies.
 */
public final class Media {
  private final MediaType mediaType;
  private final ContentEncoding encoding;
  private final byte[] data;

  private Media(MediaType mediaType, ContentEncoding encoding, byte[] data) {
    this.mediaType = Objects.requireNonNull(mediaType, "mediaType");
    this.encoding = Objects.requireNonNull(encoding, "encoding");
    this.data = Objects.requireNonNull(data, "data");
  }

  /** An attachment holding a copy of {@code data}. */
  public static Media of(MediaType type, ContentEncoding encoding, byte[] data) {
    return new Media(type, encoding, data.clone());
  }

  /**
   * An attachment that takes ownership of {@code data}: the caller must not change the array
   * afterwards.
   */
  public static Media wrap(MediaType type, ContentEncoding encoding, byte[] data) {
    return new Media(type, encoding, data);
  }

  /**
   * A text attachment (MTYPE 11/12/13) encoded in {@code encoding}.
   *
   * @throws IllegalArgumentException when a character cannot be encoded in it (it names the
   *     character)
   */
  public static Media text(MediaType type, ContentEncoding encoding, String text) {
    if (!encoding.isText()) {
      throw new IllegalArgumentException("text attachment needs a text encoding, not " + encoding);
    }
    CharsetEncoder enc =
        encoding
            .charset()
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      ByteBuffer bb = enc.encode(java.nio.CharBuffer.wrap(text));
      byte[] bytes = new byte[bb.remaining()];
      bb.get(bytes);
      return new Media(type, encoding, bytes);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          type
              + " text has a character that "
              + encoding
              + " cannot encode: "
              + TextCodingError.firstUnencodable(text, encoding),
          e);
    }
  }

  public MediaType mediaType() {
    return mediaType;
  }

  public ContentEncoding encoding() {
    return encoding;
  }

  /** MFILELEN: the attachment's size in bytes. */
  public int size() {
    return data.length;
  }

  /** A read-only view of the bytes (no copy). */
  public ByteBuffer data() {
    return ByteBuffer.wrap(data).asReadOnlyBuffer();
  }

  /** A copy of the bytes. */
  public byte[] toByteArray() {
    return data.clone();
  }

  /** The bytes decoded in the attachment's text encoding (replacing what does not decode). */
  public String text() {
    if (!encoding.isText()) {
      throw new IllegalStateException("binary attachment " + mediaType + " has no text");
    }
    return new String(data, encoding.charset());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Media m
        && m.mediaType == mediaType
        && m.encoding == encoding
        && Arrays.equals(m.data, data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mediaType, encoding, Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return "Media[" + mediaType + ", " + encoding + ", " + data.length + " bytes]";
  }
}
