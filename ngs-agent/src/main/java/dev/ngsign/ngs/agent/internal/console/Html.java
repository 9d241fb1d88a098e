package dev.ngsign.ngs.agent.internal.console;

import dev.ngsign.ngs.agent.internal.console.auth.Session;

/**
 * HTML helpers: every value from the database or the request goes through {@link #esc}; recipient
 * numbers through {@link #maskPhone} (personal data never reaches a page whole).
 */
public final class Html {
  private Html() {}

  /** Escapes text for an element or a quoted attribute. */
  public static String esc(Object value) {
    String s = String.valueOf(value);
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * A recipient number with its middle digits hidden: {@code 01012345678} → {@code 010****5678};
   * short numbers keep only their last two digits. Non-digits are kept as they are (+82, dashes).
   */
  public static String maskPhone(String number) {
    if (number == null || number.isEmpty()) {
      return "";
    }
    int digits = 0;
    for (int i = 0; i < number.length(); i++) {
      if (Character.isDigit(number.charAt(i))) {
        digits++;
      }
    }
    int keepHead = digits >= 10 ? 3 : 0;
    int keepTail = digits >= 8 ? 4 : Math.min(2, digits);
    StringBuilder sb = new StringBuilder(number.length());
    int seen = 0;
    for (int i = 0; i < number.length(); i++) {
      char c = number.charAt(i);
      if (Character.isDigit(c)) {
        seen++;
        sb.append(seen <= keepHead || seen > digits - keepTail ? c : '*');
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The hidden synchronizer-token field every POST form carries. */
  public static String csrfField(Session s) {
    return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(s.csrf()) + "\">";
  }
}
