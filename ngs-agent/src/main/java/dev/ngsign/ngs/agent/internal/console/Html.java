package dev.ngsign.ngs.agent.internal.console;

import dev.ngsign.ngs.agent.internal.console.auth.Session;

/**
 * HTML helpers: every value from the database or the request goes through {@link #esc}; recipient
 * numbers through {@link dev.ngsign.ngs.agent.internal.console.query.RecipientMask} (personal data
 * never reaches a page whole).
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

  /** The hidden synchronizer-token field every POST form carries. */
  public static String csrfField(Session s) {
    return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(s.csrf()) + "\">";
  }
}
