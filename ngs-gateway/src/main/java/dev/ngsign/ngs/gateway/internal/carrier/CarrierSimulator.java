package dev.ngsign.ngs.gateway.internal.carrier;

import dev.ngsign.ngs.gateway.TestNumbers;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.content.ContentLimits;
import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.Failover;
import dev.ngsign.ngs.protocol.packet.KakaoInfo;
import dev.ngsign.ngs.protocol.packet.Media;
import dev.ngsign.ngs.protocol.packet.MediaType;
import dev.ngsign.ngs.protocol.packet.MessageType;
import dev.ngsign.ngs.protocol.packet.ReportFlag;
import dev.ngsign.ngs.protocol.packet.ReportMessage;
import dev.ngsign.ngs.protocol.packet.Telco;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Decides each accepted message's fate from its recipient number ({@link TestNumbers}), then
 * applies an optional random failure rate to ordinary numbers. Kakao failures fall back as FAILOVER
 * asks: the fallback type is SMS when the fallback text fits 90 bytes in MS949, LMS when longer,
 * MMS when FAILOVER 1 (FriendTalk image) or 3 carries an image. Thread-safe.
 */
public final class CarrierSimulator {
  private static final Charset MS949 = ContentEncoding.MS949.charset();

  private final double randomFailureRate;
  private final Random random;

  public CarrierSimulator(double randomFailureRate, long seed) {
    if (randomFailureRate < 0 || randomFailureRate > 1) {
      throw new IllegalArgumentException(
          "randomFailureRate must be in 0..1, not " + randomFailureRate);
    }
    this.randomFailureRate = randomFailureRate;
    this.random = new Random(seed);
  }

  public Outcome outcome(Deliver d) {
    String da = d.daAddr();
    boolean kakao = d.messageType().isKakao();
    switch (da) {
      case TestNumbers.DELIVERED_SK:
        return ok(kakao ? Telco.KKO : Telco.SK);
      case TestNumbers.DELIVERED_KT:
        return ok(kakao ? Telco.KKO : Telco.KT);
      case TestNumbers.DELIVERED_LG:
        return ok(kakao ? Telco.KKO : Telco.LG);
      case TestNumbers.SPAM_SUCCESS:
        return new Outcome(
            ResultCode.E_OK, ReportMessage.of(new ReportFlag.SpamSuccess()), Telco.SK);
      case TestNumbers.UNKNOWN_SUBSCRIBER:
        return fail(ResultCode.E_UNKNOWN_SUBSCRIBER);
      case TestNumbers.UNREACHABLE:
        return fail(ResultCode.E_UNREACHABLE);
      case TestNumbers.TIMEOUT:
        return fail(ResultCode.E_DELIVERY_TIMEOUT);
      case TestNumbers.SPAM_BLOCKED:
        return fail(ResultCode.E_SPAM_BLOCKED);
      case TestNumbers.HANDSET_UNSUPPORTED:
        return fail(ResultCode.E_HANDSET_UNSUPPORTED);
      case TestNumbers.CARRIER_FAIL:
        return fail(ResultCode.E_CARRIER_FAIL);
      default:
        break;
    }
    if (kakao && da.length() == 11 && da.startsWith(TestNumbers.KAKAO_FAIL_PREFIX)) {
      return kakaoFailure(d, da.substring(TestNumbers.KAKAO_FAIL_PREFIX.length()));
    }
    if (randomFailureRate > 0 && random.nextDouble() < randomFailureRate) {
      return fail(ResultCode.E_CARRIER_FAIL);
    }
    return ok(kakao ? Telco.KKO : telcoOf(da));
  }

  /** 0-3 SK, 4-6 KT, 7-9 LG by the number's last digit. */
  static Telco telcoOf(String da) {
    char last = da.isEmpty() ? '0' : da.charAt(da.length() - 1);
    int digit = Character.isDigit(last) ? last - '0' : 0;
    return digit <= 3 ? Telco.SK : digit <= 6 ? Telco.KT : Telco.LG;
  }

  private static Outcome ok(Telco telco) {
    return new Outcome(ResultCode.E_OK, ReportMessage.EMPTY, telco);
  }

  private static Outcome fail(ResultCode code) {
    return new Outcome(code, ReportMessage.EMPTY, Telco.ETC);
  }

  private static Outcome kakaoFailure(Deliver d, String kakaoCode) {
    KakaoInfo k = d.kakao();
    List<ReportFlag> flags = new ArrayList<>(2);
    flags.add(new ReportFlag.KakaoFailure(kakaoCode));
    MessageType fallback = fallbackType(d, k.failover());
    if (fallback == null) {
      return new Outcome(ResultCode.E_KAKAO_FAIL, new ReportMessage(flags), Telco.ETC);
    }
    flags.add(new ReportFlag.FinalType(fallback));
    return new Outcome(ResultCode.E_OK, new ReportMessage(flags), telcoOf(d.daAddr()));
  }

  /**
   * The type a Kakao message falls back to, or null when FAILOVER is 0 or there is nothing to send.
   */
  static MessageType fallbackType(Deliver d, Failover failover) {
    boolean hasImage = d.media().stream().anyMatch(m -> m.mediaType().isImage());
    return switch (failover) {
      case NONE -> null;
      case CONVERT ->
          d.messageType() == MessageType.FRIENDTALK_IMAGE && hasImage
              ? MessageType.MMS
              : bySize(d.firstMedia(MediaType.BODY_TEXT).orElse(null));
      case REPLACE -> bySize(d.firstMedia(MediaType.FALLBACK_TEXT).orElse(null));
      case REPLACE_MMS ->
          hasImage ? MessageType.MMS : bySize(d.firstMedia(MediaType.FALLBACK_TEXT).orElse(null));
    };
  }

  private static MessageType bySize(Media text) {
    if (text == null) {
      return null;
    }
    int bytes =
        text.encoding() == ContentEncoding.MS949 ? text.size() : text.text().getBytes(MS949).length;
    return bytes <= ContentLimits.SMS_TEXT_BYTES ? MessageType.SMS : MessageType.LMS;
  }
}
