package dev.ngsign.ngs.client.internal;

import dev.ngsign.ngs.client.NgsAuthenticationException;
import dev.ngsign.ngs.client.NgsConnectionException;
import dev.ngsign.ngs.client.NgsTimeoutException;
import dev.ngsign.ngs.protocol.packet.Cert;
import dev.ngsign.ngs.protocol.packet.CertAck;
import dev.ngsign.ngs.protocol.packet.Event;
import dev.ngsign.ngs.protocol.packet.EventType;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The cert connection (section 4.1): sends CERT on connect, completes with the CERT_ACK or fails.
 */
final class CertHandler extends ChannelInboundHandlerAdapter {
  private final Cert cert;
  private final Promise<CertAck> promise;
  private final long timeoutNanos;
  private ScheduledFuture<?> timer;

  CertHandler(Cert cert, Promise<CertAck> promise, long timeoutNanos) {
    this.cert = cert;
    this.promise = promise;
    this.timeoutNanos = timeoutNanos;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.writeAndFlush(cert)
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                promise.tryFailure(
                    new NgsConnectionException("writing CERT failed: " + f.cause(), f.cause()));
              }
            });
    timer =
        ctx.executor()
            .schedule(
                () -> {
                  promise.tryFailure(
                      new NgsTimeoutException(
                          "no CERT_ACK within "
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
    if (msg instanceof CertAck ack) {
      if (ack.isOk()) {
        promise.trySuccess(ack);
      } else {
        promise.tryFailure(new NgsAuthenticationException("CERT", ack.result(), ack.serverIp()));
      }
    } else if (msg instanceof Event e && e.eventType() == EventType.DISCONNECT) {
      // e.g. "1012 ..." (CERT later than the login timeout): a refusal with its code, not a
      // protocol error
      promise.tryFailure(SessionSupervisor.eventRefusal("CERT", "cert connection", e.data()));
    } else {
      promise.tryFailure(
          new NgsConnectionException(
              "cert server sent " + msg.getClass().getSimpleName() + " instead of CERT_ACK", null));
    }
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancel();
    promise.tryFailure(
        new NgsConnectionException("cert server closed the connection before CERT_ACK", null));
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    cancel();
    promise.tryFailure(
        new NgsConnectionException("cert connection failed: " + cause.getMessage(), cause));
    ctx.close();
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
    }
  }
}
