package dev.ngsign.ngs.client;

import dev.ngsign.ngs.client.internal.MessageSupport;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.Media;
import dev.ngsign.ngs.protocol.packet.MessageType;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * An AlimTalk (MSGTYPE {@code A}, or {@code a} with an image): an approved template sent through
 * Kakao.
 *
 * <pre>{@code
 * NgsMessage m = AlimTalk.builder().to("01020001234").from("15880000")
 *     .senderKey(key).template("order_shipped").text("주문하신 상품이 발송되었습니다.")
 *     .button(KakaoButton.webLink("배송 조회", "https://m.shop.example/track/1", null))
 *     .fallbackText("주문하신 상품이 발송되었습니다.")   // SMS/LMS when Kakao fails
 *     .build();
 * }</pre>
 */
public final class AlimTalk extends BaseMessage {
  private AlimTalk(Deliver d) {
    super(d);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds an {@link AlimTalk}; {@link #build()} throws {@link NgsInvalidMessageException} when a
   * rule is broken.
   */
  public static final class Builder extends KakaoMessageBuilder<Builder> {
    private String template;
    private Media image;

    private Builder() {}

    /** The approved template code (TEMPLATE, at most 30 bytes). Required. */
    public Builder template(String templateCode) {
      this.template = Objects.requireNonNull(templateCode, "templateCode");
      return this;
    }

    /** Sends as AlimTalk image ({@code a}) with this JPG/PNG (used for the MMS fallback). */
    public Builder image(byte[] image) {
      this.image = MessageSupport.image(image.clone(), false, "image");
      return this;
    }

    /** As {@link #image(byte[])}, read from a file. */
    public Builder image(Path file) {
      this.image = MessageSupport.image(MessageSupport.read(file), false, file.toString());
      return this;
    }

    public AlimTalk build() {
      if (template == null || template.isBlank()) {
        throw new NgsInvalidMessageException(
            "TEMPLATE: AlimTalk needs the approved template code: call template(...)");
      }
      MessageType type = image == null ? MessageType.ALIMTALK : MessageType.ALIMTALK_IMAGE;
      return new AlimTalk(kakaoDeliver(type, template, image == null ? List.of() : List.of(image)));
    }
  }
}
