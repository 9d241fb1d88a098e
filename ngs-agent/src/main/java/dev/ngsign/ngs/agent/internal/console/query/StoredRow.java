package dev.ngsign.ngs.agent.internal.console.query;

import dev.ngsign.ngs.agent.MessageStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The columns of one row of the send table or a log table, as the detail view reads them, turned
 * into the row's timeline.
 */
record StoredRow(
    long id,
    @Nullable String serial,
    @Nullable String gwSerial,
    String account,
    String destAddr,
    String msgType,
    String status,
    int attempts,
    @Nullable String nodeId,
    @Nullable Long fence,
    int textLength,
    @Nullable String telco,
    @Nullable String resultMsg,
    LocalDateTime createdAt,
    @Nullable LocalDateTime scheduledAt,
    @Nullable LocalDateTime expiresAt,
    @Nullable LocalDateTime updatedAt,
    @Nullable LocalDateTime ackAt,
    @Nullable Integer ackCode,
    @Nullable LocalDateTime nextTryAt,
    @Nullable LocalDateTime deliveredAt,
    @Nullable LocalDateTime reportAt,
    @Nullable Integer resultCode,
    @Nullable String reportFlags) {

  /** What {@link #read} reads, in its order. */
  static final String COLUMNS =
      "ID, SERIAL, GW_SERIAL, ACCOUNT, DEST_ADDR, MSG_TYPE, STATUS, ATTEMPTS, NODE_ID, FENCE,"
          + " CHAR_LENGTH(MSG_TEXT), TELCO, RESULT_MSG, CREATED_AT, SCHEDULED_AT, EXPIRES_AT,"
          + " UPDATED_AT, ACK_AT, ACK_CODE, NEXT_TRY_AT, DELIVERED_AT, REPORT_AT, RESULT_CODE,"
          + " REPORT_FLAGS";

  /**
   * The row as the detail view shows it: the recipient masked, the text only by its length.
   *
   * @param attachments rows in the attachment table, or null when they are not kept (archived)
   * @param orphanReports REPORTs for its SERIAL that came when no row had it
   * @param logMonth the month of the log table it was read from, or null for the send table
   */
  MessageDetail detail(
      @Nullable Integer attachments, int orphanReports, @Nullable String logMonth) {
    return new MessageDetail(
        id,
        serial,
        gwSerial,
        account,
        RecipientMask.mask(destAddr),
        msgType,
        status,
        attempts,
        nodeId,
        textLength,
        attachments,
        telco,
        resultMsg,
        timeline(),
        orphanReports,
        logMonth);
  }

  static StoredRow read(ResultSet rs) throws SQLException {
    long fence = rs.getLong(10);
    Long fenceOrNull = rs.wasNull() ? null : fence;
    return new StoredRow(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getInt(8),
        rs.getString(9),
        fenceOrNull,
        rs.getInt(11),
        rs.getString(12),
        rs.getString(13),
        rs.getObject(14, LocalDateTime.class),
        rs.getObject(15, LocalDateTime.class),
        rs.getObject(16, LocalDateTime.class),
        rs.getObject(17, LocalDateTime.class),
        rs.getObject(18, LocalDateTime.class),
        MessageSearch.integer(rs, 19),
        rs.getObject(20, LocalDateTime.class),
        rs.getObject(21, LocalDateTime.class),
        rs.getObject(22, LocalDateTime.class),
        MessageSearch.integer(rs, 23),
        rs.getString(24));
  }

  /**
   * The steps the row's columns record, in the order a message lives them. The claim's time is kept
   * only while the row is SENDING (UPDATED_AT; the DELIVER leaves in the same worker pass); later
   * writes move UPDATED_AT on, so a finished row shows who claimed it, not when.
   */
  List<MessageDetail.Event> timeline() {
    List<MessageDetail.Event> ev = new ArrayList<>();
    ev.add(new MessageDetail.Event(createdAt, "inserted", "row inserted", null));
    if (scheduledAt != null) {
      ev.add(new MessageDetail.Event(scheduledAt, "scheduled", "not to be sent before", null));
    }
    if (nodeId != null) {
      String who =
          "claimed by node "
              + nodeId
              + (fence == null ? "" : " (fence " + fence + ")")
              + ", attempt "
              + attempts
              + "; DELIVER sent in the same pass";
      boolean sending = MessageStatus.SENDING.code().equals(status);
      ev.add(
          new MessageDetail.Event(
              sending ? updatedAt : null,
              "claimed",
              sending ? who + ", ACK not yet written" : who,
              null));
    }
    if (ackAt != null) {
      ev.add(
          new MessageDetail.Event(
              ackAt,
              "ack",
              "DELIVER_ACK" + (attempts > 1 ? " (of attempt " + attempts + ")" : ""),
              ackCode == null ? null : CodeText.of(ackCode)));
    }
    if (nextTryAt != null && MessageStatus.READY.code().equals(status)) {
      ev.add(new MessageDetail.Event(nextTryAt, "next try", "retry after a backoff", null));
    }
    if (deliveredAt != null) {
      ev.add(
          new MessageDetail.Event(
              deliveredAt,
              "delivered",
              "the carrier's delivery time" + (telco == null ? "" : " (" + telco + ")"),
              null));
    }
    if (reportAt != null) {
      ev.add(
          new MessageDetail.Event(
              reportAt,
              "report",
              "REPORT stored"
                  + (reportFlags == null || reportFlags.isBlank() ? "" : ", flags " + reportFlags),
              resultCode == null ? null : CodeText.of(resultCode)));
    } else if (resultCode != null) {
      ev.add(
          new MessageDetail.Event(
              updatedAt,
              "ended by agent",
              "status " + status + (resultMsg == null ? "" : ": " + resultMsg),
              CodeText.of(resultCode)));
    }
    MessageStatus s = MessageStatus.fromCode(status);
    if (expiresAt != null && (s == null || !s.terminal())) {
      ev.add(new MessageDetail.Event(expiresAt, "expires", "EXPIRED if not sent by then", null));
    }
    return List.copyOf(ev);
  }
}
