package dev.ngsign.cli.bench;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every load generator ({@code bench}, {@code bench-sdk}, {@code bench-agent}, {@code
 * navercert bench}) takes, with one meaning and one default everywhere: how many measured
 * operations, how many unmeasured ones first, and the time bound. Used as a picocli {@code @Mixin}.
 */
public final class BenchOptions {
  /**
   * The default warm-up is as many as {@code --messages} (as JMH warms up as long as it measures),
   * at most this many. The JVM's JIT compiler works through the first few hundred thousand messages
   * (C2 took 18 s of CPU in one {@code bench-agent} run, a third of {@code bench-sdk}'s CPU after a
   * warm-up of 100,000), and a measurement that shares the cores with it measures the compiler.
   */
  public static final long MAX_DEFAULT_WARMUP = 1_000_000;

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--messages",
      paramLabel = "N",
      defaultValue = "100000",
      description =
          "measured messages in all (navercert bench: measured round trips); default ${DEFAULT-VALUE}")
  long messages;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      defaultValue = "-1",
      description =
          "unmeasured messages sent first, in all; default as many as --messages, at most "
              + MAX_DEFAULT_WARMUP)
  long warmup;

  @Option(
      names = "--max-seconds",
      paramLabel = "SECONDS",
      defaultValue = "300",
      description =
          "stop after this long even when not done (the report then says INCOMPLETE); default ${DEFAULT-VALUE}")
  int maxSeconds;

  /** Measured operations; at least 1. */
  public long messages() {
    check();
    return messages;
  }

  /** Unmeasured operations sent first. */
  public long warmup() {
    check();
    return warmup >= 0 ? warmup : Math.min(messages, MAX_DEFAULT_WARMUP);
  }

  public int maxSeconds() {
    check();
    return maxSeconds;
  }

  private void check() {
    if (messages < 1 || maxSeconds < 1 || warmup < -1) {
      throw new ParameterException(
          mixee.commandLine(),
          "--messages and --max-seconds must be at least 1 and --warmup at least 0, not "
              + messages
              + ", "
              + maxSeconds
              + " and "
              + warmup);
    }
  }
}
