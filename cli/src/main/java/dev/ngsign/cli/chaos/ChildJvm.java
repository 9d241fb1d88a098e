package dev.ngsign.cli.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code ngsign} subcommand in a JVM of its own (same class path as this one), its output
 * appended to a log file. {@link #kill()} is SIGKILL; {@link #stop()} is SIGTERM (the process's
 * shutdown hook runs).
 */
final class ChildJvm {
  private final String name;
  private final List<String> command;
  private final Path log;
  private Process process;
  private int starts;

  ChildJvm(String name, List<String> jvmOptions, List<String> args, Path log) {
    this.name = name;
    this.log = log;
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.ngsign.cli.Main");
    cmd.addAll(args);
    this.command = List.copyOf(cmd);
  }

  String name() {
    return name;
  }

  /** Starts the process and waits until its output has a line starting with {@code readyPrefix}. */
  synchronized void start(String readyPrefix, Duration timeout)
      throws IOException, InterruptedException {
    long from = Files.exists(log) ? Files.size(log) : 0;
    Files.writeString(
        log,
        "---- start " + (++starts) + " " + java.time.Instant.now() + "\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put("NGSIGN_CHILD", name);
    process = pb.start();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String out = tail(from);
      for (String line : out.split("\n")) {
        if (line.startsWith(readyPrefix)) {
          return;
        }
      }
      if (!process.isAlive()) {
        throw new IOException(
            name + " exited with " + process.exitValue() + " before it was ready; see " + log);
      }
      Thread.sleep(50); // polling a child's output, not synchronising threads
    }
    process.destroyForcibly();
    throw new IOException(name + " not ready within " + timeout.toSeconds() + " s; see " + log);
  }

  private String tail(long from) throws IOException {
    try (var ch = Files.newByteChannel(log)) {
      long size = ch.size();
      if (size <= from) {
        return "";
      }
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) Math.min(size - from, 1 << 20));
      ch.position(from);
      while (buf.hasRemaining() && ch.read(buf) > 0) {
        // read what is there
      }
      return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    }
  }

  synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  synchronized long pid() {
    return process == null ? -1 : process.pid();
  }

  /** SIGKILL, then waits for the process to be gone. */
  synchronized void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** SIGTERM and up to {@code grace} for a clean exit, then SIGKILL. */
  synchronized void stop(Duration grace) throws InterruptedException {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  int starts() {
    return starts;
  }
}
