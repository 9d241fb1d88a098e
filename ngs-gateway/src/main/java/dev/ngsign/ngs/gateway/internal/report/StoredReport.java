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
    int[] ends = new int[7]; // where each of the seven fields ends (a separator, or the end)
    int n = 0;
    for (int i = 0; i < stored.length && n < 6; i++) {
      if (stored[i] == SEP) {
        ends[n++] = i;
      }
    }
    if (n != 6) {
      throw new IllegalArgumentException("stored report has " + (n + 1) + " fields, not 7");
    }
    ends[6] = stored.length;
    int t = ends[4] + 1; // SENDTIME: 14 ASCII digits, or empty
    LocalDateTime sendTime =
        ends[5] == t
            ? null
            : LocalDateTime.of(
                number(stored, t, 4),
                number(stored, t + 4, 2),
                number(stored, t + 6, 2),
                number(stored, t + 8, 2),
                number(stored, t + 10, 2),
                number(stored, t + 12, 2));
    return new Report(
        Integer.parseInt(field(stored, 0, ends[0])),
        ReportMessage.parse(field(stored, ends[0] + 1, ends[1])),
        field(stored, ends[1] + 1, ends[2]),
        field(stored, ends[2] + 1, ends[3]),
        field(stored, ends[3] + 1, ends[4]),
        sendTime,
        Telco.fromCode(field(stored, ends[5] + 1, ends[6])));
  }

  private static String field(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.UTF_8);
  }

  private static int number(byte[] b, int at, int width) {
    int v = 0;
    for (int i = at; i < at + width; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        throw new IllegalArgumentException("stored report has a non-digit in SENDTIME");
      }
      v = v * 10 + d;
    }
    return v;
  }
}
