package dev.ngsign.ngs.protocol.codec;

import dev.ngsign.ngs.protocol.packet.NgsPacket;

/** Encodes and decodes the plain body of one packet type, field by field in the spec's order. */
interface BodyCodec<P extends NgsPacket> {

  /** The plain body length of {@code packet}. */
  int bodyLength(P packet);

  void encode(P packet, BodyWriter w);

  P decode(BodyReader r);
}
