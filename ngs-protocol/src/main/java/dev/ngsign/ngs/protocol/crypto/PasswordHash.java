package dev.ngsign.ngs.protocol.crypto;

import dev.ngsign.ngs.protocol.ResultCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The account password's SHA-256 as 64 lowercase hex characters (section 5.1): the material keys
 * are cut from, and the plaintext of the PWD field (section 5.2). Holding the hash instead of the
 * password means the password itself need not be kept.
 */
public final class PasswordHash {
  /** Length of the hex hash. */
  public static final int HEX_LENGTH = 64;

  private final byte[] hex; // 64 ASCII bytes

  private PasswordHash(byte[] hex) {
    this.hex = hex;
  }

  /** Hashes a password (its UTF-8 bytes). */
  public static PasswordHash of(String password) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
      return new PasswordHash(HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK without SHA-256", e);
    }
  }

  /** The body/PWD key at {@code keyPos} (0..64). */
  public NgsKey key(int keyPos) {
    if (keyPos < 0 || keyPos > HEX_LENGTH) {
      throw new NgsCryptoException(
          "KEYPOS", keyPos + " is outside 0..64", ResultCode.E_INVALID_KEYPOS, null);
    }
    byte[] key = new byte[NgsKey.KEY_SIZE]; // NUL-padded when fewer than 32 characters remain
    System.arraycopy(hex, keyPos, key, 0, Math.min(NgsKey.KEY_SIZE, HEX_LENGTH - keyPos));
    return new NgsKey(key, keyPos);
  }

  /**
   * The PWD field for CERT/BIND: Base64(AES-256-CBC(key at keyPos, the 64 hex characters)), 108
   * characters.
   */
  public String pwdField(int keyPos) {
    return Base64.getEncoder().encodeToString(key(keyPos).encrypt(hex));
  }

  /**
   * True when {@code pwd} is this password's PWD field at {@code keyPos}; compares in constant
   * time.
   */
  public boolean matchesPwdField(String pwd, int keyPos) {
    if (keyPos < 0 || keyPos > HEX_LENGTH) {
      return false;
    }
    byte[] expected = pwdField(keyPos).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, pwd.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PasswordHash p && MessageDigest.isEqual(p.hex, hex);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hex);
  }

  @Override
  public String toString() {
    return "PasswordHash[hidden]";
  }
}
