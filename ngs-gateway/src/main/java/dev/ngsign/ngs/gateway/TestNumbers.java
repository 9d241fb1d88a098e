package dev.ngsign.ngs.gateway;

/**
 * Recipient numbers (DA_ADDR) with a fixed simulated outcome, like payment processors' test card
 * numbers. Every other well-formed number is delivered (telco by its last digit: 0-3 SK, 4-6 KT,
 * 7-9 LG; KKO for AlimTalk/FriendTalk). See {@code docs/gateway.md} for the table with result codes
 * and REPORT MESSAGE.
 */
public final class TestNumbers {
  private TestNumbers() {}

  /** Delivered via SK Telecom. */
  public static final String DELIVERED_SK = "01000000011";

  /** Delivered via KT. */
  public static final String DELIVERED_KT = "01000000012";

  /** Delivered via LG U+. */
  public static final String DELIVERED_LG = "01000000013";

  /** Delivered, but the carrier marked it spam: RESULT 0, MESSAGE {@code SS}. */
  public static final String SPAM_SUCCESS = "01000000004";

  /** E_UNKNOWN_SUBSCRIBER (4001): no such subscriber. */
  public static final String UNKNOWN_SUBSCRIBER = "01000000001";

  /** E_UNREACHABLE (4002): handset off or out of coverage. */
  public static final String UNREACHABLE = "01000000002";

  /** E_DELIVERY_TIMEOUT (4003): no receipt within the validity period. */
  public static final String TIMEOUT = "01000000003";

  /** E_SPAM_BLOCKED (4004): blocked as spam. */
  public static final String SPAM_BLOCKED = "01000000005";

  /** E_HANDSET_UNSUPPORTED (4006): the handset cannot show this type. */
  public static final String HANDSET_UNSUPPORTED = "01000000006";

  /** E_CARRIER_FAIL (4099): any other carrier failure. */
  public static final String CARRIER_FAIL = "01000000009";

  /**
   * Prefix of Kakao-failure numbers: {@code 0100007} + a 4-digit Kakao error code, e.g. {@code
   * 01000072103} makes an AlimTalk/FriendTalk fail with {@code K2103} and then fall back as
   * FAILOVER asks. For SMS/LMS/MMS these numbers are simply delivered.
   */
  public static final String KAKAO_FAIL_PREFIX = "0100007";

  /** The Kakao-failure number for a 4-digit Kakao error code. */
  public static String kakaoFailure(int kakaoCode) {
    if (kakaoCode < 0 || kakaoCode > 9999) {
      throw new IllegalArgumentException("Kakao error code is 4 digits: " + kakaoCode);
    }
    return KAKAO_FAIL_PREFIX + String.format("%04d", kakaoCode);
  }
}
