package dev.ngsign.ngs.agent;

import dev.ngsign.ngs.agent.internal.schema.Dialect;
import dev.ngsign.ngs.gateway.Account;
import dev.ngsign.ngs.gateway.GatewayPorts;
import dev.ngsign.ngs.gateway.NgsGateway;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What the console's browser tests run against: the gateway simulator (reports after 20 ms), an H2
 * send table, and an agent with one account {@code main} (NGS ID {@code testid}) and its console on
 * a port of its own on 127.0.0.1, with {@link ConsoleClient#HASH}'s password. Short polling and
 * lease timings; the advertising guard off. {@link #close()} stops all three.
 */
final class ConsoleUnderTest implements AutoCloseable {
  final NgsGateway gateway;
  final TestDb db;
  final Agent agent;

  /** The console's base URL, {@code http://127.0.0.1:<port>}. */
  final String console;

  /**
   * @param nodeId the agent's node id
   * @param prefix the agent's table prefix
   * @param agentTps the account's TPS cap on the agent (0: none)
   * @param gatewayAccount {@code testid} as the gateway knows it (its password must be "secret")
   */
  ConsoleUnderTest(String nodeId, String prefix, int agentTps, Account gatewayAccount) {
    this(nodeId, prefix, agentTps, gatewayAccount, UnaryOperator.identity());
  }

  /**
   * @param more changes to the agent's configuration (e.g. {@code log-table})
   */
  ConsoleUnderTest(
      String nodeId,
      String prefix,
      int agentTps,
      Account gatewayAccount,
      UnaryOperator<AgentConfig> more) {
    gateway =
        NgsGateway.builder()
            .account(gatewayAccount)
            .reportDelay(Duration.ofMillis(20))
            .certInterval(Duration.ZERO)
            .build();
    GatewayPorts ports = gateway.start();
    db = TestDb.create(Dialect.H2);
    agent =
        db.agent(
                more.apply(
                    config(
                        nodeId,
                        db,
                        prefix,
                        List.of(account("main", ports.certPort(), "testid", true, agentTps)))))
            .build()
            .start();
    console = "http://127.0.0.1:" + agent.consolePort();
  }

  /** An account on the gateway simulator at {@code certPort}, password "secret", encrypted. */
  static AgentConfig.Account account(
      String name, int certPort, String ngsId, boolean isDefault, int agentTps) {
    return new AgentConfig.Account(
        name, "127.0.0.1", certPort, ngsId, "secret", null, true, null, isDefault, agentTps);
  }

  /**
   * An agent on {@code db} with its console on a port of its own on 127.0.0.1 ({@link
   * ConsoleClient#HASH}'s password), short polling and lease timings, the advertising guard off.
   */
  static AgentConfig config(
      String nodeId, TestDb db, String prefix, List<AgentConfig.Account> accounts) {
    return AgentConfig.defaults()
        .withNodeId(nodeId)
        .withDatabase(db.config(prefix))
        .withAccounts(accounts)
        .withPolling(
            new AgentConfig.Polling(Duration.ofMillis(20), 100, 100, 100, Duration.ofMillis(2)))
        .withLease(new AgentConfig.Lease(Duration.ofMillis(1500), Duration.ofMillis(250)))
        .withGuards(new AgentConfig.Guards(false, null, null, true, true))
        .withHttp(new AgentConfig.Http(0, null))
        .withConsole(
            AgentConfig.Console.withPasswordHash(ConsoleClient.HASH).onPort(0, "127.0.0.1"));
  }

  @Override
  public void close() {
    try {
      agent.close();
    } finally {
      try {
        gateway.close();
      } finally {
        db.close();
      }
    }
  }
}
