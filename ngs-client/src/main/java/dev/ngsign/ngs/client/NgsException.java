package dev.ngsign.ngs.client;

/**
 * Root of every exception the client throws or completes a future with. Unchecked. The subtype says
 * what the caller should do: {@link NgsRejectedException} (the gateway refused: carries the reply),
 * {@link NgsInvalidMessageException} (fix the message), {@link NgsConnectionException} (transport;
 * the client reconnects by itself), {@link NgsTimeoutException}, {@link NgsQueueFullException}
 * (slow down), {@link NgsClosedException}, {@link NgsReportForgottenException} (a late {@code
 * awaitReport}). Messages never contain the password or PWD/CERT_KEY fields.
 */
public class NgsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NgsException(String message) {
    super(message);
  }

  public NgsException(String message, Throwable cause) {
    super(message, cause);
  }
}
