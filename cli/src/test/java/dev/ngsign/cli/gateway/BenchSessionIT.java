package dev.ngsign.cli.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.codec.PacketCodec;
import dev.ngsign.ngs.protocol.packet.CertAck;
import dev.ngsign.ngs.protocol.packet.Event;
import dev.ngsign.ngs.protocol.packet.SessionMode;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A gateway that closes a login connection with EVENT 0 instead of a CERT_ACK (its one-second login
 * window ran out on a busy machine): the bench asks again, and names the EVENT when it keeps
 * happening — it used to die with a ClassCastException.
 */
class BenchSessionIT {
  @SuppressWarnings("deprecation") // NioEventLoopGroup: the API Netty 4.1 and 4.2 share
  private final EventLoopGroup group = new NioEventLoopGroup(1);

  @AfterEach
  void stop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private static final byte[] LOGIN_TIMEOUT =
      PacketCodec.toBytes(
          Event.disconnect(ResultCode.E_LOGIN_TIMEOUT.code() + " no CERT/BIND within 1000ms"));

  /** Answers each accepted connection with the next of {@code replies}, then closes it. */
  private static ServerSocket certServer(List<byte[]> replies) throws IOException {
    ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    Thread t =
        new Thread(
            () -> {
              for (byte[] reply : replies) {
                try (Socket s = server.accept();
                    OutputStream out = s.getOutputStream()) {
                  if (reply != LOGIN_TIMEOUT) {
                    s.getInputStream().read(new byte[256]); // the CERT arrived
                  }
                  out.write(reply);
                  out.flush();
                } catch (IOException e) {
                  return;
                }
              }
            },
            "fake-cert-server");
    t.setDaemon(true);
    t.start();
    return server;
  }

  private BenchSession session() {
    return new BenchSession(
        group,
        "127.0.0.1",
        "bench1",
        "benchpw",
        SessionMode.PLAIN,
        8,
        10,
        0,
        0,
        new CountDownLatch(1));
  }

  @Test
  void aCertClosedUnreadIsSentAgain() throws Exception {
    byte[] ok = PacketCodec.toBytes(CertAck.success("KEY0123456789", "127.0.0.1", 1, 2));
    try (ServerSocket server = certServer(List.of(LOGIN_TIMEOUT, ok))) {
      CertAck ack = session().cert(server.getLocalPort());
      assertThat(ack.isOk()).isTrue();
      assertThat(ack.certKey()).isEqualTo("KEY0123456789");
    }
  }

  @Test
  void aCertClosedUnreadEveryTimeFailsNamingTheEvent() throws Exception {
    List<byte[]> replies = java.util.Collections.nCopies(BenchSession.CERT_ATTEMPTS, LOGIN_TIMEOUT);
    try (ServerSocket server = certServer(replies)) {
      assertThatThrownBy(() -> session().cert(server.getLocalPort()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("CERT bench1 answered with EVENT")
          .hasMessageContaining("no CERT/BIND within 1000ms")
          .hasMessageContaining("attempt " + BenchSession.CERT_ATTEMPTS);
    }
  }
}
