package dev.ngsign.ngs.gateway.internal.session;

import dev.ngsign.ngs.protocol.ResultCode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * "Server로 Connection 후 1초 안에 CERT 및 BIND 요청을 하여야 합니다" (section 2.1): closes the connection (EVENT
 * type 0, E_LOGIN_TIMEOUT) unless a first packet arrives within the window; then it steps aside.
 */
public final class LoginTimeoutHandler extends ChannelInboundHandlerAdapter {
  private final Duration timeout;
  private ScheduledFuture<?> timer;

  public LoginTimeoutHandler(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    timer =
        ctx.executor()
            .schedule(
                () ->
                    Closer.closeWithEvent(
                        ctx.channel(),
                        ResultCode.E_LOGIN_TIMEOUT,
                        "no CERT/BIND within " + timeout.toMillis() + "ms"),
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    cancel();
    ctx.pipeline().remove(this);
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancel();
    ctx.fireChannelInactive();
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
