package dev.ngsign.ngs.protocol.content;

import dev.ngsign.ngs.protocol.packet.MediaType;
import java.nio.ByteBuffer;

/** Recognises JPEG ({@code FF D8 FF}) and PNG ({@code 89 'PNG' 0D 0A 1A 0A}) by their first bytes. */
public final class ImageSignature {
  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

  private ImageSignature() {}

  /** True when the bytes start like the image type MTYPE declares. */
  public static boolean matches(MediaType type, ByteBuffer data) {
    return startsWith(data, type.isPng() ? PNG : JPEG);
  }

  /** The image type the bytes start like, or null: JPG or PNG (wide-ness is not in the bytes). */
  public static MediaType detect(ByteBuffer data) {
    if (startsWith(data, JPEG)) {
      return MediaType.JPG;
    }
    if (startsWith(data, PNG)) {
      return MediaType.PNG;
    }
    return null;
  }

  static String describe(ByteBuffer data) {
    MediaType t = detect(data);
    if (t != null) {
      return t == MediaType.PNG ? "PNG" : "JPEG";
    }
    StringBuilder sb = new StringBuilder("bytes");
    for (int i = 0; i < Math.min(4, data.remaining()); i++) {
      sb.append(String.format(" %02x", data.get(data.position() + i) & 0xff));
    }
    return sb.toString();
  }

  private static boolean startsWith(ByteBuffer data, byte[] magic) {
    if (data.remaining() < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (data.get(data.position() + i) != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
