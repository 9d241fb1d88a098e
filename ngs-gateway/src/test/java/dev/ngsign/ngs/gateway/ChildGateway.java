package dev.ngsign.ngs.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A gateway in a JVM of its own, for kill -9 tests: {@code ChildGateway <certPort> <deliverPort> <reportPort>
 * <dataDir> [monthlyQuota]}; prints "ready" once listening.
 */
public final class ChildGateway {
  private ChildGateway() {}

  public static void main(String[] args) throws Exception {
    NgsGateway gw = NgsGateway.builder()
        .account(Account.builder("testid", "secret").monthlyQuota(args.length > 4 ? Long.parseLong(args[4]) : 0)
            .build())
        .certPort(Integer.parseInt(args[0]))
        .deliverPort(Integer.parseInt(args[1]))
        .reportPort(Integer.parseInt(args[2]))
        .dataDir(Path.of(args[3]))
        .reportDelay(Duration.ZERO)
        .certInterval(Duration.ZERO)
        .loginTimeout(Duration.ofSeconds(10)) // a cold JVM on a busy machine: not the subject of these tests
        .ioThreads(2)
        .build();
    gw.start();
    System.out.println("ready " + gw.ports().describe());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
