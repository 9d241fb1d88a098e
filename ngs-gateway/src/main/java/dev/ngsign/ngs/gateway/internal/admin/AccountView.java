package dev.ngsign.ngs.gateway.internal.admin;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One account as {@code GET /accounts} shows it: configuration without the password, lock, quota
 * and counters. The components' names and order are the JSON's.
 *
 * @param lockedUntil when the connect lock ends; null when not locked
 * @param sessions the kinds ({@code DLV}, {@code REP}) of the account's bound sessions
 */
public record AccountView(
    String id,
    Tps tps,
    long monthlyQuota,
    long quotaUsed,
    List<String> allowedAddresses,
    boolean encryptionAllowed,
    boolean encryptionRequired,
    boolean locked,
    @Nullable Instant lockedUntil,
    long accepted,
    long refused,
    long duplicates,
    long pendingReports,
    List<String> sessions) {

  public AccountView {
    allowedAddresses = List.copyOf(allowedAddresses);
    sessions = List.copyOf(sessions);
  }

  /** Per-second limits per TPS class; 99999 is unlimited. */
  public record Tps(int sms, int mms, int kko) {}
}
