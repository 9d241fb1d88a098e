package dev.ngsign.ngs.agent;

/** The configuration is missing, unreadable or wrong; the message names the key. */
public final class ConfigException extends AgentException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
