package dev.ngsign.navercert;

import java.util.Locale;

/** What a {@link Token#token()} holds. */
public enum TokenType {
  /** The document text itself (shown to the person). */
  TEXT,
  /** A hash of the document, computed by the caller (SHA-256, Base64 URL-safe without padding). */
  HASH,
  /** A hash of a PDF file (SHA-256, Base64 URL-safe without padding); see {@link Token#pdf}. */
  PDF;

  /**
   * Parses a wire or command-line value, case-insensitively.
   *
   * @throws BarocertValidationException for an unknown type
   */
  public static TokenType parse(String value) {
    if (value == null || value.isBlank()) {
      throw new BarocertValidationException(
          "token type is required (TEXT, HASH or PDF)", ErrorCodes.TOKEN_TYPE_INVALID);
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BarocertValidationException(
          "unknown token type '" + value + "' (expected TEXT, HASH or PDF)",
          ErrorCodes.TOKEN_TYPE_INVALID);
    }
  }
}
