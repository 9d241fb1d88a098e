package dev.ngsign.ngs.protocol.crypto;

import dev.ngsign.ngs.protocol.ResultCode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A 32-byte AES-256 key (section 5.1): 32 characters of the password hash from KEYPOS, NUL-padded
 * when fewer remain (KEYPOS 60 gives {@code "1087"} + 28 NULs in the spec's example).
 */
public final class NgsKey {
  public static final int KEY_SIZE = 32;
  static final String TRANSFORMATION = "AES/CBC/PKCS5Padding";
  static final IvParameterSpec ZERO_IV = new IvParameterSpec(new byte[16]);

  private final SecretKeySpec key;
  private final int keyPos;

  NgsKey(byte[] key, int keyPos) {
    this.key = new SecretKeySpec(key, "AES");
    this.keyPos = keyPos;
  }

  /**
   * A key given as its characters, as the spec's example does ({@code
   * 31a8b1b3f3618da796271c9aa293b3f8} at offset 12); shorter strings are NUL-padded.
   */
  public static NgsKey ofKeyString(String key) {
    byte[] bytes = key.getBytes(StandardCharsets.US_ASCII);
    if (bytes.length > KEY_SIZE) {
      throw new NgsCryptoException(
          "key",
          "is " + bytes.length + " characters; a key has at most 32",
          ResultCode.E_INVALID_KEYPOS,
          null);
    }
    byte[] padded = new byte[KEY_SIZE];
    System.arraycopy(bytes, 0, padded, 0, bytes.length);
    return new NgsKey(padded, -1);
  }

  /** The KEYPOS this key was cut at, or -1 when it was given directly. */
  public int keyPos() {
    return keyPos;
  }

  /** A cipher for the bodies of one encrypted session (not thread-safe: one per session). */
  public BodyCipher bodyCipher() {
    return new BodyCipher(key);
  }

  byte[] encrypt(byte[] plain) {
    return run(Cipher.ENCRYPT_MODE, plain, "PWD");
  }

  /** Decrypts a PWD field (for inspection tools); the result is the password hash, a secret. */
  public byte[] decryptPwdField(String pwd) {
    byte[] c;
    try {
      c = Base64.getDecoder().decode(pwd);
    } catch (IllegalArgumentException e) {
      throw new NgsCryptoException(
          "PWD", "is not Base64 (" + pwd.length() + " chars)", ResultCode.E_AUTH_FAIL, null);
    }
    return run(Cipher.DECRYPT_MODE, c, "PWD");
  }

  private byte[] run(int mode, byte[] in, String field) {
    try {
      Cipher c = Cipher.getInstance(TRANSFORMATION);
      c.init(mode, key, ZERO_IV);
      return c.doFinal(in);
    } catch (GeneralSecurityException e) {
      throw new NgsCryptoException(
          field,
          "does not decrypt with the key at KEYPOS "
              + keyPos
              + " ("
              + e.getClass().getSimpleName()
              + "): wrong password or KEYPOS?",
          ResultCode.E_AUTH_FAIL,
          null);
    }
  }

  @Override
  public String toString() {
    return "NgsKey[keyPos=" + keyPos + "]";
  }
}
