package dev.ngsign.ngs.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.protocol.packet.DeliverAck;
import dev.ngsign.ngs.protocol.packet.Event;
import dev.ngsign.ngs.protocol.packet.NgsPacket;
import dev.ngsign.ngs.protocol.packet.PacketType;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import dev.ngsign.ngs.protocol.packet.SessionMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input never crashes, hangs or exhausts the gateway: every connection is answered or closed.
 */
class GarbageInputIT {
  private NgsGateway gw;
  private GatewayPorts ports;

  @BeforeEach
  void start() {
    gw =
        NgsGateway.builder()
            .certInterval(Duration.ZERO)
            .loginTimeout(Duration.ofMillis(200))
            .lock(0, Duration.ofMinutes(1), Duration.ofMinutes(1))
            .idleTimeout(Duration.ofSeconds(2))
            .account(Account.builder("testid", "secret").build())
            .build();
    ports = gw.start();
  }

  @AfterEach
  void stop() {
    gw.close();
  }

  private static byte[] frame(Random rnd, PacketType type, int bodyLength) {
    byte[] body = new byte[bodyLength];
    rnd.nextBytes(body);
    byte[] header = new byte[14];
    byte[] t = Integer.toString(type.headType()).getBytes(StandardCharsets.US_ASCII);
    byte[] l = Integer.toString(bodyLength).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(t, 0, header, 0, t.length);
    System.arraycopy(l, 0, header, 4, l.length);
    byte[] f = new byte[14 + bodyLength];
    System.arraycopy(header, 0, f, 0, 14);
    System.arraycopy(body, 0, f, 14, bodyLength);
    return f;
  }

  @Test
  void randomBytesOnEveryPortAreAnsweredOrClosed() {
    Random rnd = new Random(2026);
    int[] portsToHit = {ports.certPort(), ports.deliverPort(), ports.reportPort()};
    for (int i = 0; i < 60; i++) {
      byte[] junk = new byte[1 + rnd.nextInt(400)];
      rnd.nextBytes(junk);
      try (RawNgsClient c = new RawNgsClient(portsToHit[i % 3])) {
        c.sendRaw(junk);
        List<NgsPacket> got = c.readUntilClosed();
        assertThat(got).hasSizeLessThanOrEqualTo(1);
      }
    }
    for (PacketType type : PacketType.values()) {
      int len = type.fixedSize() ? type.bodySize() : 221 + rnd.nextInt(300);
      try (RawNgsClient c = new RawNgsClient(ports.certPort())) {
        c.sendRaw(frame(rnd, type, len));
        assertThat(c.readUntilClosed()).hasSizeLessThanOrEqualTo(1);
      }
    }
    assertThat(RawNgsClient.cert(ports.certPort(), "testid", "secret", 12).isOk()).isTrue();
  }

  @Test
  void anUnboundConnectionCannotMakeTheGatewayBufferMuch() {
    byte[] header =
        "21\0\0001000000\0\0\0"
            .getBytes(StandardCharsets.ISO_8859_1); // a 1 MB DELIVER (under the cap), before BIND
    try (RawNgsClient c = new RawNgsClient(ports.deliverPort())) {
      c.sendRaw(header);
      byte[] chunk = new byte[16 * 1024];
      try {
        for (int i = 0; i < 8; i++) {
          c.sendRaw(chunk);
        }
      } catch (java.io.UncheckedIOException closedMeanwhile) {
        // the gateway may already have closed
      }
      List<NgsPacket> got = c.readUntilClosed();
      assertThat(got).hasSize(1);
      assertThat(((Event) got.get(0)).data()).isEqualTo("1017 more than 65536 bytes before BIND");
    }
  }

  @Test
  void randomBodiesInABoundSessionNeverKillTheGateway() {
    Random rnd = new Random(7);
    for (int i = 0; i < 40; i++) {
      try (RawNgsClient dlv =
          RawNgsClient.login(
              ports,
              "testid",
              "secret",
              i % 2 == 0 ? SessionMode.PLAIN : SessionMode.ENCRYPTED,
              SessionKind.DELIVER)) {
        PacketType type = PacketType.values()[rnd.nextInt(PacketType.values().length)];
        int len = type == PacketType.DELIVER ? 221 + rnd.nextInt(200) : type.bodySize();
        if (i % 2 == 1 && type.encryptedOnSecureSession()) {
          len = (len / 16 + 1) * 16;
        }
        dlv.sendRaw(frame(rnd, type, len));
        List<NgsPacket> got = dlv.readUntilClosedOrAck();
        assertThat(got)
            .allMatch(
                p ->
                    p instanceof DeliverAck
                        || p instanceof Event
                        || p.type() == PacketType.LINK_ACK);
      }
      // the next login must not race the gateway noticing this close (a second DLV session is
      // refused, 1010)
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> gw.sessions().isEmpty());
    }
    try (RawNgsClient dlv =
        RawNgsClient.login(ports, "testid", "secret", SessionMode.PLAIN, SessionKind.DELIVER)) {
      dlv.send(Messages.sms("AFTER"));
      assertThat(((DeliverAck) dlv.read()).isOk()).isTrue();
    }
  }
}
