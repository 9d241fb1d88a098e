package dev.ngsign.ngs.client;

/** The client is closed (or was never started): nothing more is sent. */
public class NgsClosedException extends NgsException {
  private static final long serialVersionUID = 1L;

  public NgsClosedException(String message) {
    super(message);
  }
}
