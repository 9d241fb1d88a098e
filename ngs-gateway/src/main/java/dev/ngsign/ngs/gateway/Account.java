package dev.ngsign.ngs.gateway;

import dev.ngsign.ngs.gateway.internal.account.AddressRule;
import dev.ngsign.ngs.protocol.crypto.PasswordHash;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One partner account of the gateway (spec section 1.1: ID, password, registered client addresses,
 * TPS and monthly volume agreed when the account is issued).
 *
 * <p>Only the password's SHA-256 is kept ({@link PasswordHash}); {@link #toString()} never shows
 * it.
 *
 * @param id the account ID (1 to 20 printable ASCII characters)
 * @param passwordHash SHA-256 of the password, the key material of section 5
 * @param allowedAddresses CIDR blocks clients may connect from ({@code 127.0.0.1/32}, {@code
 *     ::1/128}, or a bare address); empty means any address
 * @param tps per-second limits per class; {@value TpsLimits#MAX} means unlimited for that class (it
 *     is also what BIND_ACK advertises then), 0 refuses every message of the class with E_TPS_OVER
 * @param monthlyQuota messages per calendar month (Asia/Seoul); 0 means unlimited
 * @param encryptionAllowed whether TYPE {@code P} (encrypted) sessions may bind
 * @param encryptionRequired whether TYPE {@code p} (plain) sessions are refused
 */
public record Account(
    String id,
    PasswordHash passwordHash,
    List<String> allowedAddresses,
    TpsLimits tps,
    long monthlyQuota,
    boolean encryptionAllowed,
    boolean encryptionRequired) {

  /** TPS of an account with no limits: BIND_ACK advertises 99999 per class. */
  public static final TpsLimits UNLIMITED =
      new TpsLimits(TpsLimits.MAX, TpsLimits.MAX, TpsLimits.MAX);

  public Account {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(tps, "tps");
    if (id.isEmpty() || id.length() > 20 || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException(
          "account id must be 1 to 20 printable ASCII characters: '" + id + "'");
    }
    if (monthlyQuota < 0) {
      throw new IllegalArgumentException(
          "monthlyQuota must be >= 0 (0 = unlimited), not " + monthlyQuota);
    }
    if (encryptionRequired && !encryptionAllowed) {
      throw new IllegalArgumentException(
          "account " + id + ": encryptionRequired needs encryptionAllowed");
    }
    allowedAddresses = List.copyOf(allowedAddresses);
    for (String cidr : allowedAddresses) {
      AddressRule.parse(cidr); // fails early with the bad entry named
    }
  }

  /** A builder: unlimited TPS and quota, any address, plain and encrypted sessions allowed. */
  public static Builder builder(String id, String password) {
    return new Builder(id, PasswordHash.of(Objects.requireNonNull(password, "password")));
  }

  /** The same account with other TPS limits. */
  public Account withTps(TpsLimits newTps) {
    return new Account(
        id,
        passwordHash,
        allowedAddresses,
        newTps,
        monthlyQuota,
        encryptionAllowed,
        encryptionRequired);
  }

  @Override
  public String toString() {
    return "Account[id="
        + id
        + ", allowedAddresses="
        + allowedAddresses
        + ", tps="
        + tps.toEventData()
        + ", monthlyQuota="
        + monthlyQuota
        + ", encryptionAllowed="
        + encryptionAllowed
        + ", encryptionRequired="
        + encryptionRequired
        + "]";
  }

  /** Builds an {@link Account}. */
  public static final class Builder {
    private final String id;
    private final PasswordHash hash;
    private final List<String> allowed = new ArrayList<>();
    private TpsLimits tps = UNLIMITED;
    private long monthlyQuota;
    private boolean encryptionAllowed = true;
    private boolean encryptionRequired;

    private Builder(String id, PasswordHash hash) {
      this.id = id;
      this.hash = hash;
    }

    /** Adds an allowed client address block (CIDR or a single address). */
    public Builder allowAddress(String cidr) {
      allowed.add(Objects.requireNonNull(cidr, "cidr"));
      return this;
    }

    public Builder tps(TpsLimits v) {
      this.tps = Objects.requireNonNull(v, "tps");
      return this;
    }

    public Builder tps(int sms, int mms, int kko) {
      return tps(new TpsLimits(sms, mms, kko));
    }

    /** Messages per month; 0 (the default) is unlimited. */
    public Builder monthlyQuota(long v) {
      this.monthlyQuota = v;
      return this;
    }

    public Builder encryptionAllowed(boolean v) {
      this.encryptionAllowed = v;
      return this;
    }

    public Builder encryptionRequired(boolean v) {
      this.encryptionRequired = v;
      return this;
    }

    public Account build() {
      return new Account(
          id, hash, allowed, tps, monthlyQuota, encryptionAllowed, encryptionRequired);
    }
  }
}
