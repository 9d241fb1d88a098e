package dev.ngsign.ngs.agent.internal.guard;

import dev.ngsign.ngs.agent.AgentCode;
import dev.ngsign.ngs.agent.AgentConfig;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.regex.Pattern;

/**
 * The Korean rules for advertising messages (정보통신망법 제50조) and the first-sender code, as guards an
 * operator can switch off:
 *
 * <ul>
 *   <li>an advertising row (AD_FLAG=Y) is held outside the window (default 08:00-21:00 local time, the
 *       hours the law allows without separate consent) and sent when the window next opens;
 *   <li>its text must start with {@code (광고)} (spaces inside the parentheses allowed; for LMS/MMS the
 *       subject or the body may carry it);
 *   <li>it must carry a free opt-out: the words 수신거부 (or 수신 거부) and a phone number (usually 080);
 *   <li>SENDER_CODE must be present (the row's, or the account's default).
 * </ul>
 */
public final class SendingRules {
  private static final Pattern AD_PREFIX = Pattern.compile("^\\s*\\(\\s*광\\s*고\\s*\\)");
  private static final Pattern OPT_OUT_WORDS = Pattern.compile("수신\\s*거부");
  private static final Pattern PHONE = Pattern.compile("0\\d{1,2}[-\\s.)]?\\d{3,4}[-\\s.]?\\d{4}");

  private final AgentConfig.Guards config;

  public SendingRules(AgentConfig.Guards config) {
    this.config = config;
  }

  /**
   * @param advertising AD_FLAG
   * @param subject the subject, or null
   * @param body the body text, or null
   * @param senderCode the SENDER_CODE that would be sent, or null/blank
   * @param now local time now
   */
  public Verdict check(boolean advertising, String subject, String body, String senderCode, LocalDateTime now) {
    if (config.requireSenderCode() && (senderCode == null || senderCode.isBlank())) {
      return new Verdict.Reject(AgentCode.SENDER_CODE_MISSING.code(), AgentCode.SENDER_CODE_MISSING.meaning());
    }
    if (!advertising || !config.advertising()) {
      return Verdict.PASS;
    }
    boolean prefixed = (body != null && AD_PREFIX.matcher(body).find()) || (subject != null && AD_PREFIX.matcher(subject).find());
    if (!prefixed) {
      return new Verdict.Reject(AgentCode.AD_PREFIX_MISSING.code(), AgentCode.AD_PREFIX_MISSING.meaning());
    }
    String all = (subject == null ? "" : subject) + "\n" + (body == null ? "" : body);
    if (!OPT_OUT_WORDS.matcher(all).find() || !PHONE.matcher(all).find()) {
      return new Verdict.Reject(AgentCode.AD_OPT_OUT_MISSING.code(), AgentCode.AD_OPT_OUT_MISSING.meaning());
    }
    LocalTime t = now.toLocalTime();
    LocalTime start = config.adWindowStart();
    LocalTime end = config.adWindowEnd();
    if (t.isBefore(start)) {
      return new Verdict.Hold(now.toLocalDate().atTime(start), "advertising held until " + start);
    }
    if (!t.isBefore(end)) {
      return new Verdict.Hold(now.toLocalDate().plusDays(1).atTime(start), "advertising held until " + start + " tomorrow");
    }
    return Verdict.PASS;
  }
}
