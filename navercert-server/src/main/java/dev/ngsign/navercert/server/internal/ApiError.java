package dev.ngsign.navercert.server.internal;

/** A negative reply: HTTP status plus Barocert's {code, message} body. */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final long code;

  public ApiError(int status, long code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public long code() {
    return code;
  }
}
