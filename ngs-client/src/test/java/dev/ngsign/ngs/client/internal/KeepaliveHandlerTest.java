package dev.ngsign.ngs.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.protocol.packet.DeliverAck;
import dev.ngsign.ngs.protocol.packet.Link;
import dev.ngsign.ngs.protocol.packet.LinkAck;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** LINK keepalive with a hand-moved clock: the spec's 60 s and 10 s without waiting them. */
class KeepaliveHandlerTest {
  private long now;
  private final List<String> timeouts = new ArrayList<>();

  private EmbeddedChannel channel() {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.freezeTime();
    ch.pipeline()
        .addLast(
            new KeepaliveHandler(
                TimeUnit.SECONDS.toNanos(60),
                TimeUnit.SECONDS.toNanos(10),
                () -> now,
                (c, reason) -> timeouts.add(reason)));
    return ch;
  }

  private void advance(EmbeddedChannel ch, long seconds) {
    now += TimeUnit.SECONDS.toNanos(seconds);
    ch.advanceTimeBy(seconds, TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();
  }

  @Test
  void sendsLinkAfterSixtySecondsWithoutTraffic() {
    EmbeddedChannel ch = channel();
    advance(ch, 59);
    assertThat((Object) ch.readOutbound()).isNull();
    advance(ch, 1);
    assertThat((Object) ch.readOutbound()).isEqualTo(Link.INSTANCE);
    ch.writeInbound(LinkAck.INSTANCE);
    assertThat((Object) ch.readInbound()).as("LINK_ACK is consumed").isNull();
    advance(ch, 30);
    assertThat(timeouts).isEmpty();
  }

  @Test
  void trafficPostponesTheLink() {
    EmbeddedChannel ch = channel();
    advance(ch, 50);
    ch.writeInbound(new DeliverAck(0, "01020001234", "s"));
    assertThat((Object) ch.readInbound()).isInstanceOf(DeliverAck.class);
    advance(ch, 50);
    assertThat((Object) ch.readOutbound()).isNull();
    advance(ch, 10);
    assertThat((Object) ch.readOutbound()).isEqualTo(Link.INSTANCE);
  }

  @Test
  void noLinkAckInTenSecondsIsATimeout() {
    EmbeddedChannel ch = channel();
    advance(ch, 60);
    assertThat((Object) ch.readOutbound()).isEqualTo(Link.INSTANCE);
    advance(ch, 9);
    assertThat(timeouts).isEmpty();
    advance(ch, 1);
    assertThat(timeouts).singleElement().asString().contains("no LINK_ACK within 10000 ms");
  }
}
