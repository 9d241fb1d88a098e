package dev.ngsign.ngs.agent.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.agent.AgentConfig;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Which monthly log table a finished row goes to, at the last day of a month (log-table.month). */
class LogMonthTest {
  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final ZoneId KST = ZoneId.of("Asia/Seoul");

  private static String month(LocalDateTime updatedAt, ZoneId zone, String choice) {
    AgentConfig.LogTable t = new AgentConfig.LogTable("monthly", null, null, choice);
    return LogTables.month(updatedAt, zone, t.monthZone(zone));
  }

  @Test
  void underUtcTheKoreanMonthStartsAt15Utc() {
    // 2026-11-30 14:59:59 UTC is 23:59:59 KST: still November in Korea
    assertThat(month(LocalDateTime.of(2026, 11, 30, 14, 59, 59), UTC, "korean"))
        .isEqualTo("202611");
    // 15:00 UTC is 00:00 KST on 1 December: the gateway bills it in December
    assertThat(month(LocalDateTime.of(2026, 11, 30, 15, 0), UTC, "korean")).isEqualTo("202612");
    assertThat(month(LocalDateTime.of(2026, 11, 30, 23, 59, 59), UTC, "korean"))
        .isEqualTo("202612");
    // log-table.month: zone keeps UTC's calendar
    assertThat(month(LocalDateTime.of(2026, 11, 30, 15, 0), UTC, "zone")).isEqualTo("202611");
    assertThat(month(LocalDateTime.of(2026, 12, 1, 0, 0), UTC, "zone")).isEqualTo("202612");
  }

  @Test
  void underKoreanTimeBothChoicesAgree() {
    for (String choice : new String[] {"korean", "zone"}) {
      assertThat(month(LocalDateTime.of(2026, 11, 30, 23, 59, 59, 999_000_000), KST, choice))
          .isEqualTo("202611");
      assertThat(month(LocalDateTime.of(2026, 12, 1, 0, 0), KST, choice)).isEqualTo("202612");
      assertThat(month(LocalDateTime.of(2026, 12, 31, 23, 59, 59), KST, choice))
          .isEqualTo("202612");
      assertThat(month(LocalDateTime.of(2027, 1, 1, 0, 0), KST, choice)).isEqualTo("202701");
    }
  }

  @Test
  void aLeapYearFebruaryAndAYearEndUnderNewYork() {
    ZoneId ny = ZoneId.of("America/New_York");
    // 2028-02-29 09:59 New York (EST, -5) is 23:59 KST; 10:00 is 1 March 00:00 KST
    assertThat(month(LocalDateTime.of(2028, 2, 29, 9, 59), ny, "korean")).isEqualTo("202802");
    assertThat(month(LocalDateTime.of(2028, 2, 29, 10, 0), ny, "korean")).isEqualTo("202803");
    // 2026-12-31 10:00 New York is 2027-01-01 00:00 KST
    assertThat(month(LocalDateTime.of(2026, 12, 31, 10, 0), ny, "korean")).isEqualTo("202701");
    assertThat(month(LocalDateTime.of(2026, 12, 31, 10, 0), ny, "zone")).isEqualTo("202612");
  }
}
