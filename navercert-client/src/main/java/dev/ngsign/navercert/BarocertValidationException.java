package dev.ngsign.navercert;

/**
 * The input was rejected before any network call; nothing was sent. Fix the input and retry. {@link
 * #code()} is {@link ErrorCodes#LOCAL} (-99999999) as in Barocert's SDKs; {@link #rule()} names the
 * broken rule with the code the service uses for it.
 */
public final class BarocertValidationException extends BarocertException {
  private static final long serialVersionUID = 1L;

  private final long rule;

  public BarocertValidationException(String message) {
    this(message, LOCAL_ERROR);
  }

  /**
   * @param rule the {@link ErrorCodes} constant the service answers for the same rule
   */
  public BarocertValidationException(String message, long rule) {
    super(LOCAL_ERROR, message);
    this.rule = rule;
  }

  /** The service-side code of the broken rule ({@link ErrorCodes} 1xxx), or -99999999. */
  public long rule() {
    return rule;
  }
}
