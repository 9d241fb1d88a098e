package dev.ngsign.ngs.protocol.packet;

import org.jspecify.annotations.Nullable;

/** DELIVER MSGTYPE (section 4.3). The international types carry a NAT_CODE extension. */
public enum MessageType {
  SMS("S", TpsClass.SMS, false),
  LMS("L", TpsClass.MMS, false),
  MMS("M", TpsClass.MMS, false),
  ALIMTALK("A", TpsClass.KKO, true),
  ALIMTALK_IMAGE("a", TpsClass.KKO, true),
  FRIENDTALK("F", TpsClass.KKO, true),
  FRIENDTALK_IMAGE("f", TpsClass.KKO, true),
  FRIENDTALK_WIDE("W", TpsClass.KKO, true),
  INTL_SMS("s", TpsClass.SMS, false),
  INTL_LMS("l", TpsClass.MMS, false),
  INTL_MMS("m", TpsClass.MMS, false);

  private final String code;
  private final TpsClass tpsClass;
  private final boolean kakao;

  MessageType(String code, TpsClass tpsClass, boolean kakao) {
    this.code = code;
    this.tpsClass = tpsClass;
    this.kakao = kakao;
  }

  /** The one-letter wire value; case matters ({@code F} FriendTalk, {@code f} FriendTalk image). */
  public String code() {
    return code;
  }

  public TpsClass tpsClass() {
    return tpsClass;
  }

  /** AlimTalk and FriendTalk types: their TEXT field is replaced by {@link KakaoInfo}. */
  public boolean isKakao() {
    return kakao;
  }

  public boolean isAlimTalk() {
    return this == ALIMTALK || this == ALIMTALK_IMAGE;
  }

  public boolean isFriendTalk() {
    return this == FRIENDTALK || this == FRIENDTALK_IMAGE || this == FRIENDTALK_WIDE;
  }

  /** s, l, m: sent abroad, with a NAT_CODE extension. */
  public boolean isInternational() {
    return this == INTL_SMS || this == INTL_LMS || this == INTL_MMS;
  }

  /** SMS-class types whose TEXT field is the body. */
  public boolean isSms() {
    return this == SMS || this == INTL_SMS;
  }

  /** LMS/MMS-class types whose TEXT field is the subject and whose body is an attachment. */
  public boolean isLongMessage() {
    return this == LMS || this == MMS || this == INTL_LMS || this == INTL_MMS;
  }

  private static final MessageType[] VALUES = values();

  /** The type for a wire value, or null. */
  public static @Nullable MessageType fromCode(String code) {
    if (code.length() == 1) {
      for (MessageType t : VALUES) {
        if (t.code.charAt(0) == code.charAt(0)) {
          return t;
        }
      }
    }
    return null;
  }
}
