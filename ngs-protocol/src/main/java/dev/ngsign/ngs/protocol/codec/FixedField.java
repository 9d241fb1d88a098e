package dev.ngsign.ngs.protocol.codec;

import dev.ngsign.ngs.protocol.NgsProtocolException;

/**
 * An {@code nC} field: an n-byte buffer filled from the front and padded with NUL (section 1.2).
 *
 * @param name the spec's field name, used in error messages
 * @param size n, in bytes
 * @param sensitivity how much of a value an error message may show
 */
public record FixedField(String name, int size, Sensitivity sensitivity) {

  /** What an error message may reveal of a field's value. */
  public enum Sensitivity {
    /** Codes, IDs, numbers: shown. */
    PUBLIC,
    /** A person's phone number: shown masked, e.g. {@code 010-****-**78}. */
    PERSONAL,
    /** Credentials and message content: only the length. */
    CONFIDENTIAL
  }

  public FixedField(String name, int size) {
    this(name, size, Sensitivity.PUBLIC);
  }

  /** The value as an error message may show it. */
  public String render(String value) {
    return switch (sensitivity) {
      case PUBLIC -> NgsProtocolException.show(value);
      case PERSONAL -> NgsProtocolException.mask(value);
      case CONFIDENTIAL -> "(" + value.length() + " characters)";
    };
  }
}
