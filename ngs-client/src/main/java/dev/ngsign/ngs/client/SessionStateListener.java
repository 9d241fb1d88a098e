package dev.ngsign.ngs.client;

/**
 * Told of every {@link SessionState} change of either session, in order, on the client's I/O
 * thread: return quickly and do not block. An exception thrown here is logged and ignored.
 */
@FunctionalInterface
public interface SessionStateListener {
  void onSessionState(SessionState state);
}
