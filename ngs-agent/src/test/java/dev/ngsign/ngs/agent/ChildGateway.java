package dev.ngsign.ngs.agent;

import dev.ngsign.ngs.gateway.Account;
import dev.ngsign.ngs.gateway.NgsGateway;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** A gateway in a JVM of its own, for kill -9 tests: {@code ChildGateway <certPort> <dataDir>}; prints "ready". */
public final class ChildGateway {
  private ChildGateway() {}

  static NgsGateway build(int certPort, Path dataDir) {
    return NgsGateway.builder()
        .account(Account.builder("testid", "secret").build())
        .certPort(certPort)
        .dataDir(dataDir)
        .reportDelay(Duration.ofMillis(100))
        .certInterval(Duration.ZERO)
        .lock(0, Duration.ofSeconds(1), Duration.ofSeconds(1))
        .build();
  }

  public static void main(String[] args) throws Exception {
    NgsGateway gw = build(Integer.parseInt(args[0]), Path.of(args[1]));
    Runtime.getRuntime().addShutdownHook(new Thread(gw::close)); // SIGTERM: flush the store; SIGKILL skips this
    gw.start();
    System.out.println("ready " + gw.ports().describe());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
