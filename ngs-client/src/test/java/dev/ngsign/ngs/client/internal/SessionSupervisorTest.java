package dev.ngsign.ngs.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.client.NgsClosedException;
import dev.ngsign.ngs.client.RetryPolicy;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionSupervisorTest {
  private final EventLoopGroup group = newGroup();

  @SuppressWarnings("deprecation") // NioEventLoopGroup: the API Netty 4.1 and 4.2 share
  private static EventLoopGroup newGroup() {
    return new NioEventLoopGroup(1);
  }

  private final EventLoop loop = group.next();

  @AfterEach
  void stop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private SessionSupervisor supervisor() {
    ClientConfig cfg = SendWindowTest.config(8, RetryPolicy.none());
    ClientMetrics metrics = ClientMetrics.NONE;
    SendWindow window = new SendWindow(cfg, loop, metrics, System::nanoTime);
    return new SessionSupervisor(
        cfg,
        loop,
        window,
        new ReportDispatcher(cfg, loop, null, metrics),
        metrics,
        System::nanoTime);
  }

  /**
   * startAsync() checks {@code closing} and then hands the start to the loop; a close() on another
   * thread in between runs its shutdown on the loop first. The start task then found a closed
   * supervisor and returned without completing the future: startAsync() hung forever (the agent's
   * orTimeout saw it).
   */
  @Test
  void aStartThatReachesTheLoopAfterCloseFailsInsteadOfHanging() {
    SessionSupervisor s = supervisor();
    CompletableFuture<Void> started = new CompletableFuture<>();
    loop.execute(
        () -> {
          s.shutdown();
          s.start(started);
        });
    Throwable e = started.handle((v, x) -> x).orTimeout(2, TimeUnit.SECONDS).join();
    assertThat(e).isInstanceOf(NgsClosedException.class);
  }

  @Test
  void oneAttemptIsBoundedByConnectAndAckTimeoutsForCertAndBind() {
    // config(): connectTimeout 5 s, ackTimeout 10 s
    assertThat(supervisor().attemptBudgetNanos())
        .isEqualTo(TimeUnit.SECONDS.toNanos(2 * (5 + 10) + 1));
  }
}
