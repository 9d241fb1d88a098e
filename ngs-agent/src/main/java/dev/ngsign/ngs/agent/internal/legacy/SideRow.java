package dev.ngsign.ngs.agent.internal.legacy;

import java.time.LocalDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a vendor row becomes in the agent's side table: the columns of {@code <prefix>MSG} the
 * pipeline sends from (docs/agent.md, "Columns by message type"), or a rejection written at once.
 *
 * @param key the vendor row's key, as text
 * @param msgType the NGS letter (S, L, M, A, ...)
 * @param encoding 0 (MS949, what Korean vendors' agents send) or 1 (UTF-8)
 * @param advertising AD_FLAG: holds the row outside the advertising window, requires (광고)
 * @param scheduledAt SCHEDULED_AT (the vendor's send time), or null
 * @param expiresAt EXPIRES_AT, or null for {@code expiry.default-ttl}
 * @param images MMS images (MTYPE 21..24) in order
 * @param rejectCode when not null the row is not sent: it ends REJECTED with this RESULT_CODE
 * @param rejectReason RESULT_MSG of a rejection (no personal data)
 * @param vendorResult the vendor's result code for a rejection, when the layout knows a closer one
 *     than its mapping of {@code rejectCode} gives (handed back in {@link Reflection#presetResult})
 * @param kakao the Kakao columns of an AlimTalk/FriendTalk, else null
 */
public record SideRow(
    String key,
    String msgType,
    String destAddr,
    String callback,
    @Nullable String subject,
    @Nullable String text,
    int encoding,
    @Nullable String senderCode,
    boolean advertising,
    @Nullable LocalDateTime scheduledAt,
    @Nullable LocalDateTime expiresAt,
    List<Image> images,
    @Nullable Integer rejectCode,
    @Nullable String rejectReason,
    @Nullable String vendorResult,
    @Nullable Kakao kakao) {

  public SideRow {
    images = List.copyOf(images);
  }

  /** A row without Kakao columns (SMS, LMS, MMS). */
  public SideRow(
      String key,
      String msgType,
      String destAddr,
      String callback,
      @Nullable String subject,
      @Nullable String text,
      int encoding,
      @Nullable String senderCode,
      boolean advertising,
      @Nullable LocalDateTime scheduledAt,
      @Nullable LocalDateTime expiresAt,
      List<Image> images,
      @Nullable Integer rejectCode,
      @Nullable String rejectReason,
      @Nullable String vendorResult) {
    this(
        key,
        msgType,
        destAddr,
        callback,
        subject,
        text,
        encoding,
        senderCode,
        advertising,
        scheduledAt,
        expiresAt,
        images,
        rejectCode,
        rejectReason,
        vendorResult,
        null);
  }

  /** A copy with the Kakao columns of an AlimTalk/FriendTalk. */
  public SideRow withKakao(Kakao k) {
    return new SideRow(
        key,
        msgType,
        destAddr,
        callback,
        subject,
        text,
        encoding,
        senderCode,
        advertising,
        scheduledAt,
        expiresAt,
        images,
        rejectCode,
        rejectReason,
        vendorResult,
        k);
  }

  /**
   * The Kakao columns of the side table (docs/agent.md): KKO_SENDER_KEY, KKO_TEMPLATE, KKO_FAILOVER
   * (0..3), FALLBACK_TITLE, FALLBACK_TEXT, EXTRAS_JSON and NAT_CODE.
   */
  public record Kakao(
      String senderKey,
      @Nullable String template,
      int failover,
      @Nullable String fallbackTitle,
      @Nullable String fallbackText,
      @Nullable String extrasJson,
      @Nullable String natCode) {}

  /** A copy that is not sent: it ends REJECTED with {@code code} (and the vendor's code). */
  public SideRow rejected(int code, String reason, @Nullable String vendorCode) {
    return new SideRow(
        key,
        msgType,
        destAddr,
        callback,
        subject,
        text,
        encoding,
        senderCode,
        advertising,
        scheduledAt,
        expiresAt,
        List.of(),
        code,
        reason,
        vendorCode,
        kakao);
  }

  /** One image of an MMS: MTYPE (21 JPG, 23 PNG, ...) and bytes. */
  public record Image(int mtype, @Nullable String fileName, byte[] data) {}
}
