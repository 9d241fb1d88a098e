package dev.ngsign.navercert.internal;

import dev.ngsign.navercert.EncryptionMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Field encryption of the wire: AES-256 under the Base64-decoded SecretKey, a random IV prepended,
 * Base64. GCM: 12-byte IV, 128-bit tag appended; CBC: 16-byte IV, PKCS#5.
 */
public final class FieldCipher {
  public static final int GCM_IV = 12;
  public static final int GCM_TAG_BITS = 128;
  public static final int CBC_IV = 16;

  private static final SecureRandom RANDOM = new SecureRandom();

  private FieldCipher() {}

  public static String encrypt(EncryptionMode mode, byte[] key, String plaintext) {
    byte[] data = plaintext.getBytes(StandardCharsets.UTF_8);
    try {
      SecretKeySpec k = new SecretKeySpec(key, "AES");
      if (mode == EncryptionMode.GCM) {
        byte[] iv = new byte[GCM_IV];
        RANDOM.nextBytes(iv);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, k, new GCMParameterSpec(GCM_TAG_BITS, iv));
        return b64(iv, c.doFinal(data));
      }
      byte[] iv = new byte[CBC_IV];
      RANDOM.nextBytes(iv);
      Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
      c.init(Cipher.ENCRYPT_MODE, k, new IvParameterSpec(iv));
      return b64(iv, c.doFinal(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES encryption failed (is the SecretKey 32 bytes?)", e);
    }
  }

  /**
   * @throws GeneralSecurityException when the text is not a ciphertext under this key and mode
   */
  public static String decrypt(EncryptionMode mode, byte[] key, String base64)
      throws GeneralSecurityException {
    byte[] all;
    try {
      all = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("not Base64");
    }
    SecretKeySpec k = new SecretKeySpec(key, "AES");
    if (mode == EncryptionMode.GCM) {
      if (all.length < GCM_IV + GCM_TAG_BITS / 8) {
        throw new GeneralSecurityException("ciphertext too short");
      }
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, k, new GCMParameterSpec(GCM_TAG_BITS, all, 0, GCM_IV));
      return new String(c.doFinal(all, GCM_IV, all.length - GCM_IV), StandardCharsets.UTF_8);
    }
    if (all.length < CBC_IV + 16) {
      throw new GeneralSecurityException("ciphertext too short");
    }
    Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
    c.init(Cipher.DECRYPT_MODE, k, new IvParameterSpec(all, 0, CBC_IV));
    return new String(c.doFinal(all, CBC_IV, all.length - CBC_IV), StandardCharsets.UTF_8);
  }

  private static String b64(byte[] iv, byte[] body) {
    return Base64.getEncoder()
        .encodeToString(ByteBuffer.allocate(iv.length + body.length).put(iv).put(body).array());
  }
}
