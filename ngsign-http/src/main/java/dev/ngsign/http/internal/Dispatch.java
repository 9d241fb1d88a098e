package dev.ngsign.http.internal;

import dev.ngsign.http.ListenerErrors;
import dev.ngsign.http.Reply;
import dev.ngsign.http.Request;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each complete request to the worker pool and writes the reply back. Requests of one
 * connection run one after the other (replies stay in order under pipelining); a full pool is
 * answered 503 at once instead of queueing without bound.
 */
public final class Dispatch extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatch.class);

  private final Function<Request, Reply> routes;
  private final Executor workers;
  private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);

  private final ListenerErrors errors;

  public Dispatch(Function<Request, Reply> routes, Executor workers, ListenerErrors errors) {
    this.routes = routes;
    this.workers = workers;
    this.errors = errors;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
    boolean keepAlive = HttpUtil.isKeepAlive(msg);
    if (msg.decoderResult().isFailure()) {
      write(ctx, errors.reply(400, "malformed HTTP request"), false);
      return;
    }
    String uri = msg.uri();
    int q = uri.indexOf('?');
    Request req =
        new Request(
            msg.method().name(),
            q < 0 ? uri : uri.substring(0, q),
            q < 0 ? null : uri.substring(q + 1),
            msg.headers().copy(),
            ByteBufUtil.getBytes(msg.content()));
    previous =
        previous
            .thenApplyAsync(v -> routes.apply(req), workers)
            .handle(
                (reply, error) -> {
                  if (error != null) {
                    LOG.warn(
                        "{} {}: no worker took the request: {}",
                        req.method(),
                        req.rawPath(),
                        error.toString());
                    reply = errors.reply(503, "the server is busy; try again shortly");
                  }
                  write(ctx, reply, keepAlive);
                  return null;
                });
  }

  private static void write(ChannelHandlerContext ctx, Reply reply, boolean keepAlive) {
    FullHttpResponse res =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(reply.status()),
            Unpooled.wrappedBuffer(reply.body()));
    if (reply.contentType() != null) {
      res.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
    }
    reply.headers().forEach((k, v) -> res.headers().set(k, v));
    res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
    if (keepAlive) {
      res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(res);
    } else {
      res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("{}: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
