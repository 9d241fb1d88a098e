package dev.ngsign.ngs.gateway.internal.cert;

import dev.ngsign.ngs.protocol.packet.SessionKind;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CERT_KEYs issued by the cert server. A key is 64 characters (Base64 of 48 random bytes, like the
 * spec's example), belongs to one account, is valid for {@code bindWindow} after CERT_ACK, and
 * binds each KIND once. Shared by all listeners: concurrent map, per-key state changed atomically
 * with {@code compute}.
 */
public final class CertKeyRegistry {
  /** Why a BIND's CERT_KEY was refused; null from {@link #claim} means it was accepted. */
  public enum Refusal {
    UNKNOWN("CERT_KEY unknown"),
    OTHER_ACCOUNT("CERT_KEY issued to another ID"),
    EXPIRED("CERT_KEY expired: CERT again"),
    ALREADY_USED("CERT_KEY already bound this KIND");

    private final String message;

    Refusal(String message) {
      this.message = message;
    }

    public String message() {
      return message;
    }
  }

  private record Issued(String account, long issuedMillis, Set<SessionKind> used) {}

  private final SecureRandom random = new SecureRandom();
  private final ConcurrentHashMap<String, Issued> keys = new ConcurrentHashMap<>();
  private final Duration bindWindow;

  public CertKeyRegistry(Duration bindWindow) {
    this.bindWindow = bindWindow;
  }

  /** Issues a new key for {@code account} at {@code nowMillis}. */
  public String issue(String account, long nowMillis) {
    byte[] b = new byte[48];
    random.nextBytes(b);
    String key = Base64.getEncoder().encodeToString(b);
    keys.put(key, new Issued(account, nowMillis, EnumSet.noneOf(SessionKind.class)));
    sweep(nowMillis);
    return key;
  }

  /** Checks and uses the key for a BIND of {@code kind}; null when accepted. */
  public Refusal claim(String key, String account, SessionKind kind, long nowMillis) {
    Refusal[] out = new Refusal[1];
    keys.computeIfPresent(
        key,
        (k, issued) -> {
          if (!issued.account.equals(account)) {
            out[0] = Refusal.OTHER_ACCOUNT;
          } else if (nowMillis - issued.issuedMillis > bindWindow.toMillis()
              || nowMillis < issued.issuedMillis) {
            out[0] = Refusal.EXPIRED;
          } else if (issued.used.contains(kind)) {
            out[0] = Refusal.ALREADY_USED;
          } else {
            Set<SessionKind> used = EnumSet.noneOf(SessionKind.class);
            used.addAll(issued.used);
            used.add(kind);
            return new Issued(issued.account, issued.issuedMillis, used);
          }
          return issued;
        });
    if (!keys.containsKey(key)) {
      return Refusal.UNKNOWN;
    }
    return out[0];
  }

  /**
   * Forgets keys well past their window (kept a while longer to answer "expired" rather than
   * "unknown").
   */
  private void sweep(long nowMillis) {
    long keep = bindWindow.toMillis() * 10 + 60_000;
    keys.values().removeIf(i -> nowMillis - i.issuedMillis > keep);
  }

  @Override
  public String toString() {
    return "CertKeyRegistry[" + keys.size() + " keys]";
  }
}
