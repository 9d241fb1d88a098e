package dev.ngsign.ngs.agent;

/**
 * RESULT_CODE values the agent writes itself, for outcomes decided before or without the gateway.
 * They are 9xxx, outside the NGS table ({@link dev.ngsign.ngs.protocol.ResultCode} uses 0..4xxx),
 * and never go on the wire. Content-rule violations found before sending keep the NGS code the
 * gateway would answer with (2xxx).
 */
public enum AgentCode {
  EXPIRED(9001, "Not sent before EXPIRES_AT (or the configured default time to live)"),
  AD_PREFIX_MISSING(9002, "Advertising message (AD_FLAG=Y) does not start with (광고)"),
  AD_OPT_OUT_MISSING(
      9003, "Advertising message (AD_FLAG=Y) has no free opt-out number (무료수신거부 080-...)"),
  SENDER_CODE_MISSING(9004, "SENDER_CODE is empty and the account has no default sender code"),
  RETRIES_EXHAUSTED(9005, "Retryable DELIVER_ACK codes until the attempt limit"),
  REPORT_TIMEOUT(9006, "No REPORT within the report timeout after the DELIVER_ACK"),
  BAD_ROW(9007, "The row cannot be turned into a DELIVER (unknown MSG_TYPE, bad ENCODING, ...)"),
  UNKNOWN_ACCOUNT(9008, "ACCOUNT names no configured account");

  private final int code;
  private final String meaning;

  AgentCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }

  /** The constant for a code, or null. */
  public static AgentCode fromCode(int code) {
    for (AgentCode c : values()) {
      if (c.code == code) {
        return c;
      }
    }
    return null;
  }
}
