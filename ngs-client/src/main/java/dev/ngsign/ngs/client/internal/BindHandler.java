package dev.ngsign.ngs.client.internal;

import dev.ngsign.ngs.client.NgsAuthenticationException;
import dev.ngsign.ngs.client.NgsConnectionException;
import dev.ngsign.ngs.client.NgsTimeoutException;
import dev.ngsign.ngs.protocol.codec.NgsFrameDecoder;
import dev.ngsign.ngs.protocol.codec.NgsPacketEncoder;
import dev.ngsign.ngs.protocol.crypto.NgsKey;
import dev.ngsign.ngs.protocol.packet.Bind;
import dev.ngsign.ngs.protocol.packet.BindAck;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One session's BIND (section 4.2): sends BIND on connect; on a good BIND_ACK switches the codec to
 * encrypted bodies when the session is TYPE P, puts the session handlers in its place (before the
 * next packet is read, so a REPORT right after BIND_ACK is not missed) and completes.
 */
final class BindHandler extends ChannelInboundHandlerAdapter {
  /** The session's body cipher on TYPE P sessions (absent on plain ones). */
  static final io.netty.util.AttributeKey<dev.ngsign.ngs.protocol.crypto.BodyCipher> CIPHER =
      io.netty.util.AttributeKey.valueOf("ngs.bodyCipher");

  private final Bind bind;
  private final NgsKey key;
  private final Promise<BindAck> promise;
  private final long timeoutNanos;
  private final ChannelHandler[] next;
  private ScheduledFuture<?> timer;

  /** {@code key} is null on plain sessions. */
  BindHandler(
      Bind bind, NgsKey key, Promise<BindAck> promise, long timeoutNanos, ChannelHandler... next) {
    this.bind = bind;
    this.key = key;
    this.promise = promise;
    this.timeoutNanos = timeoutNanos;
    this.next = next;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.writeAndFlush(bind)
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                promise.tryFailure(
                    new NgsConnectionException(
                        "writing BIND " + bind.kind().code() + " failed: " + f.cause(), f.cause()));
              }
            });
    timer =
        ctx.executor()
            .schedule(
                () -> {
                  promise.tryFailure(
                      new NgsTimeoutException(
                          "no BIND_ACK ("
                              + bind.kind().code()
                              + ") within "
                              + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)
                              + " ms",
                          false));
                  ctx.close();
                },
                timeoutNanos,
                TimeUnit.NANOSECONDS);
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    cancel();
    if (!(msg instanceof BindAck ack)) {
      promise.tryFailure(
          new NgsConnectionException(
              "gateway sent "
                  + msg.getClass().getSimpleName()
                  + " before BIND_ACK ("
                  + bind.kind().code()
                  + ")",
              null));
      ctx.close();
      return;
    }
    if (!ack.isOk()) {
      promise.tryFailure(
          new NgsAuthenticationException(
              "BIND " + bind.kind().code(), ack.result(), ack.message()));
      ctx.close();
      return;
    }
    if (key != null) {
      var cipher = key.bodyCipher();
      ctx.pipeline().get(NgsFrameDecoder.class).bodyCipher(cipher);
      ctx.pipeline().get(NgsPacketEncoder.class).bodyCipher(cipher);
      ctx.channel()
          .attr(CIPHER)
          .set(cipher); // the deliver window encodes DELIVERs itself, in batches
    }
    String name = ctx.name();
    for (int i = next.length - 1; i >= 0; i--) {
      ctx.pipeline().addAfter(name, null, next[i]);
    }
    ctx.pipeline().remove(this);
    promise.trySuccess(ack);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancel();
    promise.tryFailure(
        new NgsConnectionException(
            "gateway closed the " + bind.kind().code() + " connection before BIND_ACK", null));
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    cancel();
    promise.tryFailure(
        new NgsConnectionException(
            bind.kind().code() + " connection failed: " + cause.getMessage(), cause));
    ctx.close();
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
    }
  }
}
