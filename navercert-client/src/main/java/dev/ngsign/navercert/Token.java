package dev.ngsign.navercert;

import dev.ngsign.navercert.internal.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * One document to sign: its {@link TokenType} and the token (text, or a hash). Create with {@link
 * #text}, {@link #hash} or {@link #pdf}. The token travels encrypted; {@link #toString()} shows
 * only the type and length.
 *
 * @param tokenType what the token is
 * @param token TEXT: 1 to 2800 characters; HASH and PDF: the document's SHA-256 in Base64url
 *     without padding, exactly 43 characters of {@code A-Z a-z 0-9 - _}
 */
public record Token(TokenType tokenType, String token) {

  public Token {
    if (tokenType == null) {
      throw new BarocertValidationException(
          "tokenType is required (TEXT, HASH or PDF)", ErrorCodes.TOKEN_TYPE_INVALID);
    }
    Checks.token(tokenType, token);
  }

  /** HASH and PDF: the 32 digest bytes the token encodes. */
  public byte[] digest() {
    if (tokenType == TokenType.TEXT) {
      throw new IllegalStateException("a TEXT token has no digest");
    }
    return Base64.getUrlDecoder().decode(token);
  }

  /** A plain-text document shown to the person. */
  public static Token text(String text) {
    return new Token(TokenType.TEXT, text);
  }

  /**
   * A hash the caller computed: SHA-256 of the document, Base64url without padding (43 characters).
   * The person signs this digest (a detached signature), so the document itself need not leave you.
   */
  public static Token hash(String hash) {
    return new Token(TokenType.HASH, hash);
  }

  /** A PDF, hashed here: SHA-256 then Base64 URL-safe without padding. */
  public static Token pdf(byte[] pdfBytes) {
    Objects.requireNonNull(pdfBytes, "pdfBytes");
    return new Token(TokenType.PDF, sha256Base64Url(pdfBytes));
  }

  /**
   * A PDF file, streamed and hashed here: SHA-256 then Base64 URL-safe without padding.
   *
   * @throws BarocertValidationException when the file cannot be read
   */
  public static Token pdf(Path pdfFile) {
    Objects.requireNonNull(pdfFile, "pdfFile");
    MessageDigest md = sha256();
    try (InputStream in = Files.newInputStream(pdfFile)) {
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    } catch (IOException e) {
      throw new BarocertValidationException(
          "cannot read the PDF file " + pdfFile + ": " + e.getMessage());
    }
    return new Token(
        TokenType.PDF, Base64.getUrlEncoder().withoutPadding().encodeToString(md.digest()));
  }

  /** SHA-256 of the bytes, Base64 URL-safe without padding (the HASH/PDF token format). */
  public static String sha256Base64Url(byte[] data) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256().digest(data));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "Token[" + tokenType + ", " + token.length() + " chars]";
  }
}
