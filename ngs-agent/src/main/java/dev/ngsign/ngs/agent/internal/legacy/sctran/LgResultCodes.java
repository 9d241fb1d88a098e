package dev.ngsign.ngs.agent.internal.legacy.sctran;

import dev.ngsign.ngs.agent.AgentCode;
import dev.ngsign.ngs.protocol.ResultCode;
import org.jspecify.annotations.Nullable;

/**
 * NGS result codes (and the agent's 9xxx codes) to the LG U+ agent's codes, by nearest meaning:
 * {@code SC_TRAN.TR_RSLTSTAT} (2 digits, {@code 06} delivered) and {@code MMS_MSG.RSLT} (4 digits,
 * {@code 1000} delivered). The tables are in docs/legacy-tables.md ("sc-tran"); the exact NGS code
 * stays in the agent's side table.
 */
public final class LgResultCodes {
  /** TR_RSLTSTAT of a delivered SMS. */
  public static final String SMS_DELIVERED = "06";

  /** RSLT of a delivered LMS/MMS. */
  public static final String MMS_DELIVERED = "1000";

  private LgResultCodes() {}

  /** TR_RSLTSTAT for a final SMS outcome; {@code code} null (e.g. an operator's cancel) is 20. */
  public static String sms(@Nullable Integer code) {
    if (code == null) {
      return "20"; // 기타에러
    }
    AgentCode agent = AgentCode.fromCode(code);
    if (agent != null) {
      return switch (agent) {
        case EXPIRED, REPORT_TIMEOUT -> "11"; // 타임아웃
        case AD_PREFIX_MISSING -> "25"; // 성인광고, 대출광고 등 기타 제한
        case AD_OPT_OUT_MISSING -> "23"; // 수신거부 메시지 없음
        case RETRIES_EXHAUSTED -> "01"; // 시스템 장애
        case UNKNOWN_ACCOUNT -> "02"; // 인증실패
        case SENDER_CODE_MISSING, BAD_ROW -> "03"; // 메시지 형식 오류
      };
    }
    ResultCode rc = ResultCode.of(code);
    return switch (rc) {
      case E_OK -> SMS_DELIVERED;
      case E_UNKNOWN_SUBSCRIBER -> "07"; // 비가입자, 결번, 서비스정지
      case E_UNREACHABLE -> "08"; // 단말기 Power-off 상태
      case E_DELIVERY_TIMEOUT -> "11"; // 타임아웃
      case E_SPAM_BLOCKED -> "40"; // 단말기착신거부(스팸등)
      case E_INVALID_DA_ADDR -> "21"; // 착신번호 에러(자리수에러)
      case E_INVALID_CALLBACK -> "29"; // 전화번호 세칙 미준수 발신번호 사용
      case E_QUOTA_OVER -> "19"; // 월 송신 건수 초과
      default -> {
        if (code >= 1000 && code < 2000) {
          yield "02"; // 인증실패 (the account was refused)
        }
        if (code >= 2000 && code < 3000) {
          yield "03"; // 메시지 형식 오류
        }
        if (code >= 3000 && code < 4000) {
          yield "01"; // 시스템 장애 (retries used up)
        }
        yield "20"; // 기타에러: E_KAKAO_FAIL, E_HANDSET_UNSUPPORTED, E_CARRIER_FAIL, unknown
      }
    };
  }

  /** RSLT for a final LMS/MMS outcome; {@code code} null (an operator's cancel) is 3006. */
  public static String mms(@Nullable Integer code) {
    if (code == null) {
      return "3006"; // 기타
    }
    AgentCode agent = AgentCode.fromCode(code);
    if (agent != null) {
      return switch (agent) {
        case EXPIRED -> "9011"; // 발송 지연으로 인한 실패
        case REPORT_TIMEOUT -> "9004"; // 이통사에서 응답 없음
        case RETRIES_EXHAUSTED -> "9010"; // 재전송 횟수 초과로 실패
        case BAD_ROW -> "9007"; // 파일오류 (an image file that cannot be read)
        case UNKNOWN_ACCOUNT -> "4101"; // 계정 차단
        case AD_PREFIX_MISSING, AD_OPT_OUT_MISSING, SENDER_CODE_MISSING -> "2000"; // 포맷 에러
      };
    }
    ResultCode rc = ResultCode.of(code);
    return switch (rc) {
      case E_OK -> MMS_DELIVERED;
      case E_UNKNOWN_SUBSCRIBER -> "2001"; // 잘못된 번호
      case E_UNREACHABLE -> "3004"; // 전원 꺼짐
      case E_DELIVERY_TIMEOUT -> "3002"; // 전송시간 초과
      case E_SPAM_BLOCKED -> "5003"; // 스팸
      case E_HANDSET_UNSUPPORTED -> "3000"; // 기업형 MMS 미지원 단말기
      case E_INVALID_DA_ADDR -> "9002"; // 폰 넘버 에러
      case E_INVALID_CALLBACK -> "5302"; // 전화번호 세칙 미준수 발신번호 사용
      case E_INVALID_MSGTYPE -> "9008"; // MMS_MSG의 MSG_TYPE 값이 잘못되었음
      case E_MEDIA_COUNT -> "2002"; // 컨텐츠 사이즈 및 개수 초과
      case E_MEDIA_TYPE -> "9006"; // 지원되지 않는 파일
      case E_MEDIA_SIZE -> "9005"; // 파일크기 오류
      case E_INVALID_IMAGE -> "2003"; // 잘못된 컨텐츠
      case E_QUOTA_OVER -> "4104"; // 건수 부족
      default -> {
        if (code >= 1000 && code < 2000) {
          yield "4101"; // 계정 차단
        }
        if (code >= 2000 && code < 3000) {
          yield "2000"; // 포맷 에러
        }
        if (code >= 3000 && code < 4000) {
          yield "4000"; // 서버문제로 인한 접수 실패 (retries used up)
        }
        yield "3006"; // 기타: E_KAKAO_FAIL, E_CARRIER_FAIL, unknown
      }
    };
  }

  /** TR_NET / TELCOINFO for the REPORT's carrier: SKT, KT, LGT, KKO; null when not known. */
  public static @Nullable String carrier(@Nullable String telco) {
    if (telco == null) {
      return null;
    }
    return switch (telco) {
      case "SK" -> "SKT";
      case "KT" -> "KT";
      case "LG" -> "LGT";
      case "KKO" -> "KKO";
      default -> null;
    };
  }
}
