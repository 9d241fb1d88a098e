package dev.ngsign.ngs.protocol.content;

/**
 * The numbers of section 6 (and this project's own where the spec is silent, marked so). Byte
 * limits count bytes in the message's declared encoding; character limits count Unicode code
 * points.
 */
public final class ContentLimits {
  private ContentLimits() {}

  /** SMS TEXT, bytes (section 4.3). */
  public static final int SMS_TEXT_BYTES = 90;

  /** LMS/MMS subject in TEXT, and a Kakao fallback TITLE, bytes (section 4.3). */
  public static final int SUBJECT_BYTES = 64;

  /** LMS/MMS body text attachment, bytes (section 6.1). */
  public static final int LONG_TEXT_BYTES = 2_000;

  /** Kakao fallback text (MTYPE 12), bytes: it is sent as SMS/LMS, so the LMS limit applies. */
  public static final int FALLBACK_TEXT_BYTES = 2_000;

  /** Attachments per message, body text included (section 6). */
  public static final int MAX_ATTACHMENTS = 4;

  /** Images per MMS (section 6.1). */
  public static final int MMS_MAX_IMAGES = 3;

  /**
   * One MMS image: the spec recommends under 300 KB; carriers refuse larger, so this is enforced.
   */
  public static final int MMS_IMAGE_BYTES = 300 * 1024;

  /** AlimTalk/FriendTalk text, characters (section 6.2). */
  public static final int KAKAO_TEXT_CHARS = 1_000;

  /** FriendTalk image text, characters. */
  public static final int FRIENDTALK_IMAGE_TEXT_CHARS = 400;

  /** FriendTalk wide image text, characters. */
  public static final int FRIENDTALK_WIDE_TEXT_CHARS = 76;

  /** FriendTalk image, bytes (section 6.2: 500 KB). */
  public static final int FRIENDTALK_IMAGE_BYTES = 500 * 1024;

  /** FriendTalk wide image, bytes (section 6.2: 2 MB). */
  public static final int FRIENDTALK_WIDE_IMAGE_BYTES = 2 * 1024 * 1024;

  /** FriendTalk wide image width limit, pixels (section 6.2: 800px * 600px). */
  public static final int FRIENDTALK_WIDE_MAX_WIDTH = 800;

  /** FriendTalk wide image height limit, pixels. */
  public static final int FRIENDTALK_WIDE_MAX_HEIGHT = 600;

  /** Kakao extras JSON (MTYPE 13), bytes. This project's limit: the spec gives none. */
  public static final int KAKAO_JSON_BYTES = 64 * 1024;

  /** Buttons in the extras JSON. */
  public static final int MAX_BUTTONS = 5;

  /** Quick replies in the extras JSON. */
  public static final int MAX_QUICK_REPLIES = 10;

  /**
   * The largest DELIVER body these rules let through: fixed part, the longer extension, four
   * attachment headers, and a FriendTalk wide image with its text (76 characters, at most 4 bytes
   * each in UTF-8), extras JSON and fallback text at their limits.
   */
  public static final int LARGEST_LEGAL_DELIVER_BODY =
      221
          + 16
          + MAX_ATTACHMENTS * 15
          + FRIENDTALK_WIDE_IMAGE_BYTES
          + KAKAO_JSON_BYTES
          + FALLBACK_TEXT_BYTES
          + FRIENDTALK_WIDE_TEXT_CHARS * 4;
}
