package dev.ngsign.ngs.agent.internal.legacy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The image files a vendor's MMS row names by path (every legacy layout keeps images on disk, not
 * in the table): read with a size limit, typed by their magic bytes, named without their folder.
 */
public final class ImageFiles {
  /** Files larger than this are refused, not read into memory. */
  public static final long MAX_BYTES = 1024 * 1024;

  private ImageFiles() {}

  /** The file's bytes; refused (IOException) when it is over {@link #MAX_BYTES}. */
  public static byte[] read(Path p) throws IOException {
    long size = Files.size(p);
    if (size > MAX_BYTES) {
      throw new IOException(size + " bytes, over " + MAX_BYTES);
    }
    try (InputStream in = Files.newInputStream(p)) {
      return in.readNBytes((int) MAX_BYTES + 1);
    }
  }

  /** 21 (JPG) or 23 (PNG) by the file's magic bytes, else 0. */
  public static int imageType(byte[] d) {
    if (d.length > 3 && (d[0] & 0xff) == 0xff && (d[1] & 0xff) == 0xd8) {
      return 21;
    }
    if (d.length > 8 && (d[0] & 0xff) == 0x89 && d[1] == 'P' && d[2] == 'N' && d[3] == 'G') {
      return 23;
    }
    return 0;
  }

  /** The name after the last {@code /} or {@code \} (the row's path may be Windows' or Unix'). */
  public static String fileName(String path) {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return slash < 0 ? path : path.substring(slash + 1);
  }
}
