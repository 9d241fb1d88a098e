package dev.ngsign.ngs.client;

import dev.ngsign.ngs.protocol.ResultCode;

/**
 * CERT or BIND was refused (wrong password, locked account, duplicate session, ...). Carries the
 * reply's code and reason.
 */
public class NgsAuthenticationException extends NgsConnectionException {
  private static final long serialVersionUID = 1L;

  private final int code;
  private final String reason;

  public NgsAuthenticationException(String step, int code, String reason) {
    super(
        step
            + " refused: "
            + ResultCode.of(code)
            + " ("
            + code
            + ")"
            + (reason.isEmpty() ? "" : ": " + reason),
        null);
    this.code = code;
    this.reason = reason;
  }

  /** The RESULT of CERT_ACK or BIND_ACK. */
  public int code() {
    return code;
  }

  public ResultCode resultCode() {
    return ResultCode.of(code);
  }

  /** The server's reason text (CERT_ACK SERVER_IP or BIND_ACK MESSAGE on failure). */
  public String reason() {
    return reason;
  }
}
