package dev.ngsign.ngs.protocol.packet;

import java.util.Objects;

/**
 * BIND (section 4.2): opens the deliver or report session on the gateway named by CERT_ACK.
 *
 * @param id account ID (20C)
 * @param pwd the PWD field, as in {@link Cert}
 * @param certKey CERT_ACK's CERT_KEY, unchanged (65C)
 * @param mode TYPE: plain or encrypted session
 * @param kind KIND: DLV or REP
 * @param version {@value NgsVersion#VERSION}
 * @param keyPos key offset 0..64; on an encrypted session also the offset of the body key
 */
public record Bind(
    String id,
    String pwd,
    String certKey,
    SessionMode mode,
    SessionKind kind,
    String version,
    int keyPos)
    implements NgsPacket {
  public Bind {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(pwd, "pwd");
    Objects.requireNonNull(certKey, "certKey");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(version, "version");
  }

  @Override
  public PacketType type() {
    return PacketType.BIND;
  }

  @Override
  public String toString() {
    return "Bind[id="
        + id
        + ", pwd=("
        + pwd.length()
        + " chars), certKey=("
        + certKey.length()
        + " chars), mode="
        + mode
        + ", kind="
        + kind
        + ", version="
        + version
        + ", keyPos="
        + keyPos
        + "]";
  }
}
