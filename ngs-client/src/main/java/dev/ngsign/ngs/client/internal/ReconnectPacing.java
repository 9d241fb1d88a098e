package dev.ngsign.ngs.client.internal;

/**
 * Which attempt number the reconnect strategy is asked for next. The spec (1.2) asks for a
 * reconnect about 5 s after a drop and warns that excessive connection requests in a short time
 * lock the account. So a login the gateway refused (CERT_ACK or BIND_ACK with a failure code, EVENT
 * 0 during login) counts one more and the strategy backs off; an attempt the gateway never answered
 * (connection refused or reset, no CERT_ACK in time: it is down or restarting) keeps the count
 * where it was (at least 1), so a restarting gateway is tried every first-attempt delay (5–6 s by
 * default, about the spec's 5 s) instead of 10, 20, 40 s later.
 */
final class ReconnectPacing {
  private ReconnectPacing() {}

  /**
   * @param failed attempts counted so far since the last bind (0 right after a drop)
   * @param refused the gateway answered the attempt that just failed with a refusal
   * @return the attempt number for the next delay, also the new count
   */
  static int next(int failed, boolean refused) {
    return refused ? failed + 1 : Math.max(failed, 1);
  }
}
