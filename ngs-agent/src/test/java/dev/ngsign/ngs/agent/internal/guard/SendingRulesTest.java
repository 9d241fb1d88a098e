package dev.ngsign.ngs.agent.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.agent.AgentCode;
import dev.ngsign.ngs.agent.AgentConfig;
import dev.ngsign.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class SendingRulesTest {
  private static final String AD = "(광고) 11월 할인\n무료수신거부 080-123-4567";
  private static final ZoneId KST = ZoneId.of("Asia/Seoul");
  private final SendingRules rules =
      new SendingRules(new AgentConfig.Guards(null, null, null, null, null), KST);
  private final LocalDateTime noon = LocalDateTime.of(2026, 11, 24, 12, 0);

  /** A Korean wall-clock time as the agent's clock gives it. */
  private static Instant kst(LocalDateTime t) {
    return t.atZone(KST).toInstant();
  }

  @Test
  void anAdvertisementInTheWindowPasses() {
    assertThat(rules.check(true, null, AD, "101280092", kst(noon))).isEqualTo(Verdict.PASS);
    assertThat(rules.check(true, "( 광고 ) 제목", "본문 수신 거부 080 1234 5678", "101280092", kst(noon)))
        .isEqualTo(Verdict.PASS);
  }

  @Test
  void anAdvertisementOutsideTheWindowIsHeldUntilItOpens() {
    assertThat(rules.check(true, null, AD, "101280092", kst(noon.withHour(7).withMinute(59))))
        .isEqualTo(
            new Verdict.Hold(
                LocalDateTime.of(2026, 11, 24, 8, 0), "advertising held until 08:00 KST"));
    Verdict late = rules.check(true, null, AD, "101280092", kst(noon.withHour(21)));
    assertThat(late).isInstanceOf(Verdict.Hold.class);
    assertThat(((Verdict.Hold) late).until()).isEqualTo(LocalDateTime.of(2026, 11, 25, 8, 0));
    assertThat(rules.check(true, null, AD, "101280092", kst(noon.withHour(20).withMinute(59))))
        .isEqualTo(Verdict.PASS);
  }

  @Test
  void anAdvertisementWithoutPrefixOrOptOutIsRejected() {
    assertThat(rules.check(true, null, "11월 할인 무료수신거부 080-123-4567", "101280092", kst(noon)))
        .isEqualTo(
            new Verdict.Reject(
                AgentCode.AD_PREFIX_MISSING.code(), AgentCode.AD_PREFIX_MISSING.meaning()));
    assertThat(rules.check(true, null, "(광고) 11월 할인", "101280092", kst(noon)))
        .isEqualTo(
            new Verdict.Reject(
                AgentCode.AD_OPT_OUT_MISSING.code(), AgentCode.AD_OPT_OUT_MISSING.meaning()));
    assertThat(rules.check(true, null, "(광고) 수신거부는 고객센터로", "101280092", kst(noon)))
        .isInstanceOf(Verdict.Reject.class);
  }

  @Test
  void theSenderCodeIsRequired() {
    assertThat(rules.check(false, null, "hi", " ", kst(noon)))
        .isEqualTo(
            new Verdict.Reject(
                AgentCode.SENDER_CODE_MISSING.code(), AgentCode.SENDER_CODE_MISSING.meaning()));
  }

  @Test
  void guardsCanBeSwitchedOff() {
    SendingRules off =
        new SendingRules(new AgentConfig.Guards(false, null, null, false, null), KST);
    assertThat(off.check(true, null, "할인", null, kst(noon.withHour(23)))).isEqualTo(Verdict.PASS);
  }

  @Test
  void nonAdvertisingMessagesGoAtAnyHour() {
    assertThat(rules.check(false, null, "인증번호 123456", "101280092", kst(noon.withHour(3))))
        .isEqualTo(Verdict.PASS);
  }

  /**
   * The window is Korean time whatever the agent's zone: at 20:59 and 08:00 KST an ad goes, at
   * 21:00 and 07:59 KST it is held until 08:00 KST, and the hold time is written in the agent's
   * zone.
   */
  @TestFactory
  List<DynamicTest> theWindowIsKoreanTimeInEveryZone() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String z : List.of("UTC", "America/New_York", "Asia/Seoul")) {
      ZoneId zone = ZoneId.of(z);
      SendingRules r = new SendingRules(new AgentConfig.Guards(null, null, null, null, null), zone);
      // 2026-07-01 (New York on daylight time, -4 h) and 2026-11-24 (standard time, -5 h)
      for (LocalDateTime day :
          List.of(LocalDateTime.of(2026, 7, 1, 0, 0), LocalDateTime.of(2026, 11, 24, 0, 0))) {
        tests.add(
            DynamicTest.dynamicTest(
                z + " " + day.toLocalDate(),
                () -> {
                  MutableClock clock = new MutableClock(kst(day.withHour(20).withMinute(59)));
                  assertThat(r.check(true, null, AD, "101280092", clock.instant()))
                      .as("20:59 KST")
                      .isEqualTo(Verdict.PASS);
                  clock.advance(Duration.ofMinutes(1));
                  Verdict at21 = r.check(true, null, AD, "101280092", clock.instant());
                  assertThat(at21).as("21:00 KST").isInstanceOf(Verdict.Hold.class);
                  assertThat(((Verdict.Hold) at21).until())
                      .isEqualTo(
                          day.plusDays(1)
                              .withHour(8)
                              .atZone(KST)
                              .withZoneSameInstant(zone)
                              .toLocalDateTime());
                  clock.advance(Duration.ofHours(10).plusMinutes(59)); // 07:59 KST next day
                  Verdict at0759 = r.check(true, null, AD, "101280092", clock.instant());
                  assertThat(at0759).as("07:59 KST").isInstanceOf(Verdict.Hold.class);
                  assertThat(((Verdict.Hold) at0759).until())
                      .isEqualTo(((Verdict.Hold) at21).until());
                  clock.advance(Duration.ofMinutes(1));
                  assertThat(r.check(true, null, AD, "101280092", clock.instant()))
                      .as("08:00 KST")
                      .isEqualTo(Verdict.PASS);
                }));
      }
    }
    return tests;
  }

  @Test
  void configuredHoursAreKoreanHoursToo() {
    SendingRules r =
        new SendingRules(
            new AgentConfig.Guards(null, LocalTime.of(9, 0), LocalTime.of(20, 0), null, null),
            ZoneId.of("UTC"));
    // 20:00 KST = 11:00 UTC: outside a 09:00-20:00 KST window, held until 09:00 KST = 00:00 UTC
    Verdict v = r.check(true, null, AD, "101280092", kst(noon.withHour(20)));
    assertThat(v)
        .isEqualTo(
            new Verdict.Hold(
                LocalDateTime.of(2026, 11, 25, 0, 0), "advertising held until 09:00 KST tomorrow"));
    assertThat(r.check(true, null, AD, "101280092", kst(noon.withHour(19).withMinute(59))))
        .isEqualTo(Verdict.PASS);
  }
}
