package dev.ngsign.ngs.gateway.internal.admin;

/**
 * A request the admin port refuses, with the HTTP status and a message for the operator (never
 * request data that could be a secret).
 */
final class AdminError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  AdminError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
