package dev.ngsign.ngs.client;

import dev.ngsign.ngs.client.internal.MessageSupport;
import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.Media;
import dev.ngsign.ngs.protocol.packet.MediaType;
import dev.ngsign.ngs.protocol.packet.MessageType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An MMS (MSGTYPE {@code M}): subject, optional body text and 1 to 3 JPG/PNG images of at most 300
 * KB each. The image type is read from the bytes, never from a file name.
 */
public final class Mms extends BaseMessage {
  private Mms(Deliver d) {
    super(d);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds an {@link Mms}; {@link #build()} throws {@link NgsInvalidMessageException} when a rule
   * is broken.
   */
  public static final class Builder extends MessageBuilder<Builder> {
    private String subject = "";
    private String text;
    private final List<Media> images = new ArrayList<>(3);

    private Builder() {}

    /** Subject, at most 64 bytes. Default: none. */
    public Builder subject(String subject) {
      this.subject = Objects.requireNonNull(subject, "subject");
      return this;
    }

    /** Body text, at most 2,000 bytes. Default: none. */
    public Builder text(String text) {
      this.text = Objects.requireNonNull(text, "text");
      return this;
    }

    /**
     * Adds a JPG or PNG image (detected from its first bytes; the array is copied).
     *
     * @throws NgsInvalidMessageException when the bytes are neither JPG nor PNG
     */
    public Builder image(byte[] image) {
      images.add(MessageSupport.image(image.clone(), false, "image " + (images.size() + 1)));
      return this;
    }

    /**
     * Adds a JPG or PNG image read from a file.
     *
     * @throws NgsInvalidMessageException when it cannot be read or is neither JPG nor PNG
     */
    public Builder image(Path file) {
      images.add(MessageSupport.image(MessageSupport.read(file), false, file.toString()));
      return this;
    }

    public Mms build() {
      ContentEncoding enc = encodingFor(subject, text == null ? "" : text);
      Deliver.Builder b = base(MessageType.MMS, enc).text(subject);
      if (text != null && !text.isEmpty()) {
        b.addMedia(MessageSupport.text(MediaType.BODY_TEXT, enc, text));
      }
      images.forEach(b::addMedia);
      return new Mms(b.build());
    }
  }
}
