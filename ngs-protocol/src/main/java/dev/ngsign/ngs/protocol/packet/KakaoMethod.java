package dev.ngsign.ngs.protocol.packet;

import org.jspecify.annotations.Nullable;

/** KAKAO_INFO METHOD: how the relay hands the message to Kakao. */
public enum KakaoMethod {
  /** {@code p}: push (the default). */
  PUSH("p"),
  /** {@code r}: real time. */
  REAL("r"),
  /** {@code P}: polling. */
  POLLING("P");

  private final String code;

  KakaoMethod(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** The method for a wire value, or null. */
  public static @Nullable KakaoMethod fromCode(String code) {
    for (KakaoMethod m : values()) {
      if (m.code.equals(code)) {
        return m;
      }
    }
    return null;
  }
}
