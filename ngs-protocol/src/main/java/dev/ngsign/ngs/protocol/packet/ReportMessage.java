package dev.ngsign.ngs.protocol.packet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * REPORT MESSAGE (15C): comma-separated flags, e.g. {@code K2103,TS} (Kakao error 2103, delivered
 * as SMS instead) or {@code SS} (spam-marked success). Order is kept so the field re-encodes
 * unchanged.
 */
public record ReportMessage(List<ReportFlag> flags) {
  public static final ReportMessage EMPTY = new ReportMessage(List.of());

  public ReportMessage {
    flags = List.copyOf(flags);
  }

  public static ReportMessage of(ReportFlag... flags) {
    return new ReportMessage(List.of(flags));
  }

  /** Parses the field's text; an empty field has no flags. */
  public static ReportMessage parse(String wire) {
    if (wire.isEmpty()) {
      return EMPTY;
    }
    List<ReportFlag> flags = new ArrayList<>(3);
    for (String item : wire.split(",", -1)) {
      flags.add(ReportFlag.parse(item));
    }
    return new ReportMessage(flags);
  }

  public String toWire() {
    StringBuilder sb = new StringBuilder();
    for (ReportFlag f : flags) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(f.wire());
    }
    return sb.toString();
  }

  /** True when the carrier marked the message as spam (still a success). */
  public boolean spam() {
    return flags.stream().anyMatch(f -> f instanceof ReportFlag.SpamSuccess);
  }

  /** Kakao's error code when AlimTalk/FriendTalk failed. */
  public Optional<String> kakaoErrorCode() {
    for (ReportFlag f : flags) {
      if (f instanceof ReportFlag.KakaoFailure k) {
        return Optional.of(k.code());
      }
    }
    return Optional.empty();
  }

  /** The type finally delivered after a Kakao fallback (SMS, LMS or MMS). */
  public Optional<MessageType> finalType() {
    for (ReportFlag f : flags) {
      if (f instanceof ReportFlag.FinalType t) {
        return Optional.of(t.messageType());
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return toWire();
  }
}
