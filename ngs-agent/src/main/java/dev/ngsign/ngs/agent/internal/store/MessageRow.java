package dev.ngsign.ngs.agent.internal.store;

import java.time.LocalDateTime;

/** A claimed send-table row, as read (nullable columns stay null). */
public record MessageRow(
    long id,
    String msgType,
    String destAddr,
    String callback,
    String subject,
    String text,
    int encoding,
    String senderCode,
    String kkoSenderKey,
    String kkoTemplate,
    String kkoMethod,
    Integer kkoFailover,
    String fallbackTitle,
    String fallbackText,
    String extrasJson,
    String deptCode,
    String natCode,
    boolean advertising,
    String account,
    LocalDateTime scheduledAt,
    LocalDateTime expiresAt,
    int attempts,
    String serial,
    LocalDateTime createdAt) {}
