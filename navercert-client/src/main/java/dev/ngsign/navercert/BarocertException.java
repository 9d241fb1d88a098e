package dev.ngsign.navercert;

/**
 * Root of every failure this SDK reports (unchecked). {@link #code()} is the service's negative
 * error code when the service answered with an error; {@link #LOCAL_ERROR} (-99999999, as Barocert's
 * own SDKs use) when the call failed on this side. Subtypes say what the caller should do:
 * {@link BarocertValidationException} (fix the input, nothing was sent) and {@link
 * BarocertTransportException} (network or protocol trouble; the call may or may not have reached the
 * service). Messages never contain the SecretKey or personal data.
 */
public class BarocertException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Code used for failures detected on the caller's side (Barocert SDK convention). */
  public static final long LOCAL_ERROR = -99999999L;

  private final long code;

  public BarocertException(long code, String message) {
    super(message);
    this.code = code;
  }

  public BarocertException(long code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The error code: negative; see docs/navercert.md for the table. */
  public long code() {
    return code;
  }

  /** Same as {@link #code()}, named as in Barocert's SDKs. */
  public long getCode() {
    return code;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + code + "] " + getMessage();
  }
}
