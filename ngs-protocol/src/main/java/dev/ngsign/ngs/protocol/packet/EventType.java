package dev.ngsign.ngs.protocol.packet;

import org.jspecify.annotations.Nullable;

/** EVENT TYPE (section 4.5). */
public enum EventType {
  /** 0: the server is closing the session; DATA is the reason. */
  DISCONNECT(0),
  /** 1: the account's TPS changed; DATA is {@code SMS,MMS,KKO}. */
  TPS_CHANGE(1);

  private final int code;

  EventType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The type for a wire number, or null. */
  public static @Nullable EventType fromCode(int code) {
    return switch (code) {
      case 0 -> DISCONNECT;
      case 1 -> TPS_CHANGE;
      default -> null;
    };
  }
}
