package dev.ngsign.http.internal;

import dev.ngsign.http.ListenerErrors;
import dev.ngsign.http.Reply;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First in every pipeline: counts open connections and answers the one over the limit with a canned
 * 503 (in the service's own error body) before any byte of its request is read, then closes it.
 */
@ChannelHandler.Sharable
public final class ConnectionLimit extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimit.class);
  private static final AttributeKey<Boolean> COUNTED = AttributeKey.valueOf("ngsign.http.counted");
  private final byte[] busy;
  private final int max;
  private final AtomicInteger open = new AtomicInteger();

  public ConnectionLimit(int max, ListenerErrors errors) {
    this.max = max;
    Reply r = errors.reply(503, "too many connections; try again shortly");
    byte[] head =
        ("HTTP/1.1 503 Service Unavailable\r\nContent-Type: "
                + r.contentType()
                + "\r\nConnection: close\r\nRetry-After: 1\r\nContent-Length: "
                + r.body().length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    this.busy = new byte[head.length + r.body().length];
    System.arraycopy(head, 0, busy, 0, head.length);
    System.arraycopy(r.body(), 0, busy, head.length, r.body().length);
  }

  /** Connections open now. */
  public int open() {
    return open.get();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      LOG.debug("refusing {}: {} connections open", ctx.channel().remoteAddress(), max);
      ctx.writeAndFlush(Unpooled.wrappedBuffer(busy)).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ctx.channel().attr(COUNTED).set(Boolean.TRUE);
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (ctx.channel().attr(COUNTED).get() == null) {
      io.netty.util.ReferenceCountUtil.release(msg); // refused: its bytes are not read
      return;
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (ctx.channel().attr(COUNTED).getAndSet(null) != null) {
      open.decrementAndGet();
    }
    super.channelInactive(ctx);
  }
}
