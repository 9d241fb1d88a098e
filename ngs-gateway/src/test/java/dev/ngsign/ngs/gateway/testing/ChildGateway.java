package dev.ngsign.ngs.gateway.testing;

import dev.ngsign.ngs.gateway.Account;
import dev.ngsign.ngs.gateway.NgsGateway;
import dev.ngsign.ngs.protocol.DurationFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A gateway in a JVM of its own, for kill -9 tests (shared through ngs-gateway's test-jar). Account
 * {@code testid}/{@code secret}, no CERT interval, no connect lock, two I/O threads, and a login
 * window of {@link #LOGIN_TIMEOUT} instead of the spec's 1 s: a freshly started JVM on a busy
 * machine may take longer than 1 s over its first CERT, and these tests are about crashes, not the
 * login window. Prints {@code ready <ports>} once listening; SIGTERM flushes the store (a shutdown
 * hook), SIGKILL does not.
 *
 * <pre>
 * ChildGateway &lt;certPort&gt; &lt;dataDir&gt;                                     deliver/report ports picked freely, reports after 100ms
 * ChildGateway &lt;certPort&gt; &lt;deliverPort&gt; &lt;reportPort&gt; &lt;dataDir&gt; [reportDelay [monthlyQuota]]  reportDelay default 0, no quota
 * </pre>
 */
public final class ChildGateway {
  /**
   * The report delay of {@link #build(int, Path)}: long enough to see messages sent but not yet
   * reported.
   */
  public static final Duration DEFAULT_REPORT_DELAY = Duration.ofMillis(100);

  /** The child's login window (CERT/BIND after connecting). */
  public static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(10);

  private ChildGateway() {}

  /** The child's configuration, for a test that reopens the same data directory in its own JVM. */
  public static NgsGateway.Builder builder(
      int certPort, int deliverPort, int reportPort, Path dataDir, Duration reportDelay) {
    return builder(certPort, deliverPort, reportPort, dataDir, reportDelay, 0);
  }

  /**
   * As {@link #builder(int, int, int, Path, Duration)}, with a monthly quota on {@code testid} (0:
   * none).
   */
  public static NgsGateway.Builder builder(
      int certPort,
      int deliverPort,
      int reportPort,
      Path dataDir,
      Duration reportDelay,
      long monthlyQuota) {
    return NgsGateway.builder()
        .account(Account.builder("testid", "secret").monthlyQuota(monthlyQuota).build())
        .certPort(certPort)
        .deliverPort(deliverPort)
        .reportPort(reportPort)
        .dataDir(dataDir)
        .reportDelay(reportDelay)
        .certInterval(Duration.ZERO)
        .loginTimeout(LOGIN_TIMEOUT)
        .lock(0, Duration.ofSeconds(1), Duration.ofSeconds(1))
        .ioThreads(2);
  }

  /** The two-argument form's gateway, built in this JVM. */
  public static NgsGateway build(int certPort, Path dataDir) {
    return builder(certPort, 0, 0, dataDir, DEFAULT_REPORT_DELAY).build();
  }

  public static void main(String[] args) throws Exception {
    NgsGateway gw =
        switch (args.length) {
          case 2 -> build(Integer.parseInt(args[0]), Path.of(args[1]));
          case 4, 5, 6 ->
              builder(
                      Integer.parseInt(args[0]),
                      Integer.parseInt(args[1]),
                      Integer.parseInt(args[2]),
                      Path.of(args[3]),
                      args.length >= 5 ? DurationFormat.parse(args[4]) : Duration.ZERO,
                      args.length == 6 ? Long.parseLong(args[5]) : 0)
                  .build();
          default ->
              throw new IllegalArgumentException(
                  "usage: ChildGateway <certPort> <dataDir> | <certPort> <deliverPort> <reportPort> <dataDir> [reportDelay [monthlyQuota]]");
        };
    Runtime.getRuntime()
        .addShutdownHook(new Thread(gw::close)); // SIGTERM: flush the store; SIGKILL skips this
    gw.start();
    System.out.println("ready " + gw.ports().describe());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
