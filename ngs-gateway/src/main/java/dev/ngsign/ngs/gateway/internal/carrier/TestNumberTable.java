package dev.ngsign.ngs.gateway.internal.carrier;

import dev.ngsign.ngs.gateway.TestNumbers;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.Telco;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The simulated carriers' test numbers as the operator's page shows them: one row per fixed number
 * (checked against {@link CarrierSimulator} by a test, so the page cannot drift from what the
 * simulator does) and the rules for every other number.
 */
public final class TestNumberTable {
  private TestNumberTable() {}

  /**
   * A recipient number with a fixed outcome for an SMS/LMS/MMS.
   *
   * @param number DA_ADDR
   * @param result the REPORT's RESULT
   * @param message the REPORT's MESSAGE ({@code ""} when empty)
   * @param telco the REPORT's TELCOINFO for an SMS/LMS/MMS (Kakao types: KKO when delivered)
   * @param meaning what the number simulates, in Korean and English
   */
  public record Row(
      String number, ResultCode result, String message, Telco telco, String meaning) {}

  /**
   * A rule for a family of numbers.
   *
   * @param pattern the numbers it covers
   * @param outcome RESULT, MESSAGE and TELCOINFO in words
   */
  public record Rule(String pattern, String outcome) {}

  public static final List<Row> FIXED =
      List.of(
          row(TestNumbers.DELIVERED_SK, ResultCode.E_OK, "", Telco.SK, "전달 성공 (delivered)"),
          row(TestNumbers.DELIVERED_KT, ResultCode.E_OK, "", Telco.KT, "전달 성공 (delivered)"),
          row(TestNumbers.DELIVERED_LG, ResultCode.E_OK, "", Telco.LG, "전달 성공 (delivered)"),
          row(
              TestNumbers.SPAM_SUCCESS,
              ResultCode.E_OK,
              "SS",
              Telco.SK,
              "전달, 스팸 표시 (delivered, marked spam)"),
          row(
              TestNumbers.UNKNOWN_SUBSCRIBER,
              ResultCode.E_UNKNOWN_SUBSCRIBER,
              "",
              Telco.ETC,
              "없는 가입자 (no such subscriber)"),
          row(
              TestNumbers.UNREACHABLE,
              ResultCode.E_UNREACHABLE,
              "",
              Telco.ETC,
              "전원 꺼짐·음영 지역 (handset off / out of coverage)"),
          row(
              TestNumbers.TIMEOUT,
              ResultCode.E_DELIVERY_TIMEOUT,
              "",
              Telco.ETC,
              "유효 기간 내 미수신 (no receipt in time)"),
          row(
              TestNumbers.SPAM_BLOCKED,
              ResultCode.E_SPAM_BLOCKED,
              "",
              Telco.ETC,
              "스팸 차단 (blocked as spam)"),
          row(
              TestNumbers.HANDSET_UNSUPPORTED,
              ResultCode.E_HANDSET_UNSUPPORTED,
              "",
              Telco.ETC,
              "단말기 미지원 (handset cannot show the type)"),
          row(
              TestNumbers.CARRIER_FAIL,
              ResultCode.E_CARRIER_FAIL,
              "",
              Telco.ETC,
              "기타 통신사 실패 (other carrier failure)"));

  public static final List<Rule> RULES =
      List.of(
          new Rule(
              TestNumbers.KAKAO_FAIL_PREFIX + "xxxx, 알림톡/친구톡, FAILOVER 0",
              "4005 E_KAKAO_FAIL, MESSAGE Kxxxx, ETC"),
          new Rule(
              TestNumbers.KAKAO_FAIL_PREFIX + "xxxx, 알림톡/친구톡, FAILOVER 1/2/3",
              "0, MESSAGE Kxxxx,T<S|L|M> (대체 발송 fallback), telco by last digit"),
          new Rule(TestNumbers.KAKAO_FAIL_PREFIX + "xxxx, SMS/LMS/MMS", "0, telco by last digit"),
          new Rule(
              "그 밖의 번호 (any other number)",
              "0 (or 4099 at the random failure rate); last digit 0–3 SK, 4–6 KT, 7–9 LG;"
                  + " KKO for Kakao types"));

  private static Row row(
      String number, ResultCode result, @Nullable String message, Telco telco, String meaning) {
    return new Row(number, result, message == null ? "" : message, telco, meaning);
  }
}
