package dev.ngsign.ngs.gateway.internal.report;

import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.ReportMessage;
import dev.ngsign.ngs.protocol.packet.Telco;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;

/**
 * How a waiting report is stored, in its account's {@link ReportFamilies family}. Key: {@code dueAt
 * GWSERIAL}, both 8-byte big-endian, so that an account's reports sort in due order and one seek
 * finds the next due. Value: RESULT, MESSAGE, DA_ADDR, SERIAL, GWSERIAL, SENDTIME (yyyyMMddHHmmss),
 * TELCOINFO separated by NUL, which none of them can hold (the content rules keep DA_ADDR and
 * SERIAL printable).
 */
final class StoredReport {
  private static final byte SEP = 0;

  private StoredReport() {}

  static byte[] key(long dueAtMillis, long gwSerial) {
    byte[] k = new byte[16];
    putLong(k, 0, Math.max(0, dueAtMillis));
    putLong(k, 8, gwSerial);
    return k;
  }

  /** The key of the first report due at {@code dueAtMillis} or later (a bound). */
  static byte[] bound(long dueAtMillis) {
    byte[] k = new byte[8];
    putLong(k, 0, Math.max(0, dueAtMillis));
    return k;
  }

  static long dueAt(byte[] key) {
    return getLong(key, 0);
  }

  static long gwSerial(byte[] key) {
    return getLong(key, 8);
  }

  private static void putLong(byte[] b, int at, long v) {
    for (int i = 7; i >= 0; i--) {
      b[at + i] = (byte) v;
      v >>>= 8;
    }
  }

  private static long getLong(byte[] b, int at) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[at + i] & 0xff);
    }
    return v;
  }

  /**
   * The value, written straight into one array of its size (one is made for every accepted message:
   * no builder, no intermediate strings).
   */
  static byte[] encode(Report r) {
    String result = Integer.toString(r.result());
    String message = r.message().toWire();
    String telco = r.telco().name();
    LocalDateTime t = r.sendTime();
    int size =
        utf8Length(result)
            + utf8Length(message)
            + utf8Length(r.daAddr())
            + utf8Length(r.serial())
            + utf8Length(r.gwSerial())
            + (t == null ? 0 : 14)
            + utf8Length(telco)
            + 6;
    byte[] out = new byte[size];
    int at = put(out, 0, result);
    at = put(out, at, message);
    at = put(out, at, r.daAddr());
    at = put(out, at, r.serial());
    at = put(out, at, r.gwSerial());
    if (t != null) {
      at = digits(out, at, t.getYear(), 4);
      at = digits(out, at, t.getMonthValue(), 2);
      at = digits(out, at, t.getDayOfMonth(), 2);
      at = digits(out, at, t.getHour(), 2);
      at = digits(out, at, t.getMinute(), 2);
      at = digits(out, at, t.getSecond(), 2);
    }
    out[at++] = SEP;
    put(out, at, telco);
    return out;
  }

  private static int utf8Length(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return s.getBytes(StandardCharsets.UTF_8).length; // rare: let the encoder count
      }
    }
    return s.length();
  }

  /** Writes {@code s} in UTF-8 and, but for the last field, a separator; returns the next index. */
  private static int put(byte[] out, int at, String s) {
    int n = s.length();
    boolean ascii = true;
    for (int i = 0; i < n && ascii; i++) {
      ascii = s.charAt(i) < 0x80;
    }
    if (ascii) {
      for (int i = 0; i < n; i++) {
        out[at++] = (byte) s.charAt(i);
      }
    } else {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      System.arraycopy(b, 0, out, at, b.length);
      at += b.length;
    }
    if (at < out.length) {
      out[at++] = SEP;
    }
    return at;
  }

  /** {@code v} as {@code width} decimal digits, zero-padded (the date fields fit). */
  private static int digits(byte[] out, int at, int v, int width) {
    for (int i = width - 1; i >= 0; i--) {
      out[at + i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    return at + width;
  }

  static Report decode(byte[] stored) {
    String[] f = new String(stored, StandardCharsets.UTF_8).split("\u0000", -1);
    String t = f[5];
    LocalDateTime sendTime =
        t.isEmpty()
            ? null
            : LocalDateTime.of(
                Integer.parseInt(t, 0, 4, 10),
                Integer.parseInt(t, 4, 6, 10),
                Integer.parseInt(t, 6, 8, 10),
                Integer.parseInt(t, 8, 10, 10),
                Integer.parseInt(t, 10, 12, 10),
                Integer.parseInt(t, 12, 14, 10));
    return new Report(
        Integer.parseInt(f[0]),
        ReportMessage.parse(f[1]),
        f[2],
        f[3],
        f[4],
        sendTime,
        Telco.fromCode(f[6]));
  }
}
