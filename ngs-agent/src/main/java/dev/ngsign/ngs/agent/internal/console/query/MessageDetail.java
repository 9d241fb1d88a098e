package dev.ngsign.ngs.agent.internal.console.query;

import java.time.LocalDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One row as the detail view shows it. The recipient is masked; the message's text, subject and
 * Kakao fields are not carried at all (they hold one-time passwords and names), only their length.
 *
 * @param textLength characters of MSG_TEXT (0 when empty)
 * @param attachments rows in the attachment table; null for an archived row (its attachments were
 *     deleted when it moved)
 * @param orphanReports REPORTs for this SERIAL that matched no row when they came (REPORT_ORPHAN)
 * @param logMonth the month ({@code yyyyMM}) of the log table the row was read from, or null for
 *     the send table
 */
public record MessageDetail(
    long id,
    @Nullable String serial,
    @Nullable String gwSerial,
    String account,
    String maskedRecipient,
    String msgType,
    String status,
    int attempts,
    @Nullable String nodeId,
    int textLength,
    @Nullable Integer attachments,
    @Nullable String telco,
    @Nullable String resultMsg,
    List<Event> timeline,
    int orphanReports,
    @Nullable String logMonth) {

  /**
   * One step of the row's life.
   *
   * @param at when, in the tables' zone; null when the table does not keep the time of this step
   * @param step {@code inserted}, {@code scheduled}, {@code claimed}, {@code ack}, {@code next
   *     try}, {@code delivered}, {@code report}, {@code ended by agent}, {@code expires}
   * @param text what happened, for the operator
   * @param code the ACK or result code of this step with its text, or null
   */
  public record Event(
      @Nullable LocalDateTime at, String step, String text, @Nullable CodeText code) {}
}
