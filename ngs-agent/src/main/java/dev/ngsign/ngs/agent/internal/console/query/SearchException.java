package dev.ngsign.ngs.agent.internal.console.query;

import dev.ngsign.ngs.agent.AgentException;

/**
 * A search the console refuses or could not finish: a field with a bad value (named, with the value
 * unless it is personal data), or a search the database did not answer within its time limit.
 */
public final class SearchException extends AgentException {
  private static final long serialVersionUID = 1L;

  public SearchException(String message) {
    super(message);
  }
}
