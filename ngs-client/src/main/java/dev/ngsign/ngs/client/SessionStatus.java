package dev.ngsign.ngs.client;

/**
 * What one NGS session (deliver or report) is doing, in the operator's words. A failure status
 * stays through the client's retries until the next attempt ends differently, so it reads "login
 * refused since 10:02", not a flicker between connecting and refused.
 */
public enum SessionStatus {
  /** Built, {@code start()} not called yet. */
  NEW,
  /** Logging in (CERT, then BIND) for the first time, or again after a bound session dropped. */
  CONNECTING,
  /** Bound: the session carries DELIVERs (deliver) or REPORTs (report). */
  BOUND,
  /**
   * CERT or BIND was refused with an NGS code (wrong password, unknown ID, address not allowed,
   * duplicate session, ...): {@link SessionState#code()} holds it. Retrying does not help until the
   * configuration or the gateway's account changes.
   */
  LOGIN_REFUSED,
  /** The gateway refused the login because the account is locked (E_ACCOUNT_LOCKED, 1004). */
  LOCKED,
  /**
   * The cert server could not be reached or did not answer (connection refused, connect or CERT_ACK
   * timeout, closed before CERT_ACK): the gateway is down or the network in between.
   */
  CERT_SERVER_UNREACHABLE,
  /**
   * CERT succeeded but the session's own port (named by CERT_ACK) could not be reached, did not
   * answer BIND in time or closed before BIND_ACK. (A bound session that drops shows {@link
   * #CONNECTING} until its next login ends.)
   */
  GATEWAY_UNREACHABLE,
  /** The client was closed. */
  CLOSED;

  /** True for the statuses that mean the last login attempt failed. */
  public boolean failed() {
    return this == LOGIN_REFUSED
        || this == LOCKED
        || this == CERT_SERVER_UNREACHABLE
        || this == GATEWAY_UNREACHABLE;
  }
}
