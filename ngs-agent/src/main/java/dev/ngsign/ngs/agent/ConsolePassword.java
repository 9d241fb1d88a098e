package dev.ngsign.ngs.agent;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The console password as {@code agent.yml} stores it: PBKDF2 with HMAC-SHA256 from the JDK (no
 * extra dependency), a random 16-byte salt and {@value #DEFAULT_ITERATIONS} iterations (OWASP's
 * 2023 figure for PBKDF2-HMAC-SHA256), written {@code pbkdf2-sha256$<iterations>$<salt
 * base64>$<hash base64>}. {@code ./ngsign agent console-password} prints one. The password itself
 * is never stored, logged or echoed.
 */
public final class ConsolePassword {
  /** Iterations of a new hash. */
  public static final int DEFAULT_ITERATIONS = 600_000;

  /** Fewest iterations a configured hash may have (a lower count would make guessing cheap). */
  public static final int MIN_ITERATIONS = 10_000;

  /** Shortest password {@link #hash} accepts. */
  public static final int MIN_LENGTH = 12;

  private static final String SCHEME = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  private ConsolePassword() {}

  /** A new hash of {@code password} with {@link #DEFAULT_ITERATIONS}. */
  public static String hash(char[] password) {
    return hash(password, DEFAULT_ITERATIONS);
  }

  /**
   * A new hash with the given iterations (at least {@link #MIN_ITERATIONS}).
   *
   * @throws ConfigException when the password is shorter than {@link #MIN_LENGTH}
   */
  public static String hash(char[] password, int iterations) {
    if (password.length < MIN_LENGTH) {
      throw new ConfigException(
          "console password: at least " + MIN_LENGTH + " characters (got " + password.length + ")");
    }
    if (iterations < MIN_ITERATIONS) {
      throw new ConfigException(
          "console password: at least " + MIN_ITERATIONS + " iterations (got " + iterations + ")");
    }
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return SCHEME
        + "$"
        + iterations
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(derive(password, salt, iterations));
  }

  /** A random password of 20 letters and digits (the demo's). */
  public static String generate() {
    String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    StringBuilder sb = new StringBuilder(20);
    for (int i = 0; i < 20; i++) {
      sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  /**
   * Whether {@code password} matches {@code stored} (compared in constant time).
   *
   * @throws ConfigException when {@code stored} is not a hash this class wrote
   */
  public static boolean matches(char[] password, String stored) {
    Parsed p = parse(stored);
    byte[] got = derive(password, p.salt, p.iterations);
    try {
      return MessageDigest.isEqual(got, p.hash);
    } finally {
      Arrays.fill(got, (byte) 0);
    }
  }

  /**
   * Checks the form of a configured hash, naming the mistake but never echoing the value.
   *
   * @throws ConfigException when it is not {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}
   */
  public static void checkFormat(String stored) {
    parse(stored);
  }

  private record Parsed(int iterations, byte[] salt, byte[] hash) {}

  private static Parsed parse(String stored) {
    String[] parts = stored.trim().split("\\$");
    if (parts.length != 4 || !parts[0].equals(SCHEME)) {
      throw new ConfigException(
          "console.password-hash: not a hash from './ngsign agent console-password' (expected "
              + SCHEME
              + "$<iterations>$<salt>$<hash>; a plain password does not belong here)");
    }
    int iterations;
    try {
      iterations = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new ConfigException("console.password-hash: the iteration count is not a number");
    }
    if (iterations < MIN_ITERATIONS) {
      throw new ConfigException(
          "console.password-hash: "
              + iterations
              + " iterations is too few (at least "
              + MIN_ITERATIONS
              + ")");
    }
    try {
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] hash = Base64.getDecoder().decode(parts[3]);
      if (salt.length < 8 || hash.length != HASH_BITS / 8) {
        throw new IllegalArgumentException("length");
      }
      return new Parsed(iterations, salt, hash);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("console.password-hash: the salt or hash is not valid base64");
    }
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
    } finally {
      spec.clearPassword();
    }
  }
}
