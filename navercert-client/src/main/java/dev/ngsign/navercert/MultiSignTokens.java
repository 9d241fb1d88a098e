package dev.ngsign.navercert;

import dev.ngsign.navercert.internal.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * One document to sign: its {@link TokenType} and the token (text, or a hash). Create with {@link
 * #text}, {@link #hash} or {@link #pdf}. The token travels encrypted; {@link #toString()} shows only
 * the type and length.
 *
 * @param tokenType what the token is
 * @param token at most 2800 characters
 */
public record MultiSignTokens(TokenType tokenType, String token) {

  public MultiSignTokens {
    Objects.requireNonNull(tokenType, "tokenType");
    if (token == null || token.isEmpty()) {
      throw new BarocertValidationException("token is empty", ErrorCodes.TOKEN_MISSING_DOC);
    }
    if (token.length() > Checks.TOKEN_MAX) {
      throw new BarocertValidationException(
          "token must be at most 2800 characters, was " + token.length(),
          ErrorCodes.TOKEN_TOO_LONG);
    }
  }

  /** A plain-text document shown to the person. */
  public static MultiSignTokens text(String text) {
    return new MultiSignTokens(TokenType.TEXT, text);
  }

  /** A hash the caller computed (SHA-256, Base64 URL-safe without padding, by convention). */
  public static MultiSignTokens hash(String hash) {
    return new MultiSignTokens(TokenType.HASH, hash);
  }

  /** A PDF, hashed here: SHA-256 then Base64 URL-safe without padding. */
  public static MultiSignTokens pdf(byte[] pdfBytes) {
    Objects.requireNonNull(pdfBytes, "pdfBytes");
    return new MultiSignTokens(TokenType.PDF, sha256Base64Url(pdfBytes));
  }

  /**
   * A PDF file, streamed and hashed here: SHA-256 then Base64 URL-safe without padding.
   *
   * @throws UncheckedIOException when the file cannot be read
   */
  public static MultiSignTokens pdf(Path pdfFile) {
    Objects.requireNonNull(pdfFile, "pdfFile");
    MessageDigest md = sha256();
    try (InputStream in = Files.newInputStream(pdfFile)) {
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read PDF " + pdfFile, e);
    }
    return new MultiSignTokens(
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
    return "MultiSignTokens[" + tokenType + ", " + token.length() + " chars]";
  }
}
