package dev.ngsign.cli.agent;

import dev.ngsign.cli.ErrorReport;
import dev.ngsign.ngs.agent.Agent;
import dev.ngsign.ngs.agent.AgentConfig;
import dev.ngsign.ngs.agent.ConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ngsign agent --config agent.yml}: runs an agent node until SIGTERM/Ctrl-C (then it stops
 * claiming, waits for outstanding ACKs, writes back and releases its leases). Prints one line
 * {@code agent ready node=<id> accounts=<n> http=<port>} (and {@code console=<port>} when the
 * console is enabled) on stdout once started. Exit status 2 for a bad configuration, 1 when the
 * database cannot be used (one or two lines saying what was tried and what to check).
 */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    subcommands = {
      InitConfigCommand.class,
      AgentCommand.InitDb.class,
      ConsolePasswordCommand.class
    },
    description = {
      "Run the DB sending agent: rows in the send table go out through NGS; ACKs and reports are written back.",
      "Start with: ngsign agent init-config --db postgresql > agent.yml; then ngsign agent init-db --config agent.yml.",
      "See docs/agent.md for the tables, the status machine and every configuration key."
    })
public final class AgentCommand implements Callable<Integer> {
  static final int CONFIG = 2;
  static final int FAILED = 1;

  @Spec CommandSpec spec;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "agent.yml (default: embedded H2 under ./data, no accounts)")
  Path config;

  @Option(
      names = "--migrate",
      description = "apply schema migrations on start (always on for embedded H2)")
  boolean migrate;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    AgentConfig cfg;
    try {
      cfg = config == null ? AgentConfig.defaults() : AgentConfig.load(config);
      cfg.database().resolvePassword(System.getenv());
      for (AgentConfig.Account a : cfg.accounts()) {
        a.resolvePassword(System.getenv());
      }
    } catch (ConfigException e) {
      ErrorReport.print(spec, e, null);
      return CONFIG;
    }
    if (cfg.accounts().isEmpty()) {
      spec.commandLine()
          .getErr()
          .println(
              "agent: warning: no accounts configured; rows will wait (see docs/agent.md, 'accounts')");
    }
    // Connect once before the pool does: a refused connection, a wrong password or a missing
    // database is then
    // one readable line instead of the pool's start-up trace.
    try {
      Agent.ensureSchema(cfg, System.getenv(), false);
    } catch (RuntimeException e) {
      ErrorReport.print(spec, e, describe(cfg.database()));
      return e instanceof ConfigException ? CONFIG : FAILED;
    }
    Agent.Builder b = Agent.builder(cfg);
    if (migrate) {
      b.migrate(true);
    }
    Agent agent;
    try {
      agent = b.build();
      agent.start();
    } catch (RuntimeException e) {
      ErrorReport.print(spec, e, describe(cfg.database()));
      return e instanceof ConfigException ? CONFIG : FAILED;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  agent.close();
                  stopped.countDown();
                },
                "ngs-agent-shutdown"));
    out.println(
        "agent ready node="
            + cfg.nodeId()
            + " accounts="
            + cfg.accounts().size()
            + " http="
            + agent.httpPort()
            + (agent.consolePort() > 0 ? " console=" + agent.consolePort() : ""));
    out.flush();
    stopped.await();
    return 0;
  }

  /** What was tried, for error messages: the URL (password parameters masked) and the user. */
  static String describe(AgentConfig.Database db) {
    return "database " + db.redactedUrl() + (db.user().isEmpty() ? "" : " as " + db.user());
  }

  /** {@code ngsign agent init-db}: creates or upgrades the agent's tables, then exits. */
  @Command(
      name = "init-db",
      mixinStandardHelpOptions = true,
      description = {
        "Create or upgrade the agent's tables (Flyway; safe to run again).",
        "A schema (PostgreSQL currentSchema, the MariaDB database) that does not exist is created only with --create-schema."
      })
  public static final class InitDb implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = {"-c", "--config"},
        paramLabel = "FILE",
        description = "agent.yml (default: embedded H2 under ./data)")
    Path config;

    @Option(
        names = "--create-schema",
        description =
            "create the schema the URL names when it does not exist (PostgreSQL ?currentSchema=NAME, the MariaDB database)")
    boolean createSchema;

    @Override
    public Integer call() {
      AgentConfig cfg;
      try {
        cfg = config == null ? AgentConfig.defaults() : AgentConfig.load(config);
        cfg.database().resolvePassword(System.getenv());
      } catch (ConfigException e) {
        ErrorReport.print(spec, e, null);
        return CONFIG;
      }
      AgentConfig.Database db = cfg.database();
      Map<String, String> env = System.getenv();
      try {
        String created = Agent.ensureSchema(cfg, env, createSchema);
        if (created != null) {
          spec.commandLine().getOut().println("created schema " + created);
        }
        int n = Agent.initDb(cfg, env);
        spec.commandLine()
            .getOut()
            .println(
                "schema up to date on "
                    + db.redactedUrl()
                    + " (table prefix "
                    + db.tablePrefix()
                    + "): "
                    + n
                    + " migration(s) applied; tables "
                    + db.tablePrefix()
                    + "MSG, "
                    + db.tablePrefix()
                    + "MSG_ATTACH, "
                    + db.tablePrefix()
                    + "REPORT_ORPHAN, "
                    + db.tablePrefix()
                    + "LEASE, "
                    + db.tablePrefix()
                    + "NODE, "
                    + db.tablePrefix()
                    + "META");
        return 0;
      } catch (RuntimeException e) {
        ErrorReport.print(spec, e, describe(db));
        return e instanceof ConfigException ? CONFIG : FAILED;
      }
    }
  }
}
