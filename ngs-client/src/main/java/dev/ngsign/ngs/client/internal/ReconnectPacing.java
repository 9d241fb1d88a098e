package dev.ngsign.ngs.client.internal;

/**
 * Which attempt number the reconnect strategy is asked for next. Every attempt that reached the
 * gateway (a CERT was read, a login refused, a BIND timed out) counts one more, so logins that keep
 * failing back off as the spec's lock warning asks. An attempt whose connection to the cert server
 * was refused or timed out sent nothing: it keeps the count where it was (at least 1), so a gateway
 * that is restarting is tried again every first-attempt delay (5–6 s by default) instead of 10, 20,
 * 40 s later.
 */
final class ReconnectPacing {
  private ReconnectPacing() {}

  /**
   * @param failed attempts counted so far since the last bind (0 right after a drop)
   * @param unreachable the attempt that just failed could not connect to the cert server
   * @return the attempt number for the next delay, also the new count
   */
  static int next(int failed, boolean unreachable) {
    return unreachable ? Math.max(failed, 1) : failed + 1;
  }
}
