package dev.ngsign.navercert.server;

import dev.ngsign.navercert.internal.Checks;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A partner known to the simulator: a LinkID, its SecretKey, and the client codes it owns. {@link
 * #toString()} never shows the SecretKey.
 *
 * @param linkId the LinkID (no spaces)
 * @param secretKey Base64 of 32 bytes
 * @param clientCodes 12-digit client codes owned by this LinkID (at least one)
 */
public record Account(String linkId, String secretKey, List<String> clientCodes) {
  private static final SecureRandom RANDOM = new SecureRandom();

  public Account {
    if (linkId == null || linkId.isBlank() || linkId.contains(" ")) {
      throw new IllegalArgumentException("linkId is required and may not contain spaces");
    }
    Objects.requireNonNull(secretKey, "secretKey");
    byte[] k;
    try {
      k = Base64.getDecoder().decode(secretKey.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("secretKey is not Base64");
    }
    if (k.length != 32) {
      throw new IllegalArgumentException("secretKey must decode to 32 bytes");
    }
    if (clientCodes == null || clientCodes.isEmpty()) {
      throw new IllegalArgumentException("at least one client code is required");
    }
    clientCodes.forEach(Checks::clientCode);
    clientCodes = List.copyOf(clientCodes);
  }

  public Account(String linkId, String secretKey, String clientCode) {
    this(linkId, secretKey, List.of(clientCode));
  }

  /** The key bytes. */
  public byte[] keyBytes() {
    return Base64.getDecoder().decode(secretKey.trim());
  }

  /** Fresh random test credentials: LinkID TEST_xxxxxx, a random key, one client code. */
  public static Account generate() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    String suffix = Integer.toString(100000 + RANDOM.nextInt(900000));
    StringBuilder code = new StringBuilder("0230");
    for (int i = 0; i < 8; i++) {
      code.append(RANDOM.nextInt(10));
    }
    return new Account("TEST_" + suffix, Base64.getEncoder().encodeToString(key), code.toString());
  }

  @Override
  public String toString() {
    return "Account[linkId=" + linkId + ", clientCodes=" + clientCodes + ", secretKey=<redacted>]";
  }
}
