package dev.ngsign.ngs.protocol.content;

import dev.ngsign.ngs.protocol.packet.MediaType;
import java.nio.ByteBuffer;

/**
 * Recognises JPEG ({@code FF D8 FF}) and PNG ({@code 89 'PNG' 0D 0A 1A 0A}) by their first bytes.
 */
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

  /**
   * Width and height from a PNG's IHDR or a JPEG's first SOF marker, or null when the header cannot
   * be read. Only headers are parsed; nothing is decoded.
   */
  public static int[] dimensions(ByteBuffer data) {
    int p = data.position();
    if (startsWith(data, PNG)) {
      // signature (8), IHDR length (4) and type (4), then width and height as big-endian ints
      return data.remaining() >= 24 ? new int[] {data.getInt(p + 16), data.getInt(p + 20)} : null;
    }
    if (!startsWith(data, JPEG)) {
      return null;
    }
    int i = p + 2;
    int end = data.limit();
    while (i + 9 < end) {
      if ((data.get(i) & 0xFF) != 0xFF) {
        return null;
      }
      int marker = data.get(i + 1) & 0xFF;
      if (marker == 0xFF) {
        i++; // fill byte
        continue;
      }
      int len = ((data.get(i + 2) & 0xFF) << 8) | (data.get(i + 3) & 0xFF);
      boolean sof =
          marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
      if (sof) {
        int h = ((data.get(i + 5) & 0xFF) << 8) | (data.get(i + 6) & 0xFF);
        int w = ((data.get(i + 7) & 0xFF) << 8) | (data.get(i + 8) & 0xFF);
        return new int[] {w, h};
      }
      if (len < 2) {
        return null;
      }
      i += 2 + len;
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
