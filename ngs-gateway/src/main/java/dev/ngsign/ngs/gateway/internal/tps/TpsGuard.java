package dev.ngsign.ngs.gateway.internal.tps;

import dev.ngsign.ngs.protocol.packet.TpsClass;
import dev.ngsign.ngs.protocol.packet.TpsLimits;

/**
 * The three TPS classes of an account (BIND_ACK: SMS; LMS+MMS; AlimTalk+FriendTalk), each a
 * one-second sliding window. A limit of {@value TpsLimits#MAX} is unlimited and costs nothing.
 * Excess is refused (E_TPS_OVER), never queued or delayed. Not thread-safe: the deliver session's
 * event loop only.
 */
public final class TpsGuard {
  public static final long WINDOW_MILLIS = 1000;
  private final SlidingWindow[] windows = {
    new SlidingWindow(WINDOW_MILLIS),
    new SlidingWindow(WINDOW_MILLIS),
    new SlidingWindow(WINDOW_MILLIS)
  };

  public boolean tryAcquire(TpsClass c, TpsLimits limits, long nowMillis) {
    int limit = limits.limitFor(c);
    if (limit >= TpsLimits.MAX) {
      return true;
    }
    return windows[c.ordinal()].tryAcquire(nowMillis, limit);
  }
}
