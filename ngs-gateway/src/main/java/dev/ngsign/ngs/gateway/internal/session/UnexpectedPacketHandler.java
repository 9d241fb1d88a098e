package dev.ngsign.ngs.gateway.internal.session;

import dev.ngsign.ngs.protocol.NgsProtocolException;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.NgsPacket;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last in every pipeline. A packet nobody before it wanted is unexpected in the session's state
 * ("기대하지 않은 Type 이 수신되었을 경우 Connection 이 종료", section 3.2): EVENT type 0 E_UNEXPECTED_PACKET and
 * close. An error nobody answered (a bad header, an undecryptable body) closes with
 * E_MALFORMED_PACKET. Stateless.
 */
@ChannelHandler.Sharable
public final class UnexpectedPacketHandler extends ChannelInboundHandlerAdapter {
  public static final UnexpectedPacketHandler INSTANCE = new UnexpectedPacketHandler();
  private static final Logger log = LoggerFactory.getLogger(UnexpectedPacketHandler.class);

  private UnexpectedPacketHandler() {}

  /** Where a closing session's protocol errors are counted: set by the gateway on each channel. */
  public static final io.netty.util.AttributeKey<java.util.function.Consumer<ResultCode>> COUNTER =
      io.netty.util.AttributeKey.valueOf("ngs.protocolErrors");

  private static void count(ChannelHandlerContext ctx, ResultCode rc) {
    java.util.function.Consumer<ResultCode> c = ctx.channel().attr(COUNTER).get();
    if (c != null) {
      c.accept(rc);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    String what =
        msg instanceof NgsPacket p
            ? p.type() + " (HeadType " + p.type().headType() + ")"
            : "message";
    count(ctx, ResultCode.E_UNEXPECTED_PACKET);
    SecurityLog.warn(
        SecurityLog.Kind.MALFORMED, ctx.channel().remoteAddress(), "unexpected " + what);
    Closer.closeWithEvent(ctx.channel(), ResultCode.E_UNEXPECTED_PACKET, "unexpected " + what);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable c =
        cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    if (c instanceof NgsProtocolException e
        && e.resultCode().orElse(null) == ResultCode.E_UNEXPECTED_PACKET) {
      count(ctx, ResultCode.E_UNEXPECTED_PACKET);
      SecurityLog.warn(SecurityLog.Kind.MALFORMED, ctx.channel().remoteAddress(), e.getMessage());
      Closer.closeWithEvent(ctx.channel(), ResultCode.E_UNEXPECTED_PACKET, e.getMessage());
    } else if (c instanceof NgsProtocolException e) {
      // messages of protocol exceptions never carry secrets (ngs-protocol guarantees it)
      count(ctx, ResultCode.E_MALFORMED_PACKET);
      SecurityLog.warn(SecurityLog.Kind.MALFORMED, ctx.channel().remoteAddress(), e.getMessage());
      Closer.closeWithEvent(ctx.channel(), ResultCode.E_MALFORMED_PACKET, "malformed " + e.field());
    } else if (c instanceof IOException) {
      ctx.close();
    } else {
      log.warn("{}: closing after an unexpected error", ctx.channel().remoteAddress(), c);
      Closer.closeWithEvent(ctx.channel(), ResultCode.E_SYS_FAIL, "internal error");
    }
  }
}
