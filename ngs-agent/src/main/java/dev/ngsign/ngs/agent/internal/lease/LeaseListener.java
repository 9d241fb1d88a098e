package dev.ngsign.ngs.agent.internal.lease;

/** What the coordinator tells the agent. Called on the coordinator's thread. */
public interface LeaseListener {
  /** This node now holds the account under {@code fence}; start sending. */
  void acquired(String account, long fence);

  /**
   * Stop sending for the account now: the lease is lost or about to expire (renewal failed), or it
   * is being handed to another node. Return only once nothing more will be sent under {@code
   * fence}.
   */
  void stop(String account, long fence);
}
