package dev.ngsign.navercert;

/**
 * The service could not be reached, did not answer in time, or answered something that is not
 * Barocert's protocol (an unparsable reply, an error status without Barocert's error body, a verify
 * result that does not decrypt with the SecretKey). For a request or verify call the outcome is
 * unknown: check with the status call before repeating it (verify succeeds only once).
 */
public final class BarocertTransportException extends BarocertException {
  private static final long serialVersionUID = 1L;

  public BarocertTransportException(String message, Throwable cause) {
    super(message, cause);
  }
}
