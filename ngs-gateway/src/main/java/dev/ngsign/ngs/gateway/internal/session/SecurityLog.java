package dev.ngsign.ngs.gateway.internal.session;

import java.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator must see about attacks and misconfigured clients — malformed packets, failed
 * logins, locked IDs — logged at WARN with the peer's address, at most {@link #PER_MINUTE} lines
 * per kind a minute (a flood must not fill the disk); the lines held back are counted in the next
 * line that is written. IDs are client input: only printable ASCII is shown, at most 20 characters.
 * Never a password, PWD or CERT_KEY.
 */
public final class SecurityLog {
  static final int PER_MINUTE = 20;
  private static final Logger log = LoggerFactory.getLogger("dev.ngsign.ngs.gateway.security");

  /** The kinds, each rate-limited on its own. */
  public enum Kind {
    MALFORMED,
    LOGIN_FAILED,
    LOCKED
  }

  private static final long[] windowStart = new long[Kind.values().length];
  private static final int[] used = new int[Kind.values().length];
  private static final long[] heldBack = new long[Kind.values().length];

  private SecurityLog() {}

  /** Logs {@code what} from {@code peer} unless this kind already used its lines this minute. */
  public static void warn(Kind kind, SocketAddress peer, String what) {
    long now = System.currentTimeMillis();
    long held;
    synchronized (SecurityLog.class) {
      int k = kind.ordinal();
      if (now - windowStart[k] >= 60_000) {
        windowStart[k] = now;
        used[k] = 0;
      }
      if (used[k] >= PER_MINUTE) {
        heldBack[k]++;
        return;
      }
      used[k]++;
      held = heldBack[k];
      heldBack[k] = 0;
    }
    log.warn(
        "{} from {}: {}{}",
        kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
        peer,
        what,
        held == 0 ? "" : " (" + held + " similar lines held back)");
  }

  /** An ID as it may appear in a log line. */
  public static String id(String id) {
    if (id == null) {
      return "?";
    }
    StringBuilder sb = new StringBuilder(Math.min(id.length(), 20));
    for (int i = 0; i < id.length() && sb.length() < 20; i++) {
      char c = id.charAt(i);
      sb.append(c > 0x20 && c < 0x7f ? c : '?');
    }
    return sb.toString();
  }
}
