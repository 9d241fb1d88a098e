package dev.ngsign.ngs.client;

/**
 * Something did not happen in time: a DELIVER_ACK within the ACK timeout (the session is then
 * dropped and re-established, and {@link #maybeDelivered()} is true), a message that waited in the
 * queue past its delivery timeout ({@code maybeDelivered()} false), or {@code start()}/{@code
 * sendAndWait} waiting too long.
 */
public class NgsTimeoutException extends NgsConnectionException {
  private static final long serialVersionUID = 1L;

  public NgsTimeoutException(String message, boolean maybeDelivered) {
    super(message, null, maybeDelivered);
  }
}
