package dev.ngsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./ngsign} launcher's JVM options: a bounded heap by default, {@code JAVA_OPTS} added
 * after the defaults, {@code NGSIGN_JAVA_OPTS} replacing them. Runs a copy of the script next to a
 * present jar, with a {@code java} on the PATH that prints its arguments.
 */
class LauncherIT {
  @TempDir Path dir;

  private String launch(String command, String javaOpts, String ngsignJavaOpts)
      throws IOException, InterruptedException {
    Path script = dir.resolve("ngsign");
    Files.copy(Path.of("..", "ngsign"), script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.createDirectories(dir.resolve("cli/target"));
    Files.writeString(
        dir.resolve("cli/target/ngsign.jar"), "jar"); // present and newer than any source: no build
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.writeString(bin.resolve("java"), "#!/bin/sh\necho \"$@\"\n");
    Files.setPosixFilePermissions(
        bin.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder pb =
        new ProcessBuilder("bash", script.toString(), command, "--help").redirectErrorStream(true);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().remove("JAVA_OPTS");
    pb.environment().remove("NGSIGN_JAVA_OPTS");
    if (javaOpts != null) {
      pb.environment().put("JAVA_OPTS", javaOpts);
    }
    if (ngsignJavaOpts != null) {
      pb.environment().put("NGSIGN_JAVA_OPTS", ngsignJavaOpts);
    }
    Process p = pb.start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
  }

  @Test
  void everyCommandGetsABoundedHeap() throws Exception {
    for (String command : List.of("gateway", "agent", "bench", "send", "chaos")) {
      assertThat(launch(command, null, null))
          .as(command)
          .containsPattern("-Xmx\\d+[mg] .*-jar \\S+ngsign.jar " + command + " --help");
    }
    assertThat(launch("gateway", null, null))
        .contains("-Xmx512m", "-XX:MaxDirectMemorySize=256m", "-XX:+UseParallelGC");
  }

  @Test
  void javaOptsComeAfterTheDefaultsSoTheUsersHeapWins() throws Exception {
    String args = launch("gateway", "-Xmx2g -Dx=1", null);
    assertThat(args.indexOf("-Xmx2g")).isGreaterThan(args.indexOf("-Xmx512m"));
    assertThat(args).contains("-Dx=1");
  }

  @Test
  void ngsignJavaOptsReplaceTheDefaults() throws Exception {
    String args = launch("gateway", null, "-Xmx64m");
    assertThat(args).startsWith("-Xmx64m -jar").doesNotContain("-Xmx512m");
  }
}
