package dev.ngsign.ngs.protocol.packet;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * ENCODING of DELIVER's TEXT and of each MEDIA: {@code 0} Korean extended Wansung, read as MS949
 * (the superset of EUC-KR the spec calls 확장형 한글), {@code 1} UTF-8, {@code 2} binary (MEDIA only).
 */
public enum ContentEncoding {
  MS949(0, Charset.forName("x-windows-949")),
  UTF_8(1, StandardCharsets.UTF_8),
  BINARY(2, null);

  private final int code;
  private final Charset charset;

  ContentEncoding(int code, Charset charset) {
    this.code = code;
    this.charset = charset;
  }

  public int code() {
    return code;
  }

  /** The charset for text encodings; null for {@link #BINARY}. */
  public @Nullable Charset charset() {
    return charset;
  }

  public boolean isText() {
    return charset != null;
  }

  /** The encoding for a wire number, or null. */
  public static @Nullable ContentEncoding fromCode(int code) {
    return switch (code) {
      case 0 -> MS949;
      case 1 -> UTF_8;
      case 2 -> BINARY;
      default -> null;
    };
  }
}
