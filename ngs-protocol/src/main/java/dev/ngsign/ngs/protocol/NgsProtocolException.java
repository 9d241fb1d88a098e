package dev.ngsign.ngs.protocol;

import java.util.Optional;

/**
 * A packet that cannot be encoded or decoded, or content that breaks a rule of the spec.
 *
 * <p>The message always names the offending field and value, never a secret: fields that carry
 * credentials (PWD, CERT_KEY) report only their length. {@link #resultCode()} is the code a server
 * answers with when the error can be answered (e.g. {@code E_INVALID_MSGTYPE} for a DELIVER); a
 * framing error has none and closes the session.
 */
public class NgsProtocolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final ResultCode resultCode;

  public NgsProtocolException(String field, String message) {
    this(field, message, null, null);
  }

  public NgsProtocolException(String field, String message, ResultCode resultCode) {
    this(field, message, resultCode, null);
  }

  public NgsProtocolException(
      String field, String message, ResultCode resultCode, Throwable cause) {
    super(field + ": " + message, cause);
    this.field = field;
    this.resultCode = resultCode;
  }

  /** The wire field (e.g. {@code MsgLeng}, {@code MEDIA[2].MFILELEN}) or concept at fault. */
  public String field() {
    return field;
  }

  /**
   * The result code to answer with, when the error can be answered rather than closing the session.
   */
  public Optional<ResultCode> resultCode() {
    return Optional.ofNullable(resultCode);
  }

  /**
   * Renders a phone number for a message without revealing it: first three and last two characters
   * kept, other letters and digits starred, separators kept so a format error stays visible ({@code
   * 010-****-**78}).
   */
  public static String mask(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder(value.length() + 2).append('\'');
    int n = Math.min(value.length(), 40);
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      boolean keep = value.length() > 6 && (i < 3 || i >= value.length() - 2);
      sb.append(Character.isLetterOrDigit(c) && !keep ? '*' : (c >= 0x20 && c < 0x7f ? c : '?'));
    }
    return sb.append('\'')
        .append(value.length() > n ? "...(" + value.length() + " chars)" : "")
        .toString();
  }

  /**
   * Renders an untrusted value for a message: printable ASCII kept, other bytes escaped, long
   * values cut.
   */
  public static String show(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder(Math.min(value.length(), 48) + 2).append('\'');
    int limit = 40;
    for (int i = 0; i < value.length() && i < limit; i++) {
      char c = value.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        sb.append(c);
      } else if (c >= 0xAC00 && c <= 0xD7A3) {
        sb.append(c); // Hangul syllables are readable and safe to show
      } else {
        sb.append(String.format("\\u%04x", (int) c));
      }
    }
    if (value.length() > limit) {
      sb.append("...(").append(value.length()).append(" chars)");
    }
    return sb.append('\'').toString();
  }
}
