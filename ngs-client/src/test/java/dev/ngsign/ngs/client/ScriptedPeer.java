package dev.ngsign.ngs.client;

import dev.ngsign.ngs.protocol.codec.NgsFrameDecoder;
import dev.ngsign.ngs.protocol.codec.NgsPacketEncoder;
import dev.ngsign.ngs.protocol.crypto.PasswordHash;
import dev.ngsign.ngs.protocol.packet.Bind;
import dev.ngsign.ngs.protocol.packet.BindAck;
import dev.ngsign.ngs.protocol.packet.Cert;
import dev.ngsign.ngs.protocol.packet.CertAck;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.DeliverAck;
import dev.ngsign.ngs.protocol.packet.Link;
import dev.ngsign.ngs.protocol.packet.LinkAck;
import dev.ngsign.ngs.protocol.packet.NgsPacket;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import dev.ngsign.ngs.protocol.packet.SessionMode;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A scripted NGS peer for faults the real gateway does not make: DELIVER_ACKs never sent or with
 * chosen codes, LINK left unanswered, the same REPORT sent twice, BINDs refused. Records what the
 * client sent, with the time it arrived (System.nanoTime).
 */
final class ScriptedPeer implements AutoCloseable {
  /** A packet the client sent, on which session ({@code CERT}, {@code DLV}, {@code REP}), when. */
  record Received(String session, NgsPacket packet, long nanos) {}

  final EventLoopGroup group = newGroup();

  @SuppressWarnings("deprecation") // NioEventLoopGroup: the API Netty 4.1 and 4.2 share
  private static EventLoopGroup newGroup() {
    return new NioEventLoopGroup(1);
  }

  final List<Received> received = new CopyOnWriteArrayList<>();
  final AtomicReference<Channel> deliverChannel = new AtomicReference<>();
  final AtomicReference<Channel> reportChannel = new AtomicReference<>();
  private final String clientPassword;
  private final PasswordHash password;
  final int certPort;
  final int deliverPort;
  final int reportPort;

  /** RESULT for each DELIVER (by SERIAL and attempt); null: never answer. */
  volatile Function<Deliver, Integer> deliverAckCode = d -> 0;

  volatile boolean answerLink = true;
  volatile int bindResult = 0;

  /**
   * When set: right after a good DLV BIND_ACK, EVENT type 0 with this DATA (the connection stays
   * open).
   */
  volatile String eventAfterDeliverBind;

  /** False: a REP BIND is never answered. */
  volatile boolean answerReportBind = true;

  volatile TpsLimits tps = new TpsLimits(1000, 1000, 1000);

  ScriptedPeer(String password) throws InterruptedException {
    this.clientPassword = password;
    this.password = PasswordHash.of(password);
    certPort = listen("CERT");
    deliverPort = listen("DLV");
    reportPort = listen("REP");
  }

  /**
   * A client of this peer, for {@code account} with the peer's password: short CERT interval,
   * reconnects after 50 ms, retried for ever. Tests change what they need on the returned builder.
   */
  NgsClientBuilder client(String account) {
    return NgsClient.builder()
        .certServer("127.0.0.1", certPort)
        .account(account, clientPassword)
        .senderCode("101280092")
        .certMinInterval(Duration.ofMillis(100))
        .reconnect(ReconnectStrategy.exponential(Duration.ofMillis(50), Duration.ofMillis(50), 0));
  }

  private int listen(String session) throws InterruptedException {
    Channel ch =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel c) {
                    c.pipeline()
                        .addLast(
                            new NgsFrameDecoder(), new NgsPacketEncoder(), new Handler(session));
                  }
                })
            .bind("127.0.0.1", 0)
            .sync()
            .channel();
    return ((InetSocketAddress) ch.localAddress()).getPort();
  }

  List<NgsPacket> packets(String session, Class<?> type) {
    return received.stream()
        .filter(r -> r.session().equals(session) && type.isInstance(r.packet()))
        .map(Received::packet)
        .toList();
  }

  List<Long> times(String session, Class<?> type) {
    return received.stream()
        .filter(r -> r.session().equals(session) && type.isInstance(r.packet()))
        .map(Received::nanos)
        .toList();
  }

  /** Sends a packet on the current report session. */
  void sendOnReport(NgsPacket p) {
    reportChannel.get().writeAndFlush(p);
  }

  void sendOnDeliver(NgsPacket p) {
    deliverChannel.get().writeAndFlush(p);
  }

  private final class Handler extends SimpleChannelInboundHandler<NgsPacket> {
    private final String session;

    Handler(String session) {
      this.session = session;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, NgsPacket p) {
      received.add(new Received(session, p, System.nanoTime()));
      if (p instanceof Cert c) {
        boolean ok = password.matchesPwdField(c.pwd(), c.keyPos());
        ctx.writeAndFlush(
            ok
                ? CertAck.success("k".repeat(64), "127.0.0.1", deliverPort, reportPort)
                : CertAck.failure(dev.ngsign.ngs.protocol.ResultCode.E_AUTH_FAIL, "bad password"));
      } else if (p instanceof Bind b) {
        if (bindResult != 0) {
          ctx.writeAndFlush(new BindAck(bindResult, new TpsLimits(0, 0, 0), "refused by script"));
          return;
        }
        if (b.kind() == SessionKind.REPORT && !answerReportBind) {
          return;
        }
        (b.kind() == SessionKind.DELIVER ? deliverChannel : reportChannel).set(ctx.channel());
        String event = b.kind() == SessionKind.DELIVER ? eventAfterDeliverBind : null;
        if (event != null) {
          ctx.write(BindAck.success(tps));
          ctx.writeAndFlush(dev.ngsign.ngs.protocol.packet.Event.disconnect(event));
          return;
        }
        ctx.writeAndFlush(BindAck.success(tps))
            .addListener(
                f -> {
                  if (b.mode() == SessionMode.ENCRYPTED) {
                    var cipher = password.key(b.keyPos()).bodyCipher();
                    ctx.pipeline().get(NgsFrameDecoder.class).bodyCipher(cipher);
                    ctx.pipeline().get(NgsPacketEncoder.class).bodyCipher(cipher);
                  }
                });
      } else if (p instanceof Deliver d) {
        Integer code = deliverAckCode.apply(d);
        if (code != null) {
          ctx.writeAndFlush(new DeliverAck(code, d.daAddr(), d.serial()));
        }
      } else if (p instanceof Link && answerLink) {
        ctx.writeAndFlush(LinkAck.INSTANCE);
      }
    }
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }
}
