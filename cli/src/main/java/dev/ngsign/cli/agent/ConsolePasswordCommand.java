package dev.ngsign.cli.agent;

import dev.ngsign.cli.ErrorReport;
import dev.ngsign.ngs.agent.ConfigException;
import dev.ngsign.ngs.agent.ConsolePassword;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ngsign agent console-password}: asks for the console password (twice, not echoed) on a
 * terminal, or reads one line from standard input otherwise, and prints the hash for {@code
 * console.password-hash} in agent.yml. The password itself is never printed or stored.
 */
@Command(
    name = "console-password",
    mixinStandardHelpOptions = true,
    description = {
      "Print the hash of a console password for agent.yml (console: password-hash: ...).",
      "Asks twice on a terminal (not echoed); reads one line from standard input otherwise. At least 12 characters.",
      "See docs/console.md."
    })
public final class ConsolePasswordCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    char[] password;
    Console terminal = System.console();
    if (terminal != null) {
      password = terminal.readPassword("console password: ");
      char[] again = terminal.readPassword("again: ");
      if (password == null || again == null || !Arrays.equals(password, again)) {
        spec.commandLine()
            .getErr()
            .println("ngsign agent console-password: the two entries differ; nothing printed");
        return AgentCommand.CONFIG;
      }
      Arrays.fill(again, ' ');
    } else {
      String line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      password = line == null ? new char[0] : line.toCharArray();
    }
    try {
      String hash = ConsolePassword.hash(password);
      spec.commandLine().getOut().println(hash);
      spec.commandLine()
          .getErr()
          .println(
              "put it in agent.yml:  console: { enabled: true, password-hash: \"<the line above>\" }");
      return 0;
    } catch (ConfigException e) {
      ErrorReport.print(spec, e, null);
      return AgentCommand.CONFIG;
    } finally {
      Arrays.fill(password, ' ');
    }
  }
}
