package dev.ngsign.navercert.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ngsign.http.HttpLimits;
import dev.ngsign.navercert.NavercertClient;
import dev.ngsign.navercert.SignState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regression and load test (issue 16.7): slow and idle clients holding connections — more of them
 * than the old JDK server had threads (16) — do not stop the simulator from serving; trickling
 * bytes does not extend the head or body deadline; the connection count is bounded and the
 * connection over the limit gets a 503 instead of a hang. Bounded in count and time; loopback only.
 */
class SlowClientsIT {
  private final Clock clock = Clock.systemUTC();
  private final List<Socket> sockets = new ArrayList<>();
  private final ScheduledExecutorService trickle = Executors.newScheduledThreadPool(2);
  private final ExecutorService readers = Executors.newCachedThreadPool();
  private NavercertServer server;

  @AfterEach
  void stop() throws IOException {
    trickle.shutdownNow();
    readers.shutdownNow();
    for (Socket s : sockets) {
      s.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void keeps_serving_while_60_slow_or_idle_clients_hold_connections_then_drops_them()
      throws Exception {
    Duration deadline = Duration.ofSeconds(2);
    server =
        Fixtures.server(clock)
            .httpLimits(new HttpLimits(deadline, deadline, 256, 2 * 1024 * 1024, 4, 64))
            .start();
    AtomicInteger closedByServer = new AtomicInteger();
    for (int i = 0; i < 20; i++) {
      watch(open(), closedByServer); // idle: connects, sends nothing
    }
    for (int i = 0; i < 20; i++) { // slowloris: a header byte every 100 ms, never finishing
      Socket s = open();
      watch(s, closedByServer);
      byte[] head =
          ("GET /Time HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(10_000))
              .getBytes(StandardCharsets.US_ASCII);
      AtomicInteger at = new AtomicInteger();
      trickle.scheduleAtFixedRate(
          () -> writeQuietly(s, head[at.getAndIncrement() % head.length]),
          0,
          100,
          TimeUnit.MILLISECONDS);
    }
    for (int i = 0; i < 20; i++) { // slow body: complete head, then a body byte every 100 ms
      Socket s = open();
      watch(s, closedByServer);
      s.getOutputStream()
          .write(
              ("POST /operator/requests/"
                      + "1".repeat(32)
                      + "/sign HTTP/1.1\r\nHost: x\r\n"
                      + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
                  .getBytes(StandardCharsets.US_ASCII));
      trickle.scheduleAtFixedRate(() -> writeQuietly(s, ' '), 0, 100, TimeUnit.MILLISECONDS);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() >= 60);

    // meanwhile: 40 complete round trips from 4 callers, more than the 4 workers and 0 spare
    // threads
    NavercertClient client = Fixtures.client(server, clock);
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<SignState>> trips = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        trips.add(CompletableFuture.supplyAsync(() -> roundTrip(client), callers));
      }
      for (CompletableFuture<SignState> t : trips) {
        assertThat(t.get(60, TimeUnit.SECONDS)).isEqualTo(SignState.DONE);
      }
    } finally {
      callers.shutdownNow();
    }

    // and the slow ones are dropped at their deadline, trickling or not
    await().atMost(Duration.ofSeconds(20)).until(() -> closedByServer.get() == 60);
    await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() == 0);
  }

  @Test
  void the_connection_over_the_limit_gets_503_and_service_resumes_when_idle_ones_expire()
      throws Exception {
    Duration deadline = Duration.ofSeconds(2);
    server =
        Fixtures.server(clock)
            .httpLimits(
                new HttpLimits(deadline, Duration.ofSeconds(30), 20, 2 * 1024 * 1024, 4, 64))
            .start();
    AtomicInteger closed = new AtomicInteger();
    for (int i = 0; i < 20; i++) {
      watch(open(), closed);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() == 20);
    try (Socket extra = open()) {
      extra
          .getOutputStream()
          .write("GET /Time HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      String reply = new String(extra.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(reply).startsWith("HTTP/1.1 503").contains("Retry-After", "-45000503");
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> closed.get() == 20);
    NavercertClient client = Fixtures.client(server, clock);
    assertThat(roundTrip(client)).isEqualTo(SignState.DONE);
  }

  @Test
  void a_body_over_the_limit_is_refused_with_413_without_being_read() throws Exception {
    server = Fixtures.server(clock).start();
    try (Socket s = open()) {
      s.getOutputStream()
          .write(
              ("POST /NAVER/MultiSign/"
                      + Fixtures.CLIENT_CODE
                      + " HTTP/1.1\r\nHost: x\r\n"
                      + "Content-Type: application/json\r\nContent-Length: "
                      + (3 * 1024 * 1024)
                      + "\r\n\r\n{")
                  .getBytes(StandardCharsets.US_ASCII));
      String reply = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(reply).isEqualTo("HTTP/1.1 413");
    }
    assertThat(roundTrip(Fixtures.client(server, clock))).isEqualTo(SignState.DONE);
  }

  private SignState roundTrip(NavercertClient client) {
    String rid =
        client.requestMultiSign(Fixtures.CLIENT_CODE, Fixtures.request(1)).execute().receiptID();
    server.sign(rid);
    client.verifyMultiSign(Fixtures.CLIENT_CODE, rid).execute();
    return client.getMultiSignStatus(Fixtures.CLIENT_CODE, rid).execute().state();
  }

  private Socket open() throws IOException {
    Socket s = new Socket("127.0.0.1", server.port());
    synchronized (sockets) {
      sockets.add(s);
    }
    return s;
  }

  /** Counts the socket once the server closes it (read sees end of stream or a reset). */
  private void watch(Socket s, AtomicInteger closed) {
    readers.execute(
        () -> {
          try (InputStream in = s.getInputStream()) {
            while (in.read() >= 0) {
              // drain whatever the server says before closing
            }
          } catch (IOException reset) {
            // reset by the server: closed as well
          }
          closed.incrementAndGet();
        });
  }

  private static void writeQuietly(Socket s, int b) {
    try {
      OutputStream out = s.getOutputStream();
      out.write(b);
      out.flush();
    } catch (IOException closed) {
      // the server dropped it; the watcher counts that
    }
  }
}
