package dev.ngsign.ngs.protocol.packet;

import org.jspecify.annotations.Nullable;

/** BIND TYPE: plain ({@code p}) or encrypted ({@code P}) session (section 4.2). */
public enum SessionMode {
  PLAIN("p"),
  ENCRYPTED("P");

  private final String code;

  SessionMode(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** The mode for a wire value, or null. Case matters: {@code p} and {@code P} differ. */
  public static @Nullable SessionMode fromCode(String code) {
    for (SessionMode m : values()) {
      if (m.code.equals(code)) {
        return m;
      }
    }
    return null;
  }
}
