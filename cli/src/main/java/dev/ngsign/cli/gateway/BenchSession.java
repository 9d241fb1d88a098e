package dev.ngsign.cli.gateway;

import dev.ngsign.ngs.protocol.codec.NgsFrameDecoder;
import dev.ngsign.ngs.protocol.codec.NgsPacketEncoder;
import dev.ngsign.ngs.protocol.crypto.PasswordHash;
import dev.ngsign.ngs.protocol.packet.Bind;
import dev.ngsign.ngs.protocol.packet.BindAck;
import dev.ngsign.ngs.protocol.packet.Cert;
import dev.ngsign.ngs.protocol.packet.CertAck;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.DeliverAck;
import dev.ngsign.ngs.protocol.packet.Event;
import dev.ngsign.ngs.protocol.packet.MessageType;
import dev.ngsign.ngs.protocol.packet.NgsPacket;
import dev.ngsign.ngs.protocol.packet.NgsVersion;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import dev.ngsign.ngs.protocol.packet.SessionMode;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One DLV session of the benchmark: CERT, BIND, then DELIVERs with at most {@code window} waiting
 * for their DELIVER_ACK (or, with a rate, paced by a 1 ms tick). Latency = DELIVER written →
 * DELIVER_ACK read, on this session's event loop; the first {@code warmup} messages are not
 * recorded.
 */
final class BenchSession {
  private final EventLoopGroup group;
  private final String host;
  private final String id;
  private final String password;
  private final SessionMode mode;
  private final int window;
  private final long messages;
  private final long warmup;
  private final double ratePerMs; // 0 = as fast as the window allows
  private final CountDownLatch done;

  final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
  final Map<Integer, Long> results = new TreeMap<>();
  long firstMeasuredSendNanos = Long.MAX_VALUE;
  long lastAckNanos;
  long measured;
  volatile long acked;

  private Channel channel;
  private long sent;
  private long[] sendTimes;
  private int head;
  private int inFlight;
  private double allowance;
  private Deliver template;

  BenchSession(
      EventLoopGroup group,
      String host,
      String id,
      String password,
      SessionMode mode,
      int window,
      long messages,
      long warmup,
      double ratePerSecond,
      CountDownLatch done) {
    this.group = group;
    this.host = host;
    this.id = id;
    this.password = password;
    this.mode = mode;
    this.window = window;
    this.messages = messages;
    this.warmup = warmup;
    this.ratePerMs = ratePerSecond / 1000.0;
    this.done = done;
  }

  /** CERT on the cert server; returns CERT_ACK. */
  CertAck cert(int certPort) throws Exception {
    for (int attempt = 1; ; attempt++) {
      CompletableFuture<NgsPacket> reply = new CompletableFuture<>();
      Channel ch = connect(certPort, reply);
      ch.writeAndFlush(
          new Cert(id, PasswordHash.of(password).pwdField(12), NgsVersion.VERSION, 12));
      NgsPacket p = reply.get(10, TimeUnit.SECONDS);
      ch.close();
      if (p instanceof CertAck ack) {
        return ack;
      }
      // An EVENT 0 instead of a CERT_ACK: the gateway closed the connection before it read the
      // CERT — on a machine too busy to send it within the spec's one-second login window. The
      // CERT was not counted, so asking again is safe; anything else is the gateway's answer.
      if (!(p instanceof Event) || attempt == CERT_ATTEMPTS) {
        throw new IllegalStateException(
            "CERT " + id + " answered with " + describe(p) + " (attempt " + attempt + ")");
      }
    }
  }

  /** How many times a CERT the gateway closed unread (EVENT 0) is sent again. */
  static final int CERT_ATTEMPTS = 3;

  private static String describe(NgsPacket p) {
    return p instanceof Event e
        ? "EVENT " + e.eventType() + " \"" + e.data() + "\""
        : p.getClass().getSimpleName();
  }

  /** BIND on the deliver port, then start sending. */
  void bindAndRun(String certKey, int deliverPort) throws Exception {
    CompletableFuture<NgsPacket> reply = new CompletableFuture<>();
    channel = connect(deliverPort, reply);
    channel.writeAndFlush(
        new Bind(
            id,
            PasswordHash.of(password).pwdField(12),
            certKey,
            mode,
            SessionKind.DELIVER,
            NgsVersion.VERSION,
            12));
    NgsPacket answer = reply.get(10, TimeUnit.SECONDS);
    if (!(answer instanceof BindAck ack)) {
      throw new IllegalStateException("BIND " + id + " answered with " + describe(answer));
    }
    if (!ack.isOk()) {
      throw new IllegalStateException(
          "BIND " + id + " refused: " + ack.result() + " " + ack.message());
    }
    if (mode == SessionMode.ENCRYPTED) {
      var cipher = PasswordHash.of(password).key(12).bodyCipher();
      channel
          .eventLoop()
          .submit(
              () -> {
                channel.pipeline().get(NgsFrameDecoder.class).bodyCipher(cipher);
                channel.pipeline().get(NgsPacketEncoder.class).bodyCipher(cipher);
              })
          .sync();
    }
    template =
        Deliver.builder(MessageType.SMS)
            .daAddr("01020001234")
            .callback("15880000")
            .text("NGS bench message 0123456789")
            .serial("x")
            .senderCode("101280092")
            .build();
    sendTimes = new long[window];
    channel.eventLoop().execute(this::start);
  }

  private Channel connect(int port, CompletableFuture<NgsPacket> firstReply)
      throws InterruptedException {
    return new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                ch.pipeline()
                    .addLast(
                        new NgsFrameDecoder(),
                        new NgsPacketEncoder(),
                        new SimpleChannelInboundHandler<NgsPacket>() {
                          @Override
                          protected void channelRead0(ChannelHandlerContext ctx, NgsPacket p) {
                            if (p instanceof DeliverAck a) {
                              onAck(a);
                            } else if (!firstReply.isDone()) {
                              firstReply.complete(p);
                            }
                          }

                          @Override
                          public void channelReadComplete(ChannelHandlerContext ctx) {
                            ctx.flush();
                          }

                          @Override
                          public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                            firstReply.completeExceptionally(cause);
                            ctx.close();
                          }

                          @Override
                          public void channelInactive(ChannelHandlerContext ctx) {
                            firstReply.completeExceptionally(
                                new IllegalStateException("connection closed"));
                            if (sendTimes != null && acked < messages) {
                              done.countDown();
                            }
                          }
                        });
              }
            })
        .connect(host, port)
        .sync()
        .channel();
  }

  private void start() {
    if (ratePerMs > 0) {
      channel.eventLoop().scheduleAtFixedRate(this::tick, 0, 1, TimeUnit.MILLISECONDS);
    } else {
      fill();
      channel.flush();
    }
  }

  private void tick() {
    allowance = Math.min(allowance + ratePerMs, window);
    while (allowance >= 1 && inFlight < window && sent < messages) {
      allowance -= 1;
      sendOne();
    }
    channel.flush();
  }

  private void fill() {
    while (inFlight < window && sent < messages) {
      sendOne();
    }
  }

  private void sendOne() {
    Deliver d =
        new Deliver(
            template.messageType(),
            template.daAddr(),
            template.callback(),
            template.encoding(),
            template.text(),
            null,
            id + "-" + sent,
            template.senderCode(),
            null,
            template.media());
    long now = System.nanoTime();
    sendTimes[(head + inFlight) % window] = now;
    if (sent == warmup) {
      firstMeasuredSendNanos = now;
    }
    inFlight++;
    sent++;
    channel.write(d, channel.voidPromise());
  }

  private void onAck(DeliverAck a) {
    long now = System.nanoTime();
    long sentAt = sendTimes[head];
    head = (head + 1) % window;
    inFlight--;
    long n = acked;
    if (n >= warmup) {
      latency.recordValue(Math.min(now - sentAt, latency.getHighestTrackableValue()));
      measured++;
      results.merge(a.result(), 1L, Long::sum);
    }
    lastAckNanos = now;
    acked = n + 1;
    if (acked == messages) {
      done.countDown();
      return;
    }
    if (ratePerMs == 0) {
      fill(); // flushed in channelReadComplete
    }
  }

  void close() {
    if (channel != null) {
      channel.close();
    }
  }
}
