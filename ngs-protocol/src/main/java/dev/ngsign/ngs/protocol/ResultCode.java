package dev.ngsign.ngs.protocol;

import java.util.HashMap;
import java.util.Map;

/**
 * The one table of NGS result codes (RESULT fields of CERT_ACK, BIND_ACK, DELIVER_ACK, REPORT and
 * REPORT_ACK). The vendor's spreadsheet is not public, so the numbers are this project's own; the
 * names the spec uses (E_OK, E_SYS_FAIL, E_SYS_BUSY, E_NET_FAIL, E_TPS_OVER) keep the meanings the
 * spec gives them. {@code docs/error-codes.md} is generated from the same facts and checked against
 * this enum by a test.
 *
 * <ul>
 *   <li>1xxx: connection, CERT and BIND (CERT_ACK, BIND_ACK, EVENT type 0 reasons)
 *   <li>2xxx: a DELIVER the gateway refuses (DELIVER_ACK); final unless noted
 *   <li>3xxx: temporary conditions a sender retries (DELIVER_ACK)
 *   <li>4xxx: delivery outcomes from the carrier or Kakao (REPORT)
 * </ul>
 */
public enum ResultCode {
  E_OK(0, Stage.ANY, false, "Success"),

  E_AUTH_FAIL(1001, Stage.SESSION, false, "Unknown ID or wrong password"),
  E_INVALID_VERSION(1002, Stage.SESSION, false, "VERSION is not TV_2.0.1"),
  E_CERT_TOO_OFTEN(
      1003, Stage.SESSION, true, "More than one CERT for the account within 3 seconds"),
  E_ACCOUNT_LOCKED(
      1004, Stage.SESSION, false, "Account locked after excessive connection attempts"),
  E_IP_DENIED(1005, Stage.SESSION, false, "Client address is not registered for the account"),
  E_INVALID_CERT_KEY(
      1006, Stage.SESSION, false, "CERT_KEY unknown, expired or issued to another ID"),
  E_INVALID_KIND(1007, Stage.SESSION, false, "KIND is not DLV/REP or does not match the port"),
  E_INVALID_TYPE(1008, Stage.SESSION, false, "TYPE is not p (plain) or P (encrypted)"),
  E_ENCRYPT_NOT_ALLOWED(1009, Stage.SESSION, false, "Account is not allowed this session TYPE"),
  E_DUPLICATE_SESSION(
      1010, Stage.SESSION, false, "A second session of the same kind for the ID: both closed"),
  E_INVALID_KEYPOS(1011, Stage.SESSION, false, "KEYPOS is not a number in 0..64"),
  E_LOGIN_TIMEOUT(1012, Stage.SESSION, false, "No CERT/BIND within 1 second of connecting"),
  E_IDLE_TIMEOUT(1013, Stage.SESSION, false, "No packet for too long: session closed"),
  E_UNEXPECTED_PACKET(
      1014, Stage.SESSION, false, "A packet type not expected in the session's state"),
  E_KICKED(1015, Stage.SESSION, false, "Session closed by the operator"),
  E_SHUTDOWN(1016, Stage.SESSION, true, "Gateway shutting down"),
  E_MALFORMED_PACKET(1017, Stage.SESSION, false, "Header or body does not follow the spec"),

  E_INVALID_MSGTYPE(2001, Stage.DELIVER_ACK, false, "MSGTYPE unknown or not supported"),
  E_INVALID_DA_ADDR(2002, Stage.DELIVER_ACK, false, "Recipient number (DA_ADDR) malformed"),
  E_INVALID_CALLBACK(2003, Stage.DELIVER_ACK, false, "Callback number malformed"),
  E_INVALID_SENDER_CODE(2004, Stage.DELIVER_ACK, false, "SENDER_CODE missing or not 9 digits"),
  E_INVALID_ENCODING(2005, Stage.DELIVER_ACK, false, "ENCODING unknown, or text not valid in it"),
  E_TEXT_TOO_LONG(2006, Stage.DELIVER_ACK, false, "Text or subject over the limit for the type"),
  E_TEXT_EMPTY(2007, Stage.DELIVER_ACK, false, "Message has no text"),
  E_INVALID_SERIAL(2008, Stage.DELIVER_ACK, false, "SERIAL missing or malformed"),
  E_MEDIA_COUNT(2009, Stage.DELIVER_ACK, false, "Attachment count wrong for the type (at most 4)"),
  E_MEDIA_TYPE(
      2010, Stage.DELIVER_ACK, false, "Attachment MTYPE/ENCODING not allowed for the type"),
  E_MEDIA_SIZE(2011, Stage.DELIVER_ACK, false, "Attachment too large or empty"),
  E_INVALID_KAKAO(
      2012,
      Stage.DELIVER_ACK,
      false,
      "Kakao field (sender key, template, method, failover) missing or wrong"),
  E_INVALID_JSON(2013, Stage.DELIVER_ACK, false, "Kakao extras JSON invalid"),
  E_INVALID_EXTENSION(
      2014, Stage.DELIVER_ACK, false, "EXT_SIZE not 0/10/16 or extension value wrong"),
  E_QUOTA_OVER(2015, Stage.DELIVER_ACK, false, "Monthly quota used up"),
  E_INVALID_IMAGE(2016, Stage.DELIVER_ACK, false, "Image content is not the declared JPG/PNG"),

  E_SYS_FAIL(3001, Stage.DELIVER_ACK, true, "Gateway system failure: retry"),
  E_SYS_BUSY(3002, Stage.DELIVER_ACK, true, "Gateway busy: retry"),
  E_NET_FAIL(3003, Stage.DELIVER_ACK, true, "Gateway network failure towards carriers: retry"),
  E_TPS_OVER(3004, Stage.DELIVER_ACK, true, "Over the account's per-second limit: retry later"),

  E_UNKNOWN_SUBSCRIBER(4001, Stage.REPORT, false, "No such subscriber (결번)"),
  E_UNREACHABLE(4002, Stage.REPORT, false, "Handset off or out of coverage"),
  E_DELIVERY_TIMEOUT(4003, Stage.REPORT, false, "No delivery receipt within the validity period"),
  E_SPAM_BLOCKED(4004, Stage.REPORT, false, "Blocked as spam by the carrier or the recipient"),
  E_KAKAO_FAIL(4005, Stage.REPORT, false, "Kakao delivery failed and no fallback was requested"),
  E_HANDSET_UNSUPPORTED(4006, Stage.REPORT, false, "Handset cannot receive this message type"),
  E_CARRIER_FAIL(4099, Stage.REPORT, false, "Other carrier failure"),

  /** Not on the wire: stands for a numeric code this table does not know. */
  UNKNOWN(-1, Stage.ANY, false, "Code not in this table");

  /** Where a code appears. */
  public enum Stage {
    ANY,
    SESSION,
    DELIVER_ACK,
    REPORT
  }

  private static final Map<Integer, ResultCode> BY_CODE = new HashMap<>();

  static {
    for (ResultCode rc : values()) {
      if (rc != UNKNOWN && BY_CODE.put(rc.code, rc) != null) {
        throw new ExceptionInInitializerError("duplicate result code " + rc.code);
      }
    }
  }

  private final int code;
  private final Stage stage;
  private final boolean retryable;
  private final String meaning;

  ResultCode(int code, Stage stage, boolean retryable, String meaning) {
    this.code = code;
    this.stage = stage;
    this.retryable = retryable;
    this.meaning = meaning;
  }

  /** The number on the wire (RESULT is 4C, so at most 9999). */
  public int code() {
    return code;
  }

  public Stage stage() {
    return stage;
  }

  /**
   * True when the same request may succeed later. Among DELIVER_ACK codes these are exactly the
   * four of section 7.2 (E_SYS_FAIL, E_SYS_BUSY, E_NET_FAIL, E_TPS_OVER); among session codes
   * E_CERT_TOO_OFTEN and E_SHUTDOWN (connect again after a pause). Check {@link #stage()} to know
   * which applies.
   */
  public boolean retryable() {
    return retryable;
  }

  public String meaning() {
    return meaning;
  }

  /** The constant for a wire code, or {@link #UNKNOWN}. */
  public static ResultCode of(int code) {
    return BY_CODE.getOrDefault(code, UNKNOWN);
  }
}
