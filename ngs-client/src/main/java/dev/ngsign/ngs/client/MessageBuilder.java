package dev.ngsign.ngs.client;

import dev.ngsign.ngs.client.internal.MessageSupport;
import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.Extension;
import dev.ngsign.ngs.protocol.packet.MessageType;
import java.util.Objects;

/**
 * What every message builder has: recipient, callback number, SERIAL, SENDER_CODE, department code
 * and text encoding. {@code build()} validates the whole message against the spec and throws {@link
 * NgsInvalidMessageException} with a message naming the field.
 *
 * @param <B> the concrete builder
 */
public abstract class MessageBuilder<B extends MessageBuilder<B>> {
  String to;
  String from;
  String serial;
  String senderCode;
  String department;
  ContentEncoding encoding;

  MessageBuilder() {}

  @SuppressWarnings("unchecked")
  final B self() {
    return (B) this;
  }

  /** Recipient mobile number, digits only (e.g. {@code 01020001234}). Required. */
  public B to(String number) {
    this.to = Objects.requireNonNull(number, "to");
    return self();
  }

  /** Callback number shown to the recipient (a registered sender number, digits only). Required. */
  public B from(String number) {
    this.from = Objects.requireNonNull(number, "from");
    return self();
  }

  /**
   * Your own message ID (1..20 printable ASCII, unique per account). Default: generated, unique
   * within this JVM and increasing over time, so also across restarts.
   */
  public B serial(String serial) {
    this.serial = Objects.requireNonNull(serial, "serial");
    return self();
  }

  /**
   * SENDER_CODE, the 9-digit first-sender ID. Default: the client's {@link
   * NgsClientBuilder#senderCode}.
   */
  public B senderCode(String senderCode) {
    this.senderCode = Objects.requireNonNull(senderCode, "senderCode");
    return self();
  }

  /**
   * Department code (EXTENTION DPT_CODE, 1..10 ASCII) for accounts that split billing. Default:
   * none.
   */
  public B department(String code) {
    this.department = Objects.requireNonNull(code, "department");
    return self();
  }

  /**
   * Text encoding. Default: {@link ContentEncoding#MS949} (EUC-KR superset, what handsets expect)
   * when every text fits it, otherwise {@link ContentEncoding#UTF_8} (e.g. emoji). Byte limits are
   * counted in the chosen encoding.
   */
  public B encoding(ContentEncoding encoding) {
    if (Objects.requireNonNull(encoding, "encoding") == ContentEncoding.BINARY) {
      throw new IllegalArgumentException("text encoding must be MS949 or UTF_8");
    }
    this.encoding = encoding;
    return self();
  }

  /** The encoding to use for these texts: the one set, else MS949 when all fit, else UTF-8. */
  final ContentEncoding encodingFor(String... texts) {
    return encoding != null ? encoding : MessageSupport.preferredEncoding(texts);
  }

  /** A DELIVER builder with the common fields filled in. */
  final Deliver.Builder base(MessageType type, ContentEncoding enc) {
    if (to == null) {
      throw new NgsInvalidMessageException("DA_ADDR: the recipient is missing: call to(number)");
    }
    if (from == null) {
      throw new NgsInvalidMessageException(
          "CALLBACK: the callback number is missing: call from(number)");
    }
    Deliver.Builder b =
        Deliver.builder(type)
            .daAddr(to)
            .callback(from)
            .encoding(enc)
            .serial(serial != null ? serial : MessageSupport.nextSerial())
            .senderCode(senderCode != null ? senderCode : "");
    if (department != null) {
      b.extension(new Extension.DeptCode(department));
    }
    return b;
  }
}
