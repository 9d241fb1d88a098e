package dev.ngsign.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Misbehaving HTTP clients for the tests of every HTTP port (navercert simulator, the agent's port,
 * the gateway's admin port): idle connections, a request head trickled a byte every 100 ms and
 * never finished, a complete head whose body trickles. Each connection is watched: {@link
 * #closedByServer()} counts those the server has closed. Loopback only; {@link #close()} closes
 * what is left.
 */
public final class SlowClients implements AutoCloseable {
  private final int port;
  private final List<Socket> sockets = new ArrayList<>();
  private final ScheduledExecutorService trickle = Executors.newScheduledThreadPool(2);
  private final ExecutorService watchers = Executors.newCachedThreadPool();
  private final AtomicInteger closed = new AtomicInteger();

  public SlowClients(int port) {
    this.port = port;
  }

  /** Opens {@code n} connections that send nothing. */
  public SlowClients idle(int n) throws IOException {
    for (int i = 0; i < n; i++) {
      open();
    }
    return this;
  }

  /** Opens {@code n} connections that trickle a never-ending request head to {@code path}. */
  public SlowClients slowHead(int n, String path) throws IOException {
    byte[] head =
        ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + "a".repeat(10_000))
            .getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < n; i++) {
      Socket s = open();
      AtomicInteger at = new AtomicInteger();
      trickle.scheduleAtFixedRate(
          () -> write(s, head[at.getAndIncrement() % head.length]), 0, 100, TimeUnit.MILLISECONDS);
    }
    return this;
  }

  /**
   * Opens {@code n} connections that send a complete POST head announcing a 100,000-byte body to
   * {@code path}, then trickle the body a byte every 100 ms.
   */
  public SlowClients slowBody(int n, String path) throws IOException {
    byte[] head =
        ("POST "
                + path
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100000\r\n\r\n{")
            .getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < n; i++) {
      Socket s = open();
      s.getOutputStream().write(head);
      trickle.scheduleAtFixedRate(() -> write(s, ' '), 0, 100, TimeUnit.MILLISECONDS);
    }
    return this;
  }

  /** Connections opened so far. */
  public int opened() {
    synchronized (sockets) {
      return sockets.size();
    }
  }

  /** Connections the server has closed (end of stream or reset seen). */
  public int closedByServer() {
    return closed.get();
  }

  /**
   * One more connection sending a complete {@code GET path}; returns everything the server wrote
   * before it closed the connection (e.g. a 503 when over the connection limit).
   */
  public String requestUntilClosed(String path) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(30_000);
      s.getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private Socket open() throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
    synchronized (sockets) {
      sockets.add(s);
    }
    watchers.execute(
        () -> {
          try (InputStream in = s.getInputStream()) {
            while (in.read() >= 0) {
              // drain whatever the server says before it closes
            }
          } catch (IOException reset) {
            // reset by the server (or closed by us at the end): closed either way
          }
          closed.incrementAndGet();
        });
    return s;
  }

  private static void write(Socket s, int b) {
    try {
      OutputStream out = s.getOutputStream();
      out.write(b);
      out.flush();
    } catch (IOException dropped) {
      // the server dropped it; the watcher counts that
    }
  }

  @Override
  public void close() {
    trickle.shutdownNow();
    synchronized (sockets) {
      for (Socket s : sockets) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
    }
    watchers.shutdownNow();
  }
}
