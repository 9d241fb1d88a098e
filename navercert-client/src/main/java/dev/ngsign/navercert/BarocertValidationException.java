package dev.ngsign.navercert;

import java.util.OptionalLong;

/**
 * The input was rejected before any network call; nothing was sent. The message names the field and
 * says exactly what is accepted. {@link #rule()} is the code the service answers for the same rule
 * ({@link ErrorCodes} {@code -4500 1xxx}), when there is one.
 */
public final class BarocertValidationException extends BarocertException {
  private static final long serialVersionUID = 1L;

  private final long rule;

  /** A local rule the service has no code for (builder options, verifier input). */
  public BarocertValidationException(String message) {
    this(message, 0);
  }

  /**
   * @param rule the {@link ErrorCodes} constant the service answers for the same rule, or 0
   */
  public BarocertValidationException(String message, long rule) {
    super(message, null);
    this.rule = rule;
  }

  /** The service's code for the broken rule, if the service checks it too. */
  public OptionalLong rule() {
    return rule == 0 ? OptionalLong.empty() : OptionalLong.of(rule);
  }
}
