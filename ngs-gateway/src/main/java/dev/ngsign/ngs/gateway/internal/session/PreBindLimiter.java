package dev.ngsign.ngs.gateway.internal.session;

import dev.ngsign.ngs.protocol.ResultCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Caps what an unauthenticated connection may make the gateway buffer: until BIND succeeds (which
 * removes this handler), at most {@code budget} bytes are accepted; beyond that the connection is
 * closed with E_MALFORMED_PACKET. Without it, a connection could push a frame up to the DELIVER
 * size cap before the login window closes it. Sits in front of the frame decoder.
 */
public final class PreBindLimiter extends ChannelInboundHandlerAdapter {
  /** A BIND frame is 234 bytes; a client that pipelines a few DELIVERs behind it still fits. */
  public static final int DEFAULT_BUDGET = 64 * 1024;

  private final int budget;
  private long received;

  public PreBindLimiter(int budget) {
    this.budget = budget;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf buf) {
      received += buf.readableBytes();
      if (received > budget) {
        ReferenceCountUtil.release(msg);
        Closer.closeWithEvent(
            ctx.channel(),
            ResultCode.E_MALFORMED_PACKET,
            "more than " + budget + " bytes before BIND");
        return;
      }
    }
    ctx.fireChannelRead(msg);
  }
}
