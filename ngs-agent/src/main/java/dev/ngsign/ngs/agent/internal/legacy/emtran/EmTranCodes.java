package dev.ngsign.ngs.agent.internal.legacy.emtran;

import dev.ngsign.ngs.agent.AgentCode;
import dev.ngsign.ngs.agent.MessageStatus;
import dev.ngsign.ngs.protocol.ResultCode;
import org.jspecify.annotations.Nullable;

/**
 * DBro's {@code tran_rslt} and {@code tran_net} for the agent's outcomes, nearest meaning
 * (docs/legacy-tables.md, "em-tran"; DBro's codes from its manual's result-code page). The exact
 * NGS code stays in {@code <prefix>LEGACY_ROW}.
 */
public final class EmTranCodes {
  /** Delivered. */
  public static final String SUCCESS = "0";

  /** DBro: no result within record_life_time. */
  public static final String TIMEOUT = "1";

  /** DBro: wrong phone number. */
  public static final String WRONG_NUMBER = "2";

  /** DBro: the MMS content cannot be read. */
  public static final String CONTENT_UNREADABLE = "x";

  /** DBro: field format wrong (e.g. no content). */
  public static final String FIELD_FORMAT = "q";

  /** DBro: the vendor's own format check failed. */
  public static final String OWN_FORMAT = "f";

  /** DBro: other error, not handled. */
  public static final String OTHER = "z";

  private EmTranCodes() {}

  /** {@code tran_rslt} for a final state and its RESULT_CODE (or, without one, its ACK code). */
  public static String result(MessageStatus status, @Nullable Integer resultCode) {
    if (status == MessageStatus.DONE) {
      return SUCCESS;
    }
    if (status == MessageStatus.EXPIRED) {
      return TIMEOUT;
    }
    if (resultCode == null) {
      return OTHER;
    }
    AgentCode agent = AgentCode.fromCode(resultCode);
    if (agent != null) {
      return switch (agent) {
        case EXPIRED, REPORT_TIMEOUT -> TIMEOUT;
        case AD_PREFIX_MISSING, AD_OPT_OUT_MISSING, SENDER_CODE_MISSING -> OWN_FORMAT;
        case BAD_ROW -> FIELD_FORMAT;
        case RETRIES_EXHAUSTED, UNKNOWN_ACCOUNT -> OTHER;
      };
    }
    return switch (ResultCode.of(resultCode)) {
      case E_OK -> SUCCESS;
      case E_INVALID_DA_ADDR -> "p"; // phone number format
      case E_INVALID_CALLBACK -> "w"; // callback number rules
      case E_TEXT_TOO_LONG -> "o"; // over the length limit
      case E_INVALID_MSGTYPE, E_INVALID_ENCODING, E_TEXT_EMPTY -> FIELD_FORMAT;
      case E_INVALID_SENDER_CODE,
          E_INVALID_SERIAL,
          E_MEDIA_COUNT,
          E_MEDIA_TYPE,
          E_MEDIA_SIZE,
          E_INVALID_IMAGE,
          E_INVALID_KAKAO,
          E_INVALID_JSON,
          E_INVALID_EXTENSION ->
          OWN_FORMAT;
      case E_UNKNOWN_SUBSCRIBER -> WRONG_NUMBER;
      case E_UNREACHABLE -> "B"; // out of coverage (DBro's C is "power off")
      case E_DELIVERY_TIMEOUT -> TIMEOUT;
      case E_SPAM_BLOCKED -> "k"; // carrier spam filter
      case E_HANDSET_UNSUPPORTED -> "g"; // handset cannot take MMS
      case E_QUOTA_OVER, E_KAKAO_FAIL, E_CARRIER_FAIL -> "d"; // other
      default -> OTHER;
    };
  }

  /**
   * {@code tran_net}: the carrier that took the message (DBro writes SKT, KTF or LGT), null when it
   * reached none.
   */
  public static @Nullable String network(@Nullable String telco) {
    if (telco == null) {
      return null;
    }
    return switch (telco) {
      case "SK" -> "SKT";
      case "KT" -> "KTF";
      case "LG" -> "LGT";
      default -> null;
    };
  }
}
