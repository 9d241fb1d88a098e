package dev.ngsign.ngs.client.internal;

import dev.ngsign.ngs.protocol.packet.Link;
import dev.ngsign.ngs.protocol.packet.LinkAck;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * LINK keepalive (section 2.2): sends LINK once {@code linkInterval} passed without a packet
 * received, and reports a timeout when its LINK_ACK does not come within {@code ackTimeout}.
 * Consumes LINK_ACK.
 */
final class KeepaliveHandler extends ChannelInboundHandlerAdapter {
  private final long linkIntervalNanos;
  private final long ackTimeoutNanos;
  private final LongSupplier ticker;
  private final BiConsumer<Channel, String> onTimeout;
  private long lastRead;
  private long linkSentAt;
  private boolean linkOutstanding;
  private ScheduledFuture<?> timer;
  private ChannelHandlerContext ctx;

  KeepaliveHandler(
      long linkIntervalNanos,
      long ackTimeoutNanos,
      LongSupplier ticker,
      BiConsumer<Channel, String> onTimeout) {
    this.linkIntervalNanos = linkIntervalNanos;
    this.ackTimeoutNanos = ackTimeoutNanos;
    this.ticker = ticker;
    this.onTimeout = onTimeout;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    lastRead = ticker.getAsLong();
    schedule(linkIntervalNanos);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    cancel();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancel();
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    lastRead = ticker.getAsLong();
    if (msg instanceof LinkAck) {
      linkOutstanding = false;
      return;
    }
    ctx.fireChannelRead(msg);
  }

  private void check() {
    timer = null;
    if (!ctx.channel().isActive()) {
      return;
    }
    long now = ticker.getAsLong();
    if (linkOutstanding) {
      if (now - linkSentAt >= ackTimeoutNanos) {
        onTimeout.accept(
            ctx.channel(),
            "no LINK_ACK within " + TimeUnit.NANOSECONDS.toMillis(ackTimeoutNanos) + " ms");
        return;
      }
    } else if (now - lastRead >= linkIntervalNanos) {
      ctx.writeAndFlush(Link.INSTANCE, ctx.voidPromise());
      linkSentAt = now;
      linkOutstanding = true;
    }
    long next = lastRead + linkIntervalNanos - now;
    if (linkOutstanding) {
      long ackDue = linkSentAt + ackTimeoutNanos - now;
      next = next <= 0 ? ackDue : Math.min(next, ackDue);
    }
    schedule(Math.max(next, 1_000_000L));
  }

  private void schedule(long delayNanos) {
    timer = ctx.executor().schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
