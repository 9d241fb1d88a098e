package dev.ngsign.ngs.agent.internal.legacy;

import dev.ngsign.ngs.agent.MessageStatus;
import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;

/**
 * The agent's state of one side row, to be written into the vendor row it came from. Every value is
 * as the agent's own tables hold it (docs/agent.md): the NGS DELIVER_ACK and REPORT codes, or the
 * agent's 9xxx codes.
 *
 * @param table the vendor table the row came from
 * @param key the vendor row's key, as text
 * @param status SENT, READY, or a final state
 * @param ackCode DELIVER_ACK RESULT, or null
 * @param resultCode RESULT_CODE: the REPORT's code, a final ACK code, or an agent code (9xxx)
 * @param reportFlags the REPORT's flags as on the wire, or null
 * @param telco the REPORT's carrier (SK, KT, LG, KKO, ETC), or null
 * @param deliveredAt when the carrier delivered it (the REPORT's SENDTIME), or null
 * @param reportAt when the REPORT came in, or null
 * @param scheduledAt SCHEDULED_AT (the vendor's send time, as imported)
 * @param presetResult the vendor result the layout chose when it rejected the row at import
 * @param now the time of this write, in {@code zone}
 */
public record Reflection(
    String table,
    String key,
    long msgId,
    MessageStatus status,
    @Nullable Integer ackCode,
    @Nullable LocalDateTime ackAt,
    @Nullable Integer resultCode,
    @Nullable String resultMsg,
    @Nullable String reportFlags,
    @Nullable String telco,
    @Nullable LocalDateTime deliveredAt,
    @Nullable LocalDateTime reportAt,
    @Nullable LocalDateTime scheduledAt,
    @Nullable String serial,
    @Nullable String presetResult,
    LocalDateTime now) {}
