package dev.ngsign.http;

import dev.ngsign.http.internal.ConnectionLimit;
import dev.ngsign.http.internal.Dispatch;
import dev.ngsign.http.internal.RequestDeadlines;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An HTTP/1.1 listener on Netty's HTTP codec. Pipeline per connection: connection limit, codec
 * (request line 4 KiB, headers 16 KiB), deadlines for head and body, aggregation up to {@link
 * HttpLimits#maxBody()} (413 beyond), then hand-off to a bounded worker pool. Uses only the Netty
 * API common to 4.1 and 4.2, so it runs next to a Spring Boot 3 application's Netty.
 */
public final class HttpListener implements AutoCloseable {
  private static final int MAX_INITIAL_LINE = 4096;
  private static final int MAX_HEADERS = 16 * 1024;

  private final EventLoopGroup group;
  private final ThreadPoolExecutor workers;
  private final ConnectionLimit limit;
  private final Channel channel;

  /**
   * Binds and starts serving.
   *
   * @param name names the threads ({@code <name>-io}, {@code <name>-http})
   * @param host address to bind (e.g. 127.0.0.1)
   * @param port port to bind, 0 for one the system picks
   * @param limits timeouts and bounds
   * @param errors the wording of the errors the listener answers itself
   * @param routes answers one complete request; runs on a worker thread, may block
   * @throws java.io.UncheckedIOException when the address cannot be bound
   */
  @SuppressWarnings("deprecation") // NioEventLoopGroup: the 4.1 and 4.2 common API
  public HttpListener(
      String name,
      String host,
      int port,
      HttpLimits limits,
      ListenerErrors errors,
      Function<Request, Reply> routes) {
    this.group = new NioEventLoopGroup(1, new DefaultThreadFactory(name + "-io", true));
    this.workers =
        new ThreadPoolExecutor(
            limits.workers(),
            limits.workers(),
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(limits.queue()),
            new DefaultThreadFactory(name + "-http", true),
            new ThreadPoolExecutor.AbortPolicy());
    this.limit = new ConnectionLimit(limits.maxConnections(), errors);
    Channel bound;
    try {
      bound =
          new ServerBootstrap()
              .group(group)
              .channel(NioServerSocketChannel.class)
              .option(ChannelOption.SO_BACKLOG, 128)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline()
                          .addLast(limit)
                          .addLast(new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADERS, 8192))
                          .addLast(
                              new RequestDeadlines(limits.headerTimeout(), limits.bodyTimeout()))
                          .addLast(new HttpObjectAggregator(limits.maxBody()))
                          .addLast(new Dispatch(routes, workers, errors));
                    }
                  })
              .bind(new InetSocketAddress(host, port))
              .syncUninterruptibly()
              .channel();
    } catch (Exception e) { // bind() rethrows the checked BindException unchecked
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      workers.shutdownNow();
      if (e instanceof java.io.IOException io) {
        throw new java.io.UncheckedIOException(
            "cannot listen on " + host + ":" + port + ": " + io.getMessage(), io);
      }
      throw e;
    }
    this.channel = bound;
  }

  /** The port bound. */
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** Connections open now (for tests and diagnostics). */
  public int openConnections() {
    return limit.open();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownNow();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
