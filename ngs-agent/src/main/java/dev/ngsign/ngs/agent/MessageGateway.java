package dev.ngsign.ngs.agent;

/**
 * The port the agent sends through. The production implementation wraps {@code ngs-client}; tests
 * use a scripted fake. One {@link GatewaySession} per account is open at a time on a node, and only
 * while the node holds the account's lease (NGS closes both sessions when an ID logs in twice).
 */
public interface MessageGateway {
  /**
   * Opens (or starts opening) the account's sessions. The session reconnects by itself; sends made
   * while it is down fail their stage.
   *
   * @param account the account to log in with
   * @param reports receives every REPORT of the account; REPORT_ACK is sent only after the returned
   *     stage completes normally
   */
  GatewaySession open(AgentConfig.Account account, ReportSink reports);
}
