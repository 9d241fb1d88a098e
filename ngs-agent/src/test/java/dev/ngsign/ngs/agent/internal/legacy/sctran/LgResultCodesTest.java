package dev.ngsign.ngs.agent.internal.legacy.sctran;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.agent.AgentCode;
import dev.ngsign.ngs.protocol.ResultCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LgResultCodesTest {
  /**
   * TR_RSLTSTAT values the LG U+ agent's SMS result table defines (as sites' code lists it: 06
   * delivered, 07 no such subscriber, 08 power-off, ...).
   */
  private static final Set<String> SMS_TABLE =
      Set.of(
          "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "13", "14", "17", "18",
          "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31", "40", "91",
          "92", "93", "99");

  /** RSLT values of the LG U+ agent's MMS result table (1000 delivered). */
  private static final Set<String> MMS_TABLE =
      Set.of(
          "1000", "2000", "2001", "2002", "2003", "3000", "3001", "3002", "3004", "3005", "3006",
          "4000", "4001", "4002", "4003", "4101", "4102", "4104", "4201", "4202", "5000", "5001",
          "5003", "5201", "5202", "5301", "5302", "5303", "5304", "6000", "6100", "9001", "9002",
          "9003", "9004", "9005", "9006", "9007", "9008", "9009", "9010", "9011", "9012", "9013");

  private static List<Integer> everyCode() {
    List<Integer> codes = new ArrayList<>();
    for (ResultCode rc : ResultCode.values()) {
      codes.add(rc.code());
    }
    for (AgentCode ac : AgentCode.values()) {
      codes.add(ac.code());
    }
    codes.add(4098); // a report code the table does not know yet
    codes.add(2099);
    return codes;
  }

  @Test
  void everyNgsAndAgentCodeLandsOnACodeOfTheVendorsTables() {
    for (int code : everyCode()) {
      assertThat(LgResultCodes.sms(code)).as("SMS %d", code).isIn(SMS_TABLE);
      assertThat(LgResultCodes.mms(code)).as("MMS %d", code).isIn(MMS_TABLE);
    }
    assertThat(LgResultCodes.sms(null)).isIn(SMS_TABLE);
    assertThat(LgResultCodes.mms(null)).isIn(MMS_TABLE);
  }

  @Test
  void onlyDeliveryIsSuccessInTheVendorsTerms() {
    for (int code : everyCode()) {
      assertThat(LgResultCodes.sms(code).equals("06")).as("SMS %d", code).isEqualTo(code == 0);
      assertThat(LgResultCodes.mms(code).equals("1000")).as("MMS %d", code).isEqualTo(code == 0);
    }
  }

  @Test
  void reportOutcomesTakeTheirNearestVendorMeaning() {
    assertThat(LgResultCodes.sms(4001)).isEqualTo("07"); // 비가입자, 결번, 서비스정지
    assertThat(LgResultCodes.sms(4002)).isEqualTo("08"); // 단말기 Power-off
    assertThat(LgResultCodes.sms(4003)).isEqualTo("11"); // 타임아웃
    assertThat(LgResultCodes.sms(4004)).isEqualTo("40"); // 단말기착신거부(스팸등)
    assertThat(LgResultCodes.sms(2002)).isEqualTo("21"); // 착신번호 에러
    assertThat(LgResultCodes.mms(4001)).isEqualTo("2001"); // 잘못된 번호
    assertThat(LgResultCodes.mms(4002)).isEqualTo("3004"); // 전원 꺼짐
    assertThat(LgResultCodes.mms(4003)).isEqualTo("3002"); // 전송시간 초과
    assertThat(LgResultCodes.mms(4006)).isEqualTo("3000"); // 기업형 MMS 미지원 단말기
    assertThat(LgResultCodes.mms(AgentCode.EXPIRED.code())).isEqualTo("9011"); // 발송 지연
    assertThat(LgResultCodes.mms(AgentCode.RETRIES_EXHAUSTED.code())).isEqualTo("9010");
  }

  @Test
  void carriersAreNamedAsTheVendorNamesThem() {
    assertThat(LgResultCodes.carrier("SK")).isEqualTo("SKT");
    assertThat(LgResultCodes.carrier("KT")).isEqualTo("KT");
    assertThat(LgResultCodes.carrier("LG")).isEqualTo("LGT");
    assertThat(LgResultCodes.carrier("ETC")).isNull();
    assertThat(LgResultCodes.carrier(null)).isNull();
  }
}
