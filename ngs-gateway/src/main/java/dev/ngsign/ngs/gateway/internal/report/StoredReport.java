package dev.ngsign.ngs.gateway.internal.report;

import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.ReportMessage;
import dev.ngsign.ngs.protocol.packet.Telco;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;

/**
 * How a waiting report is stored. Key: {@code account NUL dueAt GWSERIAL}, the two numbers as
 * 8-byte big-endian, so that an account's reports sort in due order and one seek finds the next
 * due. Value: RESULT, MESSAGE, DA_ADDR, SERIAL, GWSERIAL, SENDTIME (yyyyMMddHHmmss), TELCOINFO
 * separated by NUL, which none of them can hold (the content rules keep DA_ADDR and SERIAL
 * printable).
 */
final class StoredReport {
  private static final char SEP = '\u0000';

  private StoredReport() {}

  /** {@code account NUL}: the start of the account's keys. */
  static byte[] prefix(String account) {
    byte[] a = account.getBytes(StandardCharsets.UTF_8);
    byte[] k = new byte[a.length + 1];
    System.arraycopy(a, 0, k, 0, a.length);
    return k;
  }

  static byte[] key(String account, long dueAtMillis, long gwSerial) {
    return key(prefix(account), dueAtMillis, gwSerial);
  }

  /**
   * The key after {@code prefix}; {@code gwSerial} < 0 gives a key of the due time only (a bound).
   */
  static byte[] key(byte[] prefix, long dueAtMillis, long gwSerial) {
    byte[] k = new byte[prefix.length + (gwSerial < 0 ? 8 : 16)];
    System.arraycopy(prefix, 0, k, 0, prefix.length);
    putLong(k, prefix.length, Math.max(0, dueAtMillis));
    if (gwSerial >= 0) {
      putLong(k, prefix.length + 8, gwSerial);
    }
    return k;
  }

  static long dueAt(byte[] key, int prefixLength) {
    return getLong(key, prefixLength);
  }

  static long gwSerial(byte[] key, int prefixLength) {
    return getLong(key, prefixLength + 8);
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

  static byte[] encode(Report r) {
    StringBuilder sb =
        new StringBuilder(96)
            .append(r.result())
            .append(SEP)
            .append(r.message().toWire())
            .append(SEP)
            .append(r.daAddr())
            .append(SEP)
            .append(r.serial())
            .append(SEP)
            .append(r.gwSerial())
            .append(SEP);
    LocalDateTime t = r.sendTime();
    if (t != null) {
      pad(sb, t.getYear(), 4);
      pad(sb, t.getMonthValue(), 2);
      pad(sb, t.getDayOfMonth(), 2);
      pad(sb, t.getHour(), 2);
      pad(sb, t.getMinute(), 2);
      pad(sb, t.getSecond(), 2);
    }
    return sb.append(SEP).append(r.telco().name()).toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void pad(StringBuilder sb, int v, int width) {
    String s = Integer.toString(v);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    sb.append(s);
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
