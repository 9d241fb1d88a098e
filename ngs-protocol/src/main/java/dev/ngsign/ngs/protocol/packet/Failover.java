package dev.ngsign.ngs.protocol.packet;

import org.jspecify.annotations.Nullable;

/** KAKAO_INFO FAILOVER: what the gateway sends when Kakao delivery fails. */
public enum Failover {
  /** 0: nothing. */
  NONE(0),
  /** 1: the Kakao body itself as SMS/LMS (with the FriendTalk image as MMS when attached). */
  CONVERT(1),
  /** 2: the separate fallback text (MTYPE 12) as SMS/LMS; images ignored. */
  REPLACE(2),
  /** 3: as {@link #REPLACE}, but as MMS with the attached image when there is one. */
  REPLACE_MMS(3);

  private final int code;

  Failover(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The value for a wire number, or null. */
  public static @Nullable Failover fromCode(int code) {
    return code >= 0 && code < values().length ? values()[code] : null;
  }
}
