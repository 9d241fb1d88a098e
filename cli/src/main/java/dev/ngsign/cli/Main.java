package dev.ngsign.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code ./ngsign}. Each subcommand lives in its own class; register new ones in
 * {@code subcommands} below.
 */
@Command(
    name = "ngsign",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "NGS 2.0.1 messaging and Naver e-signature toolkit.",
    subcommands = {
      CommandLine.HelpCommand.class,
      dev.ngsign.cli.send.SendCommand.class, dev.ngsign.cli.send.BenchSdkCommand.class,
      DecodeCommand.class,
      dev.ngsign.cli.gateway.GatewayCommand.class,
      dev.ngsign.cli.gateway.BenchCommand.class,
      dev.ngsign.cli.navercert.NavercertServerCommand.class, dev.ngsign.cli.navercert.NavercertCommand.class,
      dev.ngsign.cli.agent.AgentCommand.class, dev.ngsign.cli.agent.DemoCommand.class, dev.ngsign.cli.agent.BenchAgentCommand.class,
      dev.ngsign.cli.chaos.ChaosCommand.class,
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and the CLI tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
