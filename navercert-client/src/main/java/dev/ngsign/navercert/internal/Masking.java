package dev.ngsign.navercert.internal;

/** Masks personal data for messages and logs: 홍*동, 010****5678. */
public final class Masking {
  private Masking() {}

  public static String name(String n) {
    int[] cps = n.codePoints().toArray();
    if (cps.length <= 1) {
      return "*";
    }
    StringBuilder sb = new StringBuilder().appendCodePoint(cps[0]);
    for (int i = 1; i < cps.length - 1; i++) {
      sb.append('*');
    }
    return cps.length == 2
        ? sb.append('*').toString()
        : sb.appendCodePoint(cps[cps.length - 1]).toString();
  }

  public static String phone(String p) {
    return p.length() == 11 ? p.substring(0, 3) + "****" + p.substring(7) : "*".repeat(p.length());
  }
}
