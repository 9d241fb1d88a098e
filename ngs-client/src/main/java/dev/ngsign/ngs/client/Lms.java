package dev.ngsign.ngs.client;

import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.MediaType;
import dev.ngsign.ngs.protocol.packet.MessageType;
import java.util.Objects;

/**
 * An LMS (MSGTYPE {@code L}): an optional subject of up to 64 bytes and a body of up to 2,000
 * bytes.
 */
public final class Lms extends BaseMessage {
  private Lms(Deliver d) {
    super(d);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds an {@link Lms}; {@link #build()} throws {@link NgsInvalidMessageException} when a rule
   * is broken.
   */
  public static final class Builder extends MessageBuilder<Builder> {
    private String subject = "";
    private String text;

    private Builder() {}

    /** Subject, at most 64 bytes. Default: none. */
    public Builder subject(String subject) {
      this.subject = Objects.requireNonNull(subject, "subject");
      return this;
    }

    /** The body, at most 2,000 bytes. Required. */
    public Builder text(String text) {
      this.text = Objects.requireNonNull(text, "text");
      return this;
    }

    public Lms build() {
      if (text == null || text.isEmpty()) {
        throw new NgsInvalidMessageException("MEDIA: an LMS needs a body: call text(...)");
      }
      ContentEncoding enc = encodingFor(subject, text);
      Deliver.Builder b = base(MessageType.LMS, enc).text(subject);
      b.addMedia(
          dev.ngsign.ngs.client.internal.MessageSupport.text(MediaType.BODY_TEXT, enc, text));
      return new Lms(b.build());
    }
  }
}
