package dev.ngsign.ngs.agent;

/**
 * STATUS of a send-table row. The status machine (docs/agent.md):
 *
 * <pre>
 *   READY --claim--> SENDING --DELIVER_ACK E_OK--> SENT --REPORT--> DONE | FAILED
 *     ^                 |  \--final ACK code / local check------------> REJECTED
 *     |                 |  \--retryable ACK, attempts left, or no ACK--> READY (NEXT_TRY_AT)
 *     |                 |  \--retryable ACK, attempts used up---------> FAILED
 *     +--crash / lease--+  \--expired before sending------------------> EXPIRED
 * </pre>
 *
 * A REPORT always wins: it sets DONE or FAILED whatever the row's status (a late report after a
 * timeout, a report that overtakes its own ACK). {@link #CANCELED} is written by operators only;
 * the agent never touches such a row.
 */
public enum MessageStatus {
  /**
   * Waiting: new, scheduled, backing off after a retryable failure, or an advertisement held
   * overnight.
   */
  READY("READY", false),
  /** Claimed by a node: the DELIVER is on its way or its ACK has not been written yet. */
  SENDING("SENDING", false),
  /** DELIVER_ACK E_OK: the gateway has it; waiting for the REPORT. */
  SENT("SENT", false),
  /** REPORT result 0: delivered. */
  DONE("DONE", true),
  /** REPORT with a failure code, retries used up, or no report within the report timeout. */
  FAILED("FAILED", true),
  /** Refused: a final DELIVER_ACK code, or a local check (content rules, guards) before sending. */
  REJECTED("REJECTED", true),
  /** Not sent before its expiry. */
  EXPIRED("EXPIRED", true),
  /** Withdrawn by an operator (set by hand while READY); never touched by the agent. */
  CANCELED("CANCELED", true);

  private final String code;
  private final boolean terminal;

  MessageStatus(String code, boolean terminal) {
    this.code = code;
    this.terminal = terminal;
  }

  /** The value stored in STATUS. */
  public String code() {
    return code;
  }

  /** True for the final states; a final row only changes again when a (late) REPORT arrives. */
  public boolean terminal() {
    return terminal;
  }

  /** The status for a STATUS value, or null. */
  public static MessageStatus fromCode(String code) {
    for (MessageStatus s : values()) {
      if (s.code.equals(code)) {
        return s;
      }
    }
    return null;
  }
}
