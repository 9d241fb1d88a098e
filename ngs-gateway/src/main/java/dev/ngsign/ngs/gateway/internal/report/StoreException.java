package dev.ngsign.ngs.gateway.internal.report;

/** The store could not be opened, read or written; the message says what and where. */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
