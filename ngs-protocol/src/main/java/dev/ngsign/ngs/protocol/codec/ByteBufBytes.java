package dev.ngsign.ngs.protocol.codec;

import io.netty.buffer.ByteBuf;

/** Copies a range of a composite buffer into an array when a single NIO view is not available. */
final class ByteBufBytes {
  private ByteBufBytes() {}

  static byte[] copy(ByteBuf buf, int index, int len) {
    byte[] b = new byte[len];
    buf.getBytes(index, b);
    return b;
  }
}
