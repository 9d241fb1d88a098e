package dev.ngsign.navercert;

/**
 * How personal fields and tokens are encrypted under the SecretKey (sent as {@code
 * x-bc-encryptionmode}). GCM is the default, as in Barocert's SDKs on Java 8+.
 */
public enum EncryptionMode {
  /** AES-256-GCM, 12-byte random IV, 128-bit tag: Base64(IV ‖ ciphertext ‖ tag). */
  GCM,
  /** AES-256-CBC, 16-byte random IV, PKCS#5 padding: Base64(IV ‖ ciphertext). */
  CBC
}
