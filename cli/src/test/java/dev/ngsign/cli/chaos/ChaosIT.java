package dev.ngsign.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bounded chaos run every build re-proves (issue 16): 5,000 rows of mixed types on the local
 * PostgreSQL, a gateway and two agent processes behind fault proxies, SIGKILLs about every 20 s and
 * network faults for 90 s; then every row must be final, and the gateway's carrier log must show no
 * SERIAL accepted twice, no recipient messaged twice and no report lost.
 */
class ChaosIT {
  @TempDir Path dir;

  @Test
  void nothingIsLostOrSentTwiceUnderKillsAndNetworkFaults() throws Exception {
    StringWriter out = new StringWriter();
    int exit =
        Main.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(out, true))
            .execute(
                "chaos",
                "--db",
                "postgresql",
                "--messages",
                "5000",
                "--agents",
                "2",
                "--duration",
                "90s",
                "--kill-every",
                "20s",
                "--net-faults",
                "--drain",
                "4m",
                "--seed",
                "16",
                "--out",
                dir.resolve("run").toString());
    String report = out.toString();
    assertThat(exit).as(report).isZero();
    assertThat(Files.readString(dir.resolve("run/report.txt"))).contains("chaos: OK");
    assertThat(number(report, "rows inserted\\s+(\\d+) of 5000")).isEqualTo(5000);
    assertThat(number(report, "rows not final\\s+(\\d+)")).isZero();
    assertThat(number(report, "SERIALs accepted twice\\s+(\\d+)")).isZero();
    assertThat(number(report, "recipients messaged twice\\s+(\\d+)")).isZero();
    assertThat(number(report, "reports lost\\s+(\\d+)")).isZero();
    // every row was accepted once: a line each in the carrier log, short only by lines a kill cut
    // off
    assertThat(
            number(report, "gateway carrier log, (\\d+) lines")
                + number(report, "carrier log gaps\\s+(\\d+)"))
        .isEqualTo(5000);
    assertThat(number(report, "kills\\s+(\\d+) \\(gateway"))
        .as("the run killed processes")
        .isGreaterThanOrEqualTo(2);
    assertThat(number(report, "network faults (\\d+)"))
        .as("the run injected network faults")
        .isGreaterThanOrEqualTo(2);
  }

  private static long number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }
}
