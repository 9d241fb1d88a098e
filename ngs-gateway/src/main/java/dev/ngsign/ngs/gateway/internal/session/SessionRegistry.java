package dev.ngsign.ngs.gateway.internal.session;

import dev.ngsign.ngs.protocol.packet.SessionKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bound sessions by (account, kind). Enforces "동일한 ID로 중복으로 접속 할 경우 두 접속 모두 종료" (section 1.2):
 * registering a second session of a kind removes the first and reports it, so the caller closes
 * both.
 */
public final class SessionRegistry {
  private record Key(String account, SessionKind kind) {}

  private final ConcurrentHashMap<Key, GatewaySession> sessions = new ConcurrentHashMap<>();

  /**
   * Registers {@code s}; returns null when it is the only session of its kind, or the existing one,
   * which has been removed (the new one is then not registered: both must close).
   */
  public GatewaySession register(GatewaySession s) {
    Key key = new Key(s.account().id(), s.kind());
    GatewaySession[] existing = new GatewaySession[1];
    sessions.compute(
        key,
        (k, old) -> {
          if (old == null) {
            return s;
          }
          existing[0] = old;
          return null;
        });
    return existing[0];
  }

  /** Removes {@code s} if it is still the registered one. */
  public void unregister(GatewaySession s) {
    sessions.remove(new Key(s.account().id(), s.kind()), s);
  }

  public GatewaySession get(String account, SessionKind kind) {
    return sessions.get(new Key(account, kind));
  }

  /** Sessions of an account; {@code kind} null for both. */
  public List<GatewaySession> of(String account, SessionKind kind) {
    List<GatewaySession> out = new ArrayList<>(2);
    for (SessionKind k : SessionKind.values()) {
      if (kind == null || kind == k) {
        GatewaySession s = get(account, k);
        if (s != null) {
          out.add(s);
        }
      }
    }
    return out;
  }

  public List<GatewaySession> all() {
    return new ArrayList<>(sessions.values());
  }
}
