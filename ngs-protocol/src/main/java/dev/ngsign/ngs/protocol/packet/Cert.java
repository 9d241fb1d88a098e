package dev.ngsign.ngs.protocol.packet;

import java.util.Objects;

/**
 * CERT (section 4.1): asks the cert server for the gateway address and a CERT_KEY.
 *
 * @param id account ID (20C)
 * @param pwd the PWD field: Base64 of the AES-encrypted password hash (110C, section 5.2); see
 *     {@code dev.ngsign.ngs.protocol.crypto.NgsKey#pwdField()}
 * @param version protocol version, {@value NgsVersion#VERSION}
 * @param keyPos the key offset (0..64) used to encrypt {@code pwd}
 */
public record Cert(String id, String pwd, String version, int keyPos) implements NgsPacket {
  public Cert {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(pwd, "pwd");
    Objects.requireNonNull(version, "version");
  }

  @Override
  public PacketType type() {
    return PacketType.CERT;
  }

  /** Keeps PWD out of logs: it is replayable by anyone who sees it. */
  @Override
  public String toString() {
    return "Cert[id="
        + id
        + ", pwd=("
        + pwd.length()
        + " chars), version="
        + version
        + ", keyPos="
        + keyPos
        + "]";
  }
}
