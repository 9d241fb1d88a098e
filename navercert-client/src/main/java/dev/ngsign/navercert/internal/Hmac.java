package dev.ngsign.navercert.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two request signatures of the wire, both Base64(HMAC-SHA256(Base64-decoded SecretKey, text)):
 *
 * <ul>
 *   <li>Linkhub token request: {@code "POST\n" + Base64(SHA-256(body)) + "\n" + x-lh-date + "\n" +
 *       [x-lh-forwarded + "\n"] + x-lh-version + "\n" + path} (no trailing newline), sent as {@code
 *       Authorization: LINKHUB {LinkID} {sig}}.
 *   <li>Service POST: {@code "POST\n" + Base64(SHA-256(body)) + "\n" + x-bc-date + "\n" + path +
 *       "\n"}, sent as {@code x-bc-auth}.
 * </ul>
 */
public final class Hmac {
  private Hmac() {}

  public static String linkhubSignature(
      byte[] key, byte[] body, String lhDate, String forwarded, String version, String path) {
    StringBuilder sb = new StringBuilder("POST\n");
    sb.append(sha256Base64(body)).append('\n');
    sb.append(lhDate).append('\n');
    if (forwarded != null && !forwarded.isEmpty()) {
      sb.append(forwarded).append('\n');
    }
    sb.append(version).append('\n');
    sb.append(path);
    return hmac(key, sb.toString());
  }

  public static String bcAuth(byte[] key, byte[] body, String bcDate, String path) {
    return hmac(key, "POST\n" + sha256Base64(body) + "\n" + bcDate + "\n" + path + "\n");
  }

  public static String sha256Base64(byte[] body) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Constant-time comparison of two signatures. */
  public static boolean matches(String expected, String actual) {
    if (actual == null) {
      return false;
    }
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII), actual.getBytes(StandardCharsets.US_ASCII));
  }

  private static String hmac(byte[] key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
