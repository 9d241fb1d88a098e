package dev.ngsign.ngs.client;

/**
 * The connection failed or was lost. For a send this means the DELIVER may or may not have reached
 * the gateway ({@link #maybeDelivered()}); the client reconnects by itself.
 */
public class NgsConnectionException extends NgsException {
  private static final long serialVersionUID = 1L;

  private final boolean maybeDelivered;

  public NgsConnectionException(String message, Throwable cause) {
    this(message, cause, false);
  }

  public NgsConnectionException(String message, Throwable cause, boolean maybeDelivered) {
    super(message, cause);
    this.maybeDelivered = maybeDelivered;
  }

  /**
   * True when the DELIVER was written to the socket but its DELIVER_ACK never came: the gateway may
   * have taken it. Re-send with the same SERIAL if the gateway deduplicates, or look the outcome up
   * via the report.
   */
  public boolean maybeDelivered() {
    return maybeDelivered;
  }
}
