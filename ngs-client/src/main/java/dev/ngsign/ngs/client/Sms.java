package dev.ngsign.ngs.client;

import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.MessageType;
import java.util.Objects;

/**
 * An SMS (MSGTYPE {@code S}): up to 90 bytes of text (45 Korean characters in MS949).
 *
 * <pre>{@code
 * NgsMessage m = Sms.builder().to("01020001234").from("15880000").text("인증번호 123456").build();
 * }</pre>
 */
public final class Sms extends BaseMessage {
  private Sms(Deliver d) {
    super(d);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds an {@link Sms}; {@link #build()} throws {@link NgsInvalidMessageException} when a rule
   * is broken.
   */
  public static final class Builder extends MessageBuilder<Builder> {
    private String text;

    private Builder() {}

    /** The text, at most 90 bytes in its encoding. Required. */
    public Builder text(String text) {
      this.text = Objects.requireNonNull(text, "text");
      return this;
    }

    public Sms build() {
      String t = text == null ? "" : text;
      ContentEncoding enc = encodingFor(t);
      return new Sms(base(MessageType.SMS, enc).text(t).build());
    }
  }
}
