package dev.ngsign.ngs.gateway.internal.session;

import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.Event;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.AttributeKey;

/**
 * Closing a session the way the spec wants: EVENT type 0 with the reason first (section 4.5), then
 * close. The reason is {@code <code> <text>}, ASCII, cut to the 88-byte DATA field.
 */
public final class Closer {
  private static final AttributeKey<Boolean> CLOSING = AttributeKey.valueOf("ngs.closing");

  private Closer() {}

  /** True once the session is being closed: later packets are ignored. */
  public static boolean closing(Channel ch) {
    return ch.hasAttr(CLOSING) || !ch.isActive();
  }

  private static boolean markClosing(Channel ch) {
    ch.config().setAutoRead(false);
    return ch.attr(CLOSING).setIfAbsent(Boolean.TRUE) == null;
  }

  /**
   * DATA of an EVENT type 0 / MESSAGE of an ACK: {@code "1013 no packet for 90000ms"}, ASCII, cut
   * to one byte less than the field ({@code fieldSize}) so that a NUL always ends it, for clients
   * reading C strings.
   */
  public static String reason(ResultCode code, String detail, int fieldSize) {
    int max = fieldSize - 1;
    String s = code.code() + " " + (detail == null || detail.isEmpty() ? code.meaning() : detail);
    StringBuilder sb = new StringBuilder(Math.min(s.length(), max));
    for (int i = 0; i < s.length() && sb.length() < max; i++) {
      char c = s.charAt(i);
      sb.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return sb.toString();
  }

  /** Sends EVENT type 0 and closes once it is written (or failed to be). */
  public static void closeWithEvent(Channel ch, ResultCode code, String detail) {
    if (!markClosing(ch)) {
      return;
    }
    if (!ch.isActive()) {
      ch.close();
      return;
    }
    ch.writeAndFlush(Event.disconnect(reason(code, detail, 88)))
        .addListener(ChannelFutureListener.CLOSE);
  }

  /** Writes a final packet (a failure ACK) and closes. */
  public static void answerAndClose(Channel ch, Object packet) {
    if (!markClosing(ch)) {
      return;
    }
    ch.writeAndFlush(packet).addListener(ChannelFutureListener.CLOSE);
  }
}
