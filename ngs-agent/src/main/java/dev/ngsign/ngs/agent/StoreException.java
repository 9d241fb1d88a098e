package dev.ngsign.ngs.agent;

/** A database statement failed; the agent retries the work on its next round. */
public final class StoreException extends AgentException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
