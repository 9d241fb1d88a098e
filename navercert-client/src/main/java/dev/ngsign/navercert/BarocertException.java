package dev.ngsign.navercert;

/**
 * Root of every failure this SDK reports (unchecked), closed to three kinds that each say what the
 * caller must do:
 *
 * <ul>
 *   <li>{@link BarocertValidationException} — the input broke a rule; nothing was sent. Fix the
 *       input.
 *   <li>{@link BarocertTransportException} — the service could not be reached, did not answer in
 *       time, or answered something that is not its protocol. For a request or verify call the
 *       outcome is unknown: check the status before repeating it.
 *   <li>{@link BarocertServiceException} — the service answered with an error: its code, the HTTP
 *       status and the body.
 * </ul>
 *
 * <p>Only a service error has a code: failures on this side are told apart by their type, not by a
 * catch-all number. Messages never contain the SecretKey or personal data.
 */
public abstract sealed class BarocertException extends RuntimeException
    permits BarocertValidationException, BarocertTransportException, BarocertServiceException {
  private static final long serialVersionUID = 1L;

  BarocertException(String message, Throwable cause) {
    super(message, cause);
  }
}
