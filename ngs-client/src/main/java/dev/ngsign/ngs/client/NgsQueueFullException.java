package dev.ngsign.ngs.client;

/**
 * The send queue stayed full for longer than {@link NgsClientBuilder#maxBlock} allows: the caller
 * is sending faster than the account's TPS and window let through. Slow down or retry later.
 */
public class NgsQueueFullException extends NgsException {
  private static final long serialVersionUID = 1L;

  public NgsQueueFullException(String message) {
    super(message);
  }
}
