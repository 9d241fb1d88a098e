package dev.ngsign.ngs.agent;

/** The root of the agent's unchecked exceptions: bad configuration, database or schema failures. */
public class AgentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AgentException(String message) {
    super(message);
  }

  public AgentException(String message, Throwable cause) {
    super(message, cause);
  }
}
