package dev.ngsign.cli.agent;

import dev.ngsign.ngs.agent.Agent;
import dev.ngsign.ngs.agent.AgentConfig;
import dev.ngsign.ngs.agent.AgentException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ngsign agent --config agent.yml}: runs an agent node until SIGTERM/Ctrl-C (then it stops
 * claiming, waits for outstanding ACKs, writes back and releases its leases). Prints one line
 * {@code agent ready node=<id> accounts=<n> http=<port>} on stdout once started. Exit status 2 for a bad
 * configuration or schema, 1 for other failures.
 */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    subcommands = {AgentCommand.InitDb.class},
    description = {
      "Run the DB sending agent: rows in the send table go out through NGS; ACKs and reports are written back.",
      "See docs/agent.md for the tables, the status machine and every configuration key."
    })
public final class AgentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "agent.yml (default: embedded H2 under ./data, no accounts)")
  Path config;

  @Option(names = "--migrate", description = "apply schema migrations on start (always on for embedded H2)")
  boolean migrate;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    AgentConfig cfg;
    try {
      cfg = config == null ? AgentConfig.defaults() : AgentConfig.load(config);
    } catch (AgentException e) {
      spec.commandLine().getErr().println("agent: " + e.getMessage());
      return 2;
    }
    if (cfg.accounts().isEmpty()) {
      spec.commandLine().getErr().println("agent: warning: no accounts configured; rows will wait (see docs/agent.md, 'accounts')");
    }
    Agent.Builder b = Agent.builder(cfg);
    if (migrate) {
      b.migrate(true);
    }
    Agent agent;
    try {
      agent = b.build();
    } catch (AgentException e) {
      spec.commandLine().getErr().println("agent: " + e.getMessage());
      return 2;
    }
    try {
      agent.start();
    } catch (AgentException e) {
      agent.close();
      spec.commandLine().getErr().println("agent: " + e.getMessage());
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      agent.close();
      stopped.countDown();
    }, "ngs-agent-shutdown"));
    out.println("agent ready node=" + cfg.nodeId() + " accounts=" + cfg.accounts().size() + " http=" + agent.httpPort());
    out.flush();
    stopped.await();
    return 0;
  }

  /** {@code ngsign agent init-db}: creates or upgrades the agent's tables, then exits. */
  @Command(name = "init-db", mixinStandardHelpOptions = true,
      description = "Create or upgrade the agent's tables (Flyway; safe to run again).")
  public static final class InitDb implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "agent.yml (default: embedded H2 under ./data)")
    Path config;

    @Override
    public Integer call() {
      AgentConfig cfg;
      try {
        cfg = config == null ? AgentConfig.defaults() : AgentConfig.load(config);
      } catch (AgentException e) {
        spec.commandLine().getErr().println("init-db: " + e.getMessage());
        return 2;
      }
      AgentConfig.Database db = cfg.database();
      try {
        int n = Agent.initDb(cfg, System.getenv());
        spec.commandLine().getOut().println("schema up to date on " + db.redactedUrl() + " (table prefix " + db.tablePrefix() + "): "
            + n + " migration(s) applied; tables " + db.tablePrefix() + "MSG, " + db.tablePrefix() + "MSG_ATTACH, "
            + db.tablePrefix() + "REPORT_ORPHAN, " + db.tablePrefix() + "LEASE, " + db.tablePrefix() + "NODE, " + db.tablePrefix() + "META");
        return 0;
      } catch (RuntimeException e) {
        spec.commandLine().getErr().println("init-db: " + e.getMessage());
        return 1;
      }
    }
  }
}
