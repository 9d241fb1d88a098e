package dev.ngsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One CLI, one style: help order and summaries, usage lines, option labels, version, exit status of
 * a bare call.
 */
class CliStyleTest {
  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  static List<CommandLine> everyCommand() {
    List<CommandLine> all = new ArrayList<>();
    collect(Main.commandLine(), all);
    return all;
  }

  private static void collect(CommandLine cl, List<CommandLine> all) {
    all.add(cl);
    cl.getSubcommands().values().forEach(sub -> collect(sub, all));
  }

  @Test
  void aBareCallPrintsTheUsageAndExitsTwo() {
    Run r = run();
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains("Missing command")
        .contains("Usage: ngsign ")
        .contains("Commands:");
  }

  @Test
  void helpListsTheCommandsInOrderEachWithACompleteSentence() {
    Run r = run("--help");
    assertThat(r.exit()).isZero();
    List<String> names = new ArrayList<>(Main.commandLine().getSubcommands().keySet());
    assertThat(names)
        .containsExactly(
            "demo",
            "send",
            "agent",
            "gateway",
            "decode",
            "navercert",
            "navercert-server",
            "bench",
            "bench-sdk",
            "bench-agent",
            "chaos",
            "help");
    int at = -1;
    for (String n : names) {
      int i = r.out().indexOf("\n  " + n + " ");
      assertThat(i).as(n).isGreaterThan(at);
      at = i;
    }
    List<String> cut = new ArrayList<>();
    for (CommandLine cl : everyCommand()) {
      if (cl.getCommandSpec().userObject() instanceof CommandLine.HelpCommand) {
        continue; // picocli's own
      }
      for (String line : cl.getCommandSpec().usageMessage().description()) {
        if (!line.strip().matches("(?s).*[.:)]$")) {
          cut.add(cl.getCommandSpec().qualifiedName(" ") + ": " + line);
        }
      }
    }
    assertThat(cut).as("description lines that stop mid-sentence").isEmpty();
    for (CommandLine cl : everyCommand()) {
      String[] header = cl.getCommandSpec().usageMessage().header();
      String summary =
          header.length > 0 ? header[0] : cl.getCommandSpec().usageMessage().description()[0];
      assertThat(summary)
          .as(cl.getCommandSpec().qualifiedName())
          .endsWith(".")
          .doesNotEndWith(",.");
    }
  }

  @Test
  void everyUsageLineStartsWithTheFullCommand() {
    for (CommandLine cl : everyCommand()) {
      String usage = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
      String name = cl.getCommandSpec().qualifiedName(" ");
      assertThat(name).startsWith("ngsign");
      String usageLine =
          usage.lines().filter(l -> l.startsWith("Usage:")).findFirst().orElse("(none)");
      assertThat(usageLine).as(name).startsWith("Usage: " + name + " ");
      assertThat(usage).as(name).doesNotContain("<main class>");
    }
  }

  @Test
  void optionLabelsShareOneStyleAndNothingIsHidden() {
    List<String> wrong = new ArrayList<>();
    String label = "[A-Z][A-Z0-9:_.|,\\[\\]-]*";
    for (CommandLine cl : everyCommand()) {
      for (OptionSpec o : cl.getCommandSpec().options()) {
        String where = cl.getCommandSpec().qualifiedName(" ") + " " + o.longestName();
        if (o.hidden()) {
          wrong.add(where + " is hidden");
        }
        if (o.description().length == 0) {
          wrong.add(where + " has no description");
        }
        if (o.arity().max() > 0 && !o.paramLabel().matches(label)) {
          wrong.add(where + " is labelled " + o.paramLabel());
        }
      }
      for (var p : cl.getCommandSpec().positionalParameters()) {
        if (!p.paramLabel().matches(label)) {
          wrong.add(
              cl.getCommandSpec().qualifiedName(" ") + " parameter is labelled " + p.paramLabel());
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void dashVPrintsTheRealVersionEverywhere() {
    Run top = run("-V");
    assertThat(top.exit()).isZero();
    String first = top.out().lines().findFirst().orElseThrow();
    assertThat(first)
        .matches("ngsign \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?")
        .isEqualTo("ngsign " + VersionProvider.projectVersion());
    assertThat(top.out()).contains("Java " + Runtime.version().feature()).contains("Netty 4.");
    for (String sub : List.of("send", "agent", "navercert", "bench-agent")) {
      assertThat(run(sub, "-V").out().lines().findFirst().orElse("")).as(sub).isEqualTo(first);
    }
  }
}
