package dev.ngsign.ngs.agent.internal.legacy.bizmsg;

import dev.ngsign.ngs.agent.AgentCode;
import dev.ngsign.ngs.protocol.ResultCode;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * NGS result codes (and the agent's 9xxx codes) to bizclient's {@code CALL_STATUS}, by nearest
 * meaning: 4100 delivered SMS (41xx failures), 6600 delivered LMS/MMS (66xx), 7000 delivered
 * AlimTalk/FriendTalk (7xxx), 9xxx refusals common to all types. The tables are in
 * docs/legacy-tables.md ("biz-msg"); the exact NGS code stays in the agent's side table.
 */
public final class BizResultCodes {
  /** The channel a code is counted in: bizclient's code ranges differ per channel. */
  public enum Channel {
    SMS,
    LMS_MMS,
    KAKAO
  }

  /** The Kakao codes bizclient documents (result-code/kakao-biz.md), 7000 delivered. */
  static final Set<Integer> KAKAO_CODES =
      Set.of(
          7000, 7101, 7103, 7106, 7107, 7108, 7109, 7110, 7111, 7112, 7125, 7203, 7204, 7206, 7300,
          7305, 7306, 7308, 7311, 7314, 7315, 7318, 7322, 7324, 7325, 7326, 7327, 7328, 7329, 7330,
          7331, 7332, 7333, 7334, 7335, 7336, 7337, 7338, 7339, 7340, 7421, 7521);

  private BizResultCodes() {}

  /**
   * CALL_STATUS of a final outcome.
   *
   * @param code RESULT_CODE as the agent keeps it (NGS or 9xxx); null for an operator's cancel
   * @param kakaoError Kakao's own error code from the REPORT (e.g. {@code 3018}), or null
   */
  public static String callStatus(
      Channel channel, @Nullable Integer code, @Nullable String kakaoError) {
    if (code == null) {
      return "9090"; // 기타에러
    }
    AgentCode agent = AgentCode.fromCode(code);
    if (agent != null) {
      return switch (agent) {
        case EXPIRED -> "9034"; // 발송 유효시간 만료
        case REPORT_TIMEOUT -> "9023"; // 시간제한 (리포트 수신대기 timeout)
        case SENDER_CODE_MISSING -> "9215"; // 잘못된 식별코드
        case BAD_ROW -> "9020"; // Wrong Data Format
        case UNKNOWN_ACCOUNT -> "9010"; // 아이디 틀림
        case AD_PREFIX_MISSING, AD_OPT_OUT_MISSING, RETRIES_EXHAUSTED -> "9090"; // 기타에러
      };
    }
    if (code >= 4000 && code < 5000 || code == 0) {
      return report(channel, code, kakaoError);
    }
    ResultCode rc = ResultCode.of(code);
    return switch (rc) {
      case E_INVALID_MSGTYPE -> "9907"; // 지원하지 않는 메시지 타입
      case E_INVALID_DA_ADDR -> "9214"; // Wrong Phone Num
      case E_INVALID_CALLBACK -> "9085"; // 사용 금지 Callback 번호
      case E_INVALID_SENDER_CODE -> "9215"; // 잘못된 식별코드
      case E_INVALID_KAKAO -> "9014"; // 알림톡/친구톡 유효하지 않은 발신 프로필키
      case E_INVALID_JSON -> "9029"; // JSON String 구문 오류
      case E_MEDIA_COUNT, E_MEDIA_TYPE, E_INVALID_IMAGE -> "9019"; // 지원하지 않는 첨부파일
      case E_MEDIA_SIZE -> "9027"; // MMS 첨부파일 이미지 사이즈 초과
      case E_QUOTA_OVER -> "9071"; // 후불 한도 초과
      case E_TEXT_TOO_LONG, E_TEXT_EMPTY -> "9024"; // Wrong Data Format (메시지 본문 길이)
      default -> {
        if (code >= 1000 && code < 2000) {
          yield "9080"; // Deny User Ack
        }
        if (code >= 2000 && code < 3000) {
          yield "9020"; // Wrong Data Format
        }
        yield "9090"; // 기타에러 (retryable codes until the attempts ran out, unknown codes)
      }
    };
  }

  private static String report(Channel channel, int code, @Nullable String kakaoError) {
    ResultCode rc = ResultCode.of(code);
    return switch (channel) {
      case SMS ->
          switch (rc) {
            case E_OK -> "4100"; // 전달
            case E_UNKNOWN_SUBSCRIBER -> "4414"; // 비가입자, 결번, 서비스정지
            case E_UNREACHABLE -> "4401"; // 단말기 전원 꺼짐
            case E_DELIVERY_TIMEOUT -> "4421"; // 타임아웃
            case E_SPAM_BLOCKED -> "4430"; // 스팸
            case E_HANDSET_UNSUPPORTED -> "4427"; // 기타 단말기 문제
            default -> "4420"; // 기타에러
          };
      case LMS_MMS ->
          switch (rc) {
            case E_OK -> "6600"; // 전달
            case E_UNKNOWN_SUBSCRIBER -> "6606"; // 잘못된 번호
            case E_UNREACHABLE -> "6604"; // 전원이 꺼져 있음
            case E_DELIVERY_TIMEOUT -> "6601"; // 타임 아웃
            case E_SPAM_BLOCKED -> "6617"; // 통신사의 스팸 처리
            case E_HANDSET_UNSUPPORTED -> "6613"; // 서비스 불가 단말기
            default -> "6610"; // 기타에러
          };
      case KAKAO ->
          switch (rc) {
            case E_OK -> "7000"; // 전달
            case E_DELIVERY_TIMEOUT -> "7421"; // 타임아웃
            default -> kakao(kakaoError);
          };
    };
  }

  /**
   * bizclient's code for Kakao's own error code: bizclient numbers Kakao's errors as 7, the
   * thousands digit of Kakao's code, then its last two digits (Kakao 1003 is 7103 "invalid sender
   * key", 3018 is 7318 "cannot send", 2004 is 7204 "template mismatch"); a code outside the
   * documented list, or none, is 7300 (기타에러).
   */
  static String kakao(@Nullable String kakaoError) {
    if (kakaoError != null && kakaoError.matches("[0-9]{4}")) {
      int k = Integer.parseInt(kakaoError);
      if (k % 1000 < 100) {
        int biz = 7000 + (k / 1000) * 100 + k % 100;
        if (KAKAO_CODES.contains(biz)) {
          return Integer.toString(biz);
        }
      }
    }
    return "7300";
  }

  /** TEL_INFO for the REPORT's carrier: SKT, KTF, LGT or KKO as bizclient writes them. */
  public static @Nullable String telInfo(@Nullable String telco) {
    if (telco == null) {
      return null;
    }
    return switch (telco) {
      case "SK" -> "SKT";
      case "KT" -> "KTF";
      case "LG" -> "LGT";
      case "KKO" -> "KKO";
      default -> null;
    };
  }
}
