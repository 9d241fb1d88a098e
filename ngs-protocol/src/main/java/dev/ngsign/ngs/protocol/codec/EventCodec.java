package dev.ngsign.ngs.protocol.codec;

import static dev.ngsign.ngs.protocol.codec.Layout.EVENT_DATA;
import static dev.ngsign.ngs.protocol.codec.Layout.EVENT_TYPE;

import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import dev.ngsign.ngs.protocol.packet.Event;
import dev.ngsign.ngs.protocol.packet.EventType;
import dev.ngsign.ngs.protocol.packet.PacketType;

/** EVENT, 90 bytes: TYPE 2, DATA 88 (section 4.5). DATA may be a Korean reason (MS949). */
final class EventCodec implements BodyCodec<Event> {
  @Override
  public int bodyLength(Event p) {
    return PacketType.EVENT.bodySize();
  }

  @Override
  public void encode(Event p, BodyWriter w) {
    w.number(EVENT_TYPE, p.eventType().code());
    w.text(EVENT_DATA, p.data(), ContentEncoding.MS949);
  }

  @Override
  public Event decode(BodyReader r) {
    long code = r.number(EVENT_TYPE, null);
    EventType type = EventType.fromCode((int) Math.min(code, 99));
    if (type == null) {
      throw r.error(EVENT_TYPE.name(), code + " is not 0 (disconnect) or 1 (TPS change)", null);
    }
    return new Event(type, r.text(EVENT_DATA, ContentEncoding.MS949));
  }
}
