package dev.ngsign.ngs.agent.internal.store;

import dev.ngsign.ngs.agent.MessageStatus;
import java.time.LocalDateTime;

/**
 * The write-back of one SENDING row that did not end in a plain E_OK ACK: a final or retryable ACK
 * code, a send that got no ACK, a local rejection, an expiry or an advertising hold.
 *
 * @param id the row
 * @param fence the fence the row was claimed with; the update applies only if it still carries it
 * @param status the new status (READY, REJECTED, FAILED, EXPIRED)
 * @param ackCode the DELIVER_ACK RESULT, or null when no ACK came
 * @param resultCode RESULT_CODE, or null
 * @param resultMsg RESULT_MSG, or null
 * @param nextTryAt NEXT_TRY_AT for READY, else null
 * @param refundAttempt true when this attempt did not count (advertising hold): ATTEMPTS goes back
 *     down
 */
public record Outcome(
    long id,
    long fence,
    MessageStatus status,
    Integer ackCode,
    Integer resultCode,
    String resultMsg,
    LocalDateTime nextTryAt,
    boolean refundAttempt) {}
