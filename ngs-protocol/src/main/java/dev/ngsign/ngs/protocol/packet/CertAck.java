package dev.ngsign.ngs.protocol.packet;

import java.util.Objects;

/**
 * CERT_ACK (section 4.1). On success it names the gateway and the CERT_KEY to BIND with; on failure
 * SERVER_IP carries the reason and the ports are empty (encoded as 0 here).
 *
 * @param result result code (see {@link dev.ngsign.ngs.protocol.ResultCode})
 * @param certKey 64-character key for BIND (empty on failure)
 * @param serverIp gateway address, or the failure message
 * @param deliverPort deliver port, 0 when empty
 * @param reportPort report port, 0 when empty
 */
public record CertAck(int result, String certKey, String serverIp, int deliverPort, int reportPort)
    implements NgsPacket {
  public CertAck {
    Objects.requireNonNull(certKey, "certKey");
    Objects.requireNonNull(serverIp, "serverIp");
  }

  public static CertAck success(String certKey, String serverIp, int deliverPort, int reportPort) {
    return new CertAck(0, certKey, serverIp, deliverPort, reportPort);
  }

  /**
   * A refusal; the reason is shortened to fit SERVER_IP (39 bytes in MS949) at a character
   * boundary.
   */
  public static CertAck failure(dev.ngsign.ngs.protocol.ResultCode code, String reason) {
    return new CertAck(code.code(), "", Reasons.fit(reason, 40), 0, 0);
  }

  public boolean isOk() {
    return result == 0;
  }

  @Override
  public PacketType type() {
    return PacketType.CERT_ACK;
  }

  @Override
  public String toString() {
    return "CertAck[result="
        + result
        + ", certKey=("
        + certKey.length()
        + " chars), serverIp="
        + serverIp
        + ", deliverPort="
        + deliverPort
        + ", reportPort="
        + reportPort
        + "]";
  }
}
