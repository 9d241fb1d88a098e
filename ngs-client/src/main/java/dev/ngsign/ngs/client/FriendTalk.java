package dev.ngsign.ngs.client;

import dev.ngsign.ngs.client.internal.MessageSupport;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.Media;
import dev.ngsign.ngs.protocol.packet.MessageType;
import java.nio.file.Path;
import java.util.List;

/**
 * A FriendTalk: plain ({@code F}), with an image ({@code f}, JPG/PNG up to 500 KB, text up to 400
 * characters) or with a wide image ({@code W}, up to 2 MB, text up to 76 characters). The type
 * follows from the image given.
 */
public final class FriendTalk extends BaseMessage {
  private FriendTalk(Deliver d) {
    super(d);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link FriendTalk}; {@link #build()} throws {@link NgsInvalidMessageException} when a
   * rule is broken.
   */
  public static final class Builder extends KakaoMessageBuilder<Builder> {
    private Media image;
    private boolean wide;

    private Builder() {}

    /** Makes it a FriendTalk image ({@code f}) with this JPG/PNG. */
    public Builder image(byte[] image) {
      this.image = MessageSupport.image(image.clone(), false, "image");
      this.wide = false;
      return this;
    }

    /** As {@link #image(byte[])}, read from a file. */
    public Builder image(Path file) {
      this.image = MessageSupport.image(MessageSupport.read(file), false, file.toString());
      this.wide = false;
      return this;
    }

    /** Makes it a FriendTalk wide image ({@code W}) with this JPG/PNG. */
    public Builder wideImage(byte[] image) {
      this.image = MessageSupport.image(image.clone(), true, "wide image");
      this.wide = true;
      return this;
    }

    /** As {@link #wideImage(byte[])}, read from a file. */
    public Builder wideImage(Path file) {
      this.image = MessageSupport.image(MessageSupport.read(file), true, file.toString());
      this.wide = true;
      return this;
    }

    public FriendTalk build() {
      MessageType type =
          image == null
              ? MessageType.FRIENDTALK
              : wide ? MessageType.FRIENDTALK_WIDE : MessageType.FRIENDTALK_IMAGE;
      return new FriendTalk(kakaoDeliver(type, "", image == null ? List.of() : List.of(image)));
    }
  }
}
