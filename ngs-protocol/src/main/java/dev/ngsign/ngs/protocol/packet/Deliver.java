package dev.ngsign.ngs.protocol.packet;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * DELIVER (section 4.3): one message to send. The fixed part is 221 bytes; EXTENTION and MEDIA
 * follow.
 *
 * <p>For SMS types {@code text} is the body (90 bytes), for LMS/MMS types the subject (64 bytes)
 * with the body as a {@link MediaType#BODY_TEXT} attachment; for AlimTalk/FriendTalk types the TEXT
 * field is replaced by {@link KakaoInfo} and {@code text} is empty. The content rules of section 6
 * are checked by {@code dev.ngsign.ngs.protocol.content.ContentRules}, not here: a decoded packet
 * may break them.
 *
 * @param messageType MSGTYPE
 * @param daAddr recipient number (20C)
 * @param callback callback number shown to the recipient (20C)
 * @param encoding ENCODING of TEXT (or of KAKAO_INFO's TITLE); never {@link ContentEncoding#BINARY}
 * @param text TEXT (141C); empty for Kakao types
 * @param kakao KAKAO_INFO for Kakao types, null otherwise
 * @param serial the sender's own message ID (20C)
 * @param senderCode SENDER_CODE, the 9-digit first-sender ID (10C)
 * @param extension EXTENTION, or null when EXT_SIZE is 0
 * @param media MEDIA attachments, in wire order (unmodifiable)
 */
public record Deliver(
    MessageType messageType,
    String daAddr,
    String callback,
    ContentEncoding encoding,
    String text,
    @Nullable KakaoInfo kakao,
    String serial,
    String senderCode,
    @Nullable Extension extension,
    List<Media> media)
    implements NgsPacket {

  public Deliver {
    Objects.requireNonNull(messageType, "messageType");
    Objects.requireNonNull(daAddr, "daAddr");
    Objects.requireNonNull(callback, "callback");
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(senderCode, "senderCode");
    if (encoding == ContentEncoding.BINARY) {
      throw new IllegalArgumentException("DELIVER ENCODING must be MS949 or UTF_8, not BINARY");
    }
    if (messageType.isKakao() && kakao == null) {
      throw new IllegalArgumentException(
          messageType + " needs KAKAO_INFO (sender key, template, ...)");
    }
    if (!messageType.isKakao() && kakao != null) {
      throw new IllegalArgumentException(messageType + " has a TEXT field, not KAKAO_INFO");
    }
    if (messageType.isKakao() && !text.isEmpty()) {
      throw new IllegalArgumentException(
          messageType
              + ": the text goes in a BODY_TEXT attachment; TEXT is replaced by KAKAO_INFO");
    }
    media = List.copyOf(media);
  }

  @Override
  public PacketType type() {
    return PacketType.DELIVER;
  }

  public Optional<KakaoInfo> kakaoInfo() {
    return Optional.ofNullable(kakao);
  }

  public Optional<Extension> extensionField() {
    return Optional.ofNullable(extension);
  }

  /** The first attachment of a type, if any. */
  public Optional<Media> firstMedia(MediaType type) {
    for (Media m : media) {
      if (m.mediaType() == type) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** EXT_SIZE: 0, 10 or 16. */
  public int extSize() {
    return extension == null ? 0 : extension.size();
  }

  /** The plain body length: 221 + EXT_SIZE + per attachment 15 + MFILELEN. */
  public int bodyLength() {
    int n = PacketType.DELIVER.bodySize() + extSize();
    for (int i = 0; i < media.size(); i++) { // no iterator: called for every DELIVER encoded
      n += 15 + media.get(i).size();
    }
    return n;
  }

  public static Builder builder(MessageType type) {
    return new Builder(type);
  }

  /**
   * Builds a DELIVER field by field; {@link #build()} checks the structure (not the content rules).
   */
  public static final class Builder {
    private final MessageType messageType;
    private String daAddr = "";
    private String callback = "";
    private ContentEncoding encoding = ContentEncoding.MS949;
    private String text = "";
    private KakaoInfo kakao;
    private String serial = "";
    private String senderCode = "";
    private Extension extension;
    private final List<Media> media = new ArrayList<>(4);

    private Builder(MessageType messageType) {
      this.messageType = Objects.requireNonNull(messageType, "messageType");
    }

    public Builder daAddr(String v) {
      this.daAddr = v;
      return this;
    }

    public Builder callback(String v) {
      this.callback = v;
      return this;
    }

    public Builder encoding(ContentEncoding v) {
      this.encoding = v;
      return this;
    }

    public Builder text(String v) {
      this.text = v;
      return this;
    }

    public Builder kakao(KakaoInfo v) {
      this.kakao = v;
      return this;
    }

    public Builder serial(String v) {
      this.serial = v;
      return this;
    }

    public Builder senderCode(String v) {
      this.senderCode = v;
      return this;
    }

    public Builder extension(Extension v) {
      this.extension = v;
      return this;
    }

    public Builder addMedia(Media m) {
      this.media.add(Objects.requireNonNull(m, "media"));
      return this;
    }

    public Deliver build() {
      return new Deliver(
          messageType,
          daAddr,
          callback,
          encoding,
          text,
          kakao,
          serial,
          senderCode,
          extension,
          media);
    }
  }
}
