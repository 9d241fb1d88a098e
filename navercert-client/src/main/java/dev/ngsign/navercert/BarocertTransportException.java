package dev.ngsign.navercert;

/**
 * The service could not be reached or answered something that is not Barocert's protocol (timeout,
 * connection refused, unparsable reply). For a request or verify call the outcome is unknown: check
 * with {@code getMultiSignStatus} before repeating it.
 */
public final class BarocertTransportException extends BarocertException {
  private static final long serialVersionUID = 1L;

  public BarocertTransportException(String message, Throwable cause) {
    super(LOCAL_ERROR, message, cause);
  }
}
