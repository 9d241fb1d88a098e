package dev.ngsign.ngs.client;

/**
 * Where the client's pair of sessions stands. Sends are accepted (queued) in every state before
 * {@link #CLOSING}; they go on the wire only while {@link #BOUND}.
 */
public enum ConnectionState {
  /** Built, {@code start()} not called yet. */
  NEW,
  /** First CERT → BIND DLV + BIND REP in progress. */
  CONNECTING,
  /** Both sessions bound: the client holds the account and sends. */
  BOUND,
  /** A session dropped (I/O error, ACK timeout, EVENT 0, ...); in-flight sends were failed. */
  DISCONNECTED,
  /** Waiting out the reconnect delay, or re-doing CERT and BIND. */
  RECONNECTING,
  /** {@code close()} called: draining in-flight sends. */
  CLOSING,
  /** Closed for good. */
  CLOSED
}
