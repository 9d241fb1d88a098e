package dev.ngsign.ngs.agent.internal.console.query;

/**
 * A recipient number as the console shows it: the carrier prefix and the last four digits, the rest
 * starred ({@code 010****5678}), the way Korean services print a phone number. Enough for an
 * operator to tell a customer's number from another's, not enough to dial it.
 */
public final class RecipientMask {
  private RecipientMask() {}

  /** The masked form of a stored DEST_ADDR (dashes and spaces dropped first). */
  public static String mask(String destAddr) {
    String d = digits(destAddr);
    int n = d.length();
    if (n >= 8) {
      return d.substring(0, 3) + "*".repeat(n - 7) + d.substring(n - 4);
    }
    if (n >= 5) {
      return "*".repeat(n - 2) + d.substring(n - 2);
    }
    return "*".repeat(n);
  }

  /** The number without separators ({@code 010-1234-5678} → {@code 01012345678}). */
  static String digits(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '-' && c != ' ' && c != '.' && c != '(' && c != ')') {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
