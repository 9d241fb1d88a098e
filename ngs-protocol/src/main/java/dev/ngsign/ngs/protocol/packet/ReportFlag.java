package dev.ngsign.ngs.protocol.packet;

import java.util.Objects;

/** One comma-separated item of REPORT MESSAGE (section 4.4, changed in 2.0.1). */
public sealed interface ReportFlag {

  /** The flag as written on the wire. */
  String wire();

  /** {@code SS}: the carrier marked the message as spam but it counts as delivered. */
  record SpamSuccess() implements ReportFlag {
    @Override
    public String wire() {
      return "SS";
    }
  }

  /** {@code K<code>}: Kakao's error code for a failed AlimTalk/FriendTalk. */
  record KakaoFailure(String code) implements ReportFlag {
    public KakaoFailure {
      Objects.requireNonNull(code, "code");
    }

    @Override
    public String wire() {
      return "K" + code;
    }
  }

  /** {@code T<S|L|M>}: the message type finally delivered after a Kakao fallback. */
  record FinalType(MessageType messageType) implements ReportFlag {
    public FinalType {
      Objects.requireNonNull(messageType, "messageType");
    }

    @Override
    public String wire() {
      return "T" + messageType.code();
    }
  }

  /** Any other item, kept as sent so that nothing is lost. */
  record Unrecognized(String wire) implements ReportFlag {
    public Unrecognized {
      Objects.requireNonNull(wire, "wire");
    }
  }

  /** Parses one item. */
  static ReportFlag parse(String item) {
    if (item.equals("SS")) {
      return new SpamSuccess();
    }
    if (item.length() > 1 && item.charAt(0) == 'K') {
      return new KakaoFailure(item.substring(1));
    }
    if (item.length() == 2 && item.charAt(0) == 'T') {
      MessageType t = MessageType.fromCode(item.substring(1));
      if (t == MessageType.SMS || t == MessageType.LMS || t == MessageType.MMS) {
        return new FinalType(t);
      }
    }
    return new Unrecognized(item);
  }
}
