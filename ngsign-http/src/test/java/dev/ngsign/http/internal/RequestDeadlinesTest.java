package dev.ngsign.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The head and body deadlines on Netty's embedded channel, with its own clock: no sleeping. */
class RequestDeadlinesTest {
  private static EmbeddedChannel channel() {
    // the channel's clock is frozen before the first timer is armed: only advance() moves it
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.freezeTime();
    ch.pipeline()
        .addLast(
            new HttpServerCodec(),
            new RequestDeadlines(Duration.ofSeconds(2), Duration.ofSeconds(3)),
            new HttpObjectAggregator(1 << 20));
    return ch;
  }

  private static void send(EmbeddedChannel ch, String s) {
    ch.writeInbound(Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII));
  }

  private static void advance(EmbeddedChannel ch, long millis) {
    ch.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
  }

  @Test
  void an_idle_connection_is_closed_at_the_head_deadline() {
    EmbeddedChannel ch = channel();
    advance(ch, 1_900);
    assertThat(ch.isOpen()).isTrue();
    advance(ch, 200);
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void trickling_head_bytes_does_not_extend_the_deadline() {
    EmbeddedChannel ch = channel();
    String head = "GET /Time HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < head.length() && ch.isOpen(); i++) {
      send(ch, head.substring(i, i + 1));
      advance(ch, 100); // 2.9 s of trickle in total: more than the 2 s deadline
    }
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void a_slow_body_is_closed_at_the_body_deadline_and_a_complete_one_is_not() {
    EmbeddedChannel ch = channel();
    send(ch, "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n12345");
    advance(ch, 2_900);
    assertThat(ch.isOpen()).isTrue();
    send(ch, "67890");
    FullHttpRequest req = ch.readInbound();
    assertThat(req.content().readableBytes()).isEqualTo(10);
    req.release();
    advance(ch, 60_000); // handling the request has no deadline of ours
    assertThat(ch.isOpen()).isTrue();

    EmbeddedChannel slow = channel();
    send(slow, "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n12345");
    advance(slow, 3_100);
    assertThat(slow.isOpen()).isFalse();
  }

  @Test
  void after_a_reply_the_next_head_is_due_within_the_head_deadline_and_pipelining_is_safe() {
    EmbeddedChannel ch = channel();
    // two pipelined requests: the first reply must not start the idle deadline while the second is
    // open
    send(ch, "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n");
    ((FullHttpRequest) ch.readInbound()).release();
    ((FullHttpRequest) ch.readInbound()).release();
    ch.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
    advance(ch, 10_000);
    assertThat(ch.isOpen()).isTrue();
    ch.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
    advance(ch, 1_900);
    assertThat(ch.isOpen()).isTrue();
    advance(ch, 200);
    assertThat(ch.isOpen()).isFalse();
    ch.finishAndReleaseAll();
  }
}
