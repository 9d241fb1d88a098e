package dev.ngsign.ngs.agent.internal.store;

import dev.ngsign.ngs.agent.AgentException;

/**
 * An operator action the rows' state does not allow (resend of a row that is not FAILED or EXPIRED,
 * cancel of a row already claimed, pause of a paused account, ...): nothing was changed. The
 * message is one sentence for the page, naming the row or account and its state, never personal
 * data.
 */
public final class ActionRefused extends AgentException {
  private static final long serialVersionUID = 1L;

  public ActionRefused(String message) {
    super(message);
  }
}
