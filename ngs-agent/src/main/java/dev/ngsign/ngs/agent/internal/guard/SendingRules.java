package dev.ngsign.ngs.agent.internal.guard;

import dev.ngsign.ngs.agent.AgentCode;
import dev.ngsign.ngs.agent.AgentConfig;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.regex.Pattern;

/**
 * The Korean rules for advertising messages (정보통신망법 제50조) and the first-sender code, as guards an
 * operator can switch off:
 *
 * <ul>
 *   <li>an advertising row (AD_FLAG=Y) is held outside the window (default 08:00-21:00 Korean time,
 *       the hours the law allows without separate consent) and sent when the window next opens. The
 *       window is always decided in Asia/Seoul, whatever the agent's {@code zone}, the JVM or the
 *       database say; the hold time is written in {@code zone}, like every timestamp in the tables;
 *   <li>its text must start with {@code (광고)} (spaces inside the parentheses allowed; for LMS/MMS
 *       the subject or the body may carry it);
 *   <li>it must carry a free opt-out: the words 수신거부 (or 수신 거부) and a phone number (usually 080);
 *   <li>SENDER_CODE must be present (the row's, or the account's default).
 * </ul>
 */
public final class SendingRules {
  private static final Pattern AD_PREFIX = Pattern.compile("^\\s*\\(\\s*광\\s*고\\s*\\)");
  private static final Pattern OPT_OUT_WORDS = Pattern.compile("수신\\s*거부");
  private static final Pattern PHONE = Pattern.compile("0\\d{1,2}[-\\s.)]?\\d{3,4}[-\\s.]?\\d{4}");

  private final AgentConfig.Guards config;
  private final ZoneId zone;

  /**
   * @param zone the zone of the tables' timestamps, in which a hold time is written
   */
  public SendingRules(AgentConfig.Guards config, ZoneId zone) {
    this.config = config;
    this.zone = zone;
  }

  /**
   * @param advertising AD_FLAG
   * @param subject the subject, or null
   * @param body the body text, or null
   * @param senderCode the SENDER_CODE that would be sent, or null/blank
   * @param now the instant now (from the agent's clock)
   */
  public Verdict check(
      boolean advertising, String subject, String body, String senderCode, Instant now) {
    if (config.requireSenderCode() && (senderCode == null || senderCode.isBlank())) {
      return new Verdict.Reject(
          AgentCode.SENDER_CODE_MISSING.code(), AgentCode.SENDER_CODE_MISSING.meaning());
    }
    if (!advertising || !config.advertising()) {
      return Verdict.PASS;
    }
    boolean prefixed =
        (body != null && AD_PREFIX.matcher(body).find())
            || (subject != null && AD_PREFIX.matcher(subject).find());
    if (!prefixed) {
      return new Verdict.Reject(
          AgentCode.AD_PREFIX_MISSING.code(), AgentCode.AD_PREFIX_MISSING.meaning());
    }
    String all = (subject == null ? "" : subject) + "\n" + (body == null ? "" : body);
    if (!OPT_OUT_WORDS.matcher(all).find() || !PHONE.matcher(all).find()) {
      return new Verdict.Reject(
          AgentCode.AD_OPT_OUT_MISSING.code(), AgentCode.AD_OPT_OUT_MISSING.meaning());
    }
    ZonedDateTime korea = now.atZone(AgentConfig.KOREA);
    LocalTime t = korea.toLocalTime();
    LocalTime start = config.adWindowStart();
    LocalTime end = config.adWindowEnd();
    if (t.isBefore(start)) {
      return hold(korea.toLocalDate().atTime(start), "advertising held until " + start + " KST");
    }
    if (!t.isBefore(end)) {
      return hold(
          korea.toLocalDate().plusDays(1).atTime(start),
          "advertising held until " + start + " KST tomorrow");
    }
    return Verdict.PASS;
  }

  private Verdict hold(LocalDateTime untilInKorea, String reason) {
    return new Verdict.Hold(
        untilInKorea.atZone(AgentConfig.KOREA).withZoneSameInstant(zone).toLocalDateTime(), reason);
  }
}
