package dev.ngsign.http.internal;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose request head is not complete within {@code headerTimeout} of its
 * opening (or of the previous reply), or whose body is not complete within {@code bodyTimeout} of
 * the head. Unlike an idle timeout, trickling one byte at a time does not extend either deadline.
 * Sits right after the HTTP decoder, so it sees heads and last contents as they are decoded.
 */
public final class RequestDeadlines extends ChannelDuplexHandler {
  private static final Logger LOG = LoggerFactory.getLogger(RequestDeadlines.class);

  private final long headerNanos;
  private final long bodyNanos;
  private ScheduledFuture<?> timer;

  /**
   * Requests whose head arrived and whose reply is not written yet (more than 1 when pipelined).
   */
  private int unanswered;

  public RequestDeadlines(Duration headerTimeout, Duration bodyTimeout) {
    this.headerNanos = headerTimeout.toNanos();
    this.bodyNanos = bodyTimeout.toNanos();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive() && ctx.channel().isRegistered()) {
      arm(ctx, headerNanos, "request head"); // added to a live connection
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    if (timer == null) {
      arm(ctx, headerNanos, "request head");
    }
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof HttpRequest) {
      unanswered++;
      arm(ctx, bodyNanos, "request body");
    }
    if (msg instanceof LastHttpContent) {
      cancel(); // complete: the route runs without a deadline of ours
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    if (msg instanceof HttpResponse && --unanswered <= 0) {
      // the next request's head is due from now, whether or not the client reads this reply; a
      // pipelined request still being answered keeps the connection without a deadline of ours
      unanswered = 0;
      arm(ctx, headerNanos, "request head");
    }
    super.write(ctx, msg, promise);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    cancel();
    super.channelInactive(ctx);
  }

  private void arm(ChannelHandlerContext ctx, long nanos, String what) {
    cancel();
    timer =
        ctx.executor()
            .schedule(
                () -> {
                  LOG.debug(
                      "closing {}: no complete {} within {} ms",
                      ctx.channel().remoteAddress(),
                      what,
                      TimeUnit.NANOSECONDS.toMillis(nanos));
                  ctx.close();
                },
                nanos,
                TimeUnit.NANOSECONDS);
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
