package dev.ngsign.ngs.client;

import dev.ngsign.ngs.client.internal.MessageSupport;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.MessageType;

/** Holds the validated DELIVER behind every message type. */
abstract class BaseMessage implements NgsMessage, dev.ngsign.ngs.client.internal.Validated {
  private final Deliver deliver;

  BaseMessage(Deliver deliver) {
    this.deliver = MessageSupport.validate(deliver);
  }

  @Override
  public final String serial() {
    return deliver.serial();
  }

  @Override
  public final MessageType type() {
    return deliver.messageType();
  }

  @Override
  public final String to() {
    return deliver.daAddr();
  }

  @Override
  public final Deliver deliver() {
    return deliver;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName()
        + "[serial="
        + serial()
        + ", type="
        + type().code()
        + ", to="
        + to()
        + "]";
  }
}
