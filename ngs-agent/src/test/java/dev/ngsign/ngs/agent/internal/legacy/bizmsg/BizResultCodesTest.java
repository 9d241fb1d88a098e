package dev.ngsign.ngs.agent.internal.legacy.bizmsg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.agent.AgentCode;
import dev.ngsign.ngs.agent.internal.legacy.bizmsg.BizResultCodes.Channel;
import dev.ngsign.ngs.protocol.ResultCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BizResultCodesTest {
  /** bizclient's SMS result codes (result-code/sms.md). */
  private static final Set<String> SMS =
      codes(
          4100, 4400, 4401, 4402, 4403, 4404, 4405, 4410, 4411, 4412, 4413, 4414, 4415, 4420, 4421,
          4422, 4423, 4424, 4425, 4426, 4427, 4428, 4430, 4431, 4432, 4433, 4434, 4435, 4436, 4437,
          4438, 4443);

  /** bizclient's MMS/LMS result codes (result-code/mms-lms.md): 6600..6636, 6641, 6670. */
  private static final Set<String> MMS =
      Stream.concat(IntStream.rangeClosed(6600, 6636).boxed(), Stream.of(6641, 6670))
          .map(String::valueOf)
          .collect(Collectors.toSet());

  /** bizclient's common result codes (result-code/common.md). */
  private static final Set<String> COMMON =
      codes(
          9903, 9904, 9081, 9082, 9083, 9084, 9085, 9905, 9907, 9010, 9011, 9012, 9013, 9014, 9015,
          9016, 9017, 9018, 9019, 9020, 9022, 9023, 9024, 9026, 9027, 9028, 9029, 9030, 9031, 9032,
          9033, 9034, 9035, 9036, 9037, 9070, 9071, 9072, 9074, 9080, 9214, 9311, 9908, 9090, 9215);

  private static Set<String> codes(int... cs) {
    return IntStream.of(cs).mapToObj(String::valueOf).collect(Collectors.toSet());
  }

  private static List<Integer> everyCode() {
    List<Integer> codes = new ArrayList<>();
    for (ResultCode rc : ResultCode.values()) {
      codes.add(rc.code());
    }
    for (AgentCode ac : AgentCode.values()) {
      codes.add(ac.code());
    }
    codes.add(4098);
    codes.add(2099);
    return codes;
  }

  @Test
  void everyCodeLandsInTheChannelsTableOrTheCommonOne() {
    for (int code : everyCode()) {
      assertThat(BizResultCodes.callStatus(Channel.SMS, code, null))
          .as("SMS %d", code)
          .isIn(union(SMS, COMMON));
      assertThat(BizResultCodes.callStatus(Channel.LMS_MMS, code, null))
          .as("LMS/MMS %d", code)
          .isIn(union(MMS, COMMON));
      assertThat(BizResultCodes.callStatus(Channel.KAKAO, code, "3018"))
          .as("Kakao %d", code)
          .isIn(
              union(
                  BizResultCodes.KAKAO_CODES.stream()
                      .map(String::valueOf)
                      .collect(Collectors.toSet()),
                  COMMON));
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    return Stream.concat(a.stream(), b.stream()).collect(Collectors.toSet());
  }

  @Test
  void deliveredIsTheChannelsSuccessCode() {
    assertThat(BizResultCodes.callStatus(Channel.SMS, 0, null)).isEqualTo("4100");
    assertThat(BizResultCodes.callStatus(Channel.LMS_MMS, 0, null)).isEqualTo("6600");
    assertThat(BizResultCodes.callStatus(Channel.KAKAO, 0, null)).isEqualTo("7000");
  }

  @Test
  void kakaosOwnErrorBecomesBizclientsSevenThousandCode() {
    assertThat(BizResultCodes.kakao("3018")).isEqualTo("7318"); // 메시지를 전송할 수 없음
    assertThat(BizResultCodes.kakao("1003")).isEqualTo("7103"); // Sender key 유효하지 않음
    assertThat(BizResultCodes.kakao("2004")).isEqualTo("7204"); // 템플릿 불일치
    assertThat(BizResultCodes.kakao("3015")).isEqualTo("7315"); // 템플릿 없음
    assertThat(BizResultCodes.kakao("2103")).isEqualTo("7300"); // not in the documented list
    assertThat(BizResultCodes.kakao("3999")).isEqualTo("7300");
    assertThat(BizResultCodes.kakao("abcd")).isEqualTo("7300");
    assertThat(BizResultCodes.kakao(null)).isEqualTo("7300");
    assertThat(BizResultCodes.callStatus(Channel.KAKAO, 4005, "3018")).isEqualTo("7318");
  }

  @Test
  void refusalsAndAgentOutcomesTakeTheCommonCodes() {
    assertThat(BizResultCodes.callStatus(Channel.SMS, AgentCode.EXPIRED.code(), null))
        .isEqualTo("9034"); // 발송 유효시간 만료
    assertThat(BizResultCodes.callStatus(Channel.KAKAO, AgentCode.REPORT_TIMEOUT.code(), null))
        .isEqualTo("9023");
    assertThat(BizResultCodes.callStatus(Channel.SMS, 2001, null)).isEqualTo("9907");
    assertThat(BizResultCodes.callStatus(Channel.SMS, 2002, null)).isEqualTo("9214");
  }

  @Test
  void carriersAreNamedAsBizclientNamesThem() {
    assertThat(BizResultCodes.telInfo("SK")).isEqualTo("SKT");
    assertThat(BizResultCodes.telInfo("KT")).isEqualTo("KTF");
    assertThat(BizResultCodes.telInfo("LG")).isEqualTo("LGT");
    assertThat(BizResultCodes.telInfo("KKO")).isEqualTo("KKO");
    assertThat(BizResultCodes.telInfo("ETC")).isNull();
  }
}
