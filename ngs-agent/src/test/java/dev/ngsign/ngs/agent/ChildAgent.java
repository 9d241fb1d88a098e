package dev.ngsign.ngs.agent;

import dev.ngsign.ngs.agent.internal.sender.NgsClientGateway;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * An agent node in a JVM of its own, for kill -9 tests: {@code ChildAgent <jdbcUrl> <user> <prefix>
 * <certPort> <nodeId> [<table-layout>]}.
 */
public final class ChildAgent {
  private ChildAgent() {}

  static AgentConfig config(String url, String user, String prefix, int certPort, String node) {
    AgentConfig.Account acc =
        new AgentConfig.Account(
            "main", "127.0.0.1", certPort, "testid", "secret", null, true, null, true, 0);
    return AgentConfig.defaults()
        .withNodeId(node)
        .withDatabase(new AgentConfig.Database(url, user, "", null, prefix, null, 6))
        .withAccounts(List.of(acc))
        .withPolling(
            new AgentConfig.Polling(Duration.ofMillis(20), 100, 300, 1000, Duration.ofMillis(2)))
        .withRetry(new AgentConfig.Retry(5, Duration.ofMillis(200), 2.0, Duration.ofSeconds(2)))
        .withLease(new AgentConfig.Lease(Duration.ofMillis(1500), Duration.ofMillis(250)))
        // the test gateway may lose messages it had ACKed when killed: send those again, same
        // SERIAL
        .withExpiry(
            new AgentConfig.Expiry(
                Duration.ofHours(24), Duration.ofHours(72), Duration.ofSeconds(5)))
        .withGuards(new AgentConfig.Guards(false, null, null, true, true))
        .withHttp(new AgentConfig.Http(0, null));
  }

  public static void main(String[] args) throws Exception {
    AgentConfig cfg = config(args[0], args[1], args[2], Integer.parseInt(args[3]), args[4]);
    if (args.length > 5) {
      cfg = LegacyHarness.legacy(cfg, args[5]);
    }
    Agent a =
        Agent.builder(cfg)
            .clock(Clock.systemUTC())
            .migrate(true)
            .tuning(
                NgsClientGateway.Tuning.defaults()
                    .withLoginPacing(Duration.ofMillis(10), Duration.ofMillis(200)))
            .build()
            .start();
    System.out.println("ready " + cfg.nodeId());
    System.out.flush();
    new CountDownLatch(1).await();
    a.close();
  }
}
