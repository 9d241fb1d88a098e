package dev.ngsign.ngs.protocol.codec;

/**
 * An {@code nC} field: an n-byte buffer filled from the front and padded with NUL (section 1.2).
 *
 * @param name the spec's field name, used in error messages
 * @param size n, in bytes
 * @param secret true for credentials (PWD, CERT_KEY) whose value must never appear in a message
 */
public record FixedField(String name, int size, boolean secret) {
  public FixedField(String name, int size) {
    this(name, size, false);
  }
}
