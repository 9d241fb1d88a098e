package dev.ngsign.cli;

import dev.ngsign.cli.agent.AgentCommand;
import dev.ngsign.cli.agent.BenchAgentCommand;
import dev.ngsign.cli.agent.DemoCommand;
import dev.ngsign.cli.gateway.BenchCommand;
import dev.ngsign.cli.gateway.GatewayCommand;
import dev.ngsign.cli.navercert.NavercertCommand;
import dev.ngsign.cli.navercert.NavercertServerCommand;
import dev.ngsign.cli.send.BenchSdkCommand;
import dev.ngsign.cli.send.SendCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Entry point of {@code ./ngsign}. Each subcommand lives in its own class; {@link #commandLine()}
 * registers them in the order {@code --help} lists them, each with its one-line summary. Exit
 * status 2 for a usage error (and a bare {@code ngsign}); an unexpected failure is one or two lines
 * on standard error and exit status 1, with the stack trace only under {@code --verbose} ({@link
 * ErrorReport}).
 */
@Command(
    name = "ngsign",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "NGS 2.0.1 messaging and Naver e-signature toolkit.",
    footer = {"", "Start with: ngsign demo. Every command takes --help; docs/ has the details."})
public final class Main implements Runnable {

  /** The commands in the order of {@code --help}, each with its one-line summary. */
  static Map<Object, String> commands() {
    Map<Object, String> c = new LinkedHashMap<>();
    c.put(
        new DemoCommand(),
        "See it work: an in-process gateway and agent send every message type from embedded H2.");
    c.put(
        new SendCommand(),
        "Send one SMS/LMS/MMS/AlimTalk/FriendTalk (any MSGTYPE) with the SDK and print the result.");
    c.put(
        new AgentCommand(),
        "Run the DB sending agent; init-config writes a starting agent.yml, init-db creates the tables.");
    c.put(
        new GatewayCommand(),
        "Run a spec-faithful NGS 2.0.1 gateway with simulated carriers to test against.");
    c.put(
        new DecodeCommand(), "Print NGS 2.0.1 packets from a capture (raw bytes or hex) as JSON.");
    c.put(
        new NavercertCommand(),
        "Naver multi-document e-signature client: request, status, verify (and the signer's side).");
    c.put(
        new NavercertServerCommand(),
        "Run the Barocert-compatible Naver e-signature simulator with its signer web page.");
    c.put(
        new BenchCommand(),
        "Benchmark the gateway: DELIVER to DELIVER_ACK over loopback, messages/s and latency.");
    c.put(
        new BenchSdkCommand(),
        "Benchmark the client SDK: send() to DELIVER_ACK against a gateway process, messages/s and latency.");
    c.put(
        new BenchAgentCommand(),
        "Benchmark the DB agent: rows from INSERT to REPORT written, messages/s and latency.");
    c.put(
        new dev.ngsign.cli.chaos.ChaosCommand(),
        "Chaos run: agents and gateway killed and cut off at random; counts lost and doubled messages.");
    return c;
  }

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "On failure print the stack trace too; one-shot commands also log their steps.")
  void verbose(boolean v) {
    ErrorReport.verbose(v);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and the CLI tests. */
  public static CommandLine commandLine() {
    ErrorReport.verbose(false); // until --verbose is parsed: each command line starts quiet
    CommandLine cl = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    for (Map.Entry<Object, String> e : commands().entrySet()) {
      CommandLine sub = new CommandLine(e.getKey());
      sub.getCommandSpec().usageMessage().header(e.getValue());
      cl.addSubcommand(sub);
    }
    cl.addSubcommand(new CommandLine.HelpCommand());
    // every command answers -V with the real version, and reports failures the same way
    applyEverywhere(cl, new VersionProvider());
    cl.setExecutionExceptionHandler(new ErrorReport());
    return cl;
  }

  private static void applyEverywhere(CommandLine cl, VersionProvider version) {
    cl.getCommandSpec().versionProvider(version);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    for (CommandLine sub : cl.getSubcommands().values()) {
      applyEverywhere(sub, version);
    }
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * A bare {@code ngsign}: the usage on standard error and exit status 2, like any other usage
   * error.
   */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing command: name one of the commands below.");
  }
}
