package dev.ngsign.ngs.gateway.internal.session;

import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.Link;
import dev.ngsign.ngs.protocol.packet.LinkAck;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;

/**
 * LINK gets LINK_ACK (section 2.2; the server never sends LINK). A session with no packet received
 * for the idle timeout (an {@link io.netty.handler.timeout.IdleStateHandler} in front of this one)
 * is closed with EVENT type 0, E_IDLE_TIMEOUT. While the test fixture holds the account's LINK_ACKs
 * for this session kind, a LINK is received (the idle handler in front has seen it, so it still
 * counts as activity) and not answered: that is how a client's keepalive timeout is tested.
 */
public final class KeepAliveHandler extends ChannelInboundHandlerAdapter {
  private final GatewaySession session;
  private final Duration idle;

  public KeepAliveHandler(GatewaySession session, Duration idle) {
    this.session = session;
    this.idle = idle;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof Link) {
      session.countIn();
      if (session.account().linkAcksHeld(session.kind())) {
        return;
      }
      session.countOut();
      ctx.writeAndFlush(LinkAck.INSTANCE);
      return;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      Closer.closeWithEvent(
          ctx.channel(), ResultCode.E_IDLE_TIMEOUT, "no packet for " + idle.toMillis() + "ms");
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }
}
