package dev.ngsign.ngs.protocol.packet;

import org.jspecify.annotations.Nullable;

/** MEDIA MTYPE (section 4.3, MEDIA format). */
public enum MediaType {
  /** 11: the body text of LMS/MMS/AlimTalk/FriendTalk. */
  BODY_TEXT(11),
  /** 12: the text sent instead when Kakao delivery fails (FAILOVER 2/3). */
  FALLBACK_TEXT(12),
  /** 13: Kakao extras (buttons, image link, emphasis) as JSON, UTF-8. */
  KAKAO_JSON(13),
  JPG(21),
  WIDE_JPG(22),
  PNG(23),
  WIDE_PNG(24);

  private final int code;

  MediaType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public boolean isText() {
    return code < 20;
  }

  public boolean isImage() {
    return code > 20;
  }

  public boolean isWideImage() {
    return this == WIDE_JPG || this == WIDE_PNG;
  }

  public boolean isPng() {
    return this == PNG || this == WIDE_PNG;
  }

  /** The type for a wire number, or null. */
  public static @Nullable MediaType fromCode(int code) {
    for (MediaType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }
}
