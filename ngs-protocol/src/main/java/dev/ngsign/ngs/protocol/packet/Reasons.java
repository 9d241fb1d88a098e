package dev.ngsign.ngs.protocol.packet;

import java.nio.charset.Charset;

/**
 * Fits a human-readable reason into its fixed field (CERT_ACK SERVER_IP 40C, BIND_ACK MESSAGE 40C,
 * EVENT DATA 88C) in MS949, one byte short so a NUL always ends it as in the spec's examples. A
 * reason is cut only between characters, never inside a Korean one, and characters MS949 lacks
 * become {@code ?}.
 */
final class Reasons {
  private static final Charset MS949 = ContentEncoding.MS949.charset();

  private Reasons() {}

  static String fit(String reason, int fieldSize) {
    int max = fieldSize - 1;
    var enc = MS949.newEncoder();
    StringBuilder sb = new StringBuilder(Math.min(reason.length(), max));
    int bytes = 0;
    for (int i = 0; i < reason.length(); ) {
      int cp = reason.codePointAt(i);
      String ch = new String(Character.toChars(cp));
      if (!enc.canEncode(ch)) {
        ch = "?";
      }
      int n = ch.getBytes(MS949).length;
      if (bytes + n > max) {
        break;
      }
      sb.append(ch);
      bytes += n;
      i += Character.charCount(cp);
    }
    return sb.toString();
  }
}
