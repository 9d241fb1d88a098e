package dev.ngsign.ngs.gateway;

/**
 * The ports a started gateway listens on (ephemeral ports resolved).
 *
 * @param host the address the listeners are bound to
 * @param certPort the cert server (CERT / CERT_ACK)
 * @param deliverPort the deliver port (BIND KIND {@code DLV})
 * @param reportPort the report port (BIND KIND {@code REP})
 * @param adminPort the HTTP admin API, or -1 when disabled
 */
public record GatewayPorts(
    String host, int certPort, int deliverPort, int reportPort, int adminPort) {
  /** One line for logs and the CLI: {@code cert=4400 deliver=4403 report=4404 admin=8080}. */
  public String describe() {
    return "cert="
        + certPort
        + " deliver="
        + deliverPort
        + " report="
        + reportPort
        + (adminPort >= 0 ? " admin=" + adminPort : "");
  }
}
