package dev.ngsign.navercert;

/**
 * The service answered with an error reply: {@code {"code": -45000016, "message": "..."}} with an
 * HTTP error status. {@link #code()} is the service's code ({@link ErrorCodes} names them), {@link
 * #httpStatus()} the status and {@link #body()} the reply as received.
 */
public final class BarocertServiceException extends BarocertException {
  private static final long serialVersionUID = 1L;

  private final long code;
  private final int httpStatus;
  private final String body;

  public BarocertServiceException(long code, int httpStatus, String message, String body) {
    super("[" + code + "] " + message, null);
    this.code = code;
    this.httpStatus = httpStatus;
    this.body = body;
  }

  /** The service's error code (negative). */
  public long code() {
    return code;
  }

  /** Same as {@link #code()}, named as in Barocert's SDKs. */
  public long getCode() {
    return code;
  }

  /** The HTTP status of the error reply. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The error reply's body as received (Barocert's error JSON; it carries no personal data). */
  public String body() {
    return body;
  }
}
