package dev.ngsign.ngs.agent.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.agent.AgentCode;
import dev.ngsign.ngs.agent.AgentConfig;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class SendingRulesTest {
  private static final String AD = "(광고) 11월 할인\n무료수신거부 080-123-4567";
  private final SendingRules rules = new SendingRules(new AgentConfig.Guards(null, null, null, null, null));
  private final LocalDateTime noon = LocalDateTime.of(2026, 11, 24, 12, 0);

  @Test
  void anAdvertisementInTheWindowPasses() {
    assertThat(rules.check(true, null, AD, "101280092", noon)).isEqualTo(Verdict.PASS);
    assertThat(rules.check(true, "( 광고 ) 제목", "본문 수신 거부 080 1234 5678", "101280092", noon)).isEqualTo(Verdict.PASS);
  }

  @Test
  void anAdvertisementOutsideTheWindowIsHeldUntilItOpens() {
    assertThat(rules.check(true, null, AD, "101280092", noon.withHour(7).withMinute(59)))
        .isEqualTo(new Verdict.Hold(LocalDateTime.of(2026, 11, 24, 8, 0), "advertising held until 08:00"));
    Verdict late = rules.check(true, null, AD, "101280092", noon.withHour(21));
    assertThat(late).isInstanceOf(Verdict.Hold.class);
    assertThat(((Verdict.Hold) late).until()).isEqualTo(LocalDateTime.of(2026, 11, 25, 8, 0));
    assertThat(rules.check(true, null, AD, "101280092", noon.withHour(20).withMinute(59))).isEqualTo(Verdict.PASS);
  }

  @Test
  void anAdvertisementWithoutPrefixOrOptOutIsRejected() {
    assertThat(rules.check(true, null, "11월 할인 무료수신거부 080-123-4567", "101280092", noon))
        .isEqualTo(new Verdict.Reject(AgentCode.AD_PREFIX_MISSING.code(), AgentCode.AD_PREFIX_MISSING.meaning()));
    assertThat(rules.check(true, null, "(광고) 11월 할인", "101280092", noon))
        .isEqualTo(new Verdict.Reject(AgentCode.AD_OPT_OUT_MISSING.code(), AgentCode.AD_OPT_OUT_MISSING.meaning()));
    assertThat(rules.check(true, null, "(광고) 수신거부는 고객센터로", "101280092", noon)).isInstanceOf(Verdict.Reject.class);
  }

  @Test
  void theSenderCodeIsRequired() {
    assertThat(rules.check(false, null, "hi", " ", noon))
        .isEqualTo(new Verdict.Reject(AgentCode.SENDER_CODE_MISSING.code(), AgentCode.SENDER_CODE_MISSING.meaning()));
  }

  @Test
  void guardsCanBeSwitchedOff() {
    SendingRules off = new SendingRules(new AgentConfig.Guards(false, null, null, false, null));
    assertThat(off.check(true, null, "할인", null, noon.withHour(23))).isEqualTo(Verdict.PASS);
  }

  @Test
  void nonAdvertisingMessagesGoAtAnyHour() {
    assertThat(rules.check(false, null, "인증번호 123456", "101280092", noon.withHour(3))).isEqualTo(Verdict.PASS);
  }
}
