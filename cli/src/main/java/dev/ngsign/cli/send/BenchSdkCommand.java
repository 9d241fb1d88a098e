package dev.ngsign.cli.send;

import dev.ngsign.cli.bench.BenchOptions;
import dev.ngsign.cli.bench.LatencyReport;
import dev.ngsign.ngs.client.DeliverResult;
import dev.ngsign.ngs.client.NgsClient;
import dev.ngsign.ngs.client.Sms;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ngsign bench-sdk}: SMS per second from {@code send()} to DELIVER_ACK through the real
 * gateway over loopback, with the gateway in another process (spawned from this same jar unless
 * {@code --target} names one). Bounded in messages and in time; prints latency percentiles and a
 * last line {@code N msg/s}.
 */
@Command(
    name = "bench-sdk",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark the NGS client SDK: SMS/s from send() to DELIVER_ACK through the gateway in another process.",
      "Spawns 'ngsign gateway' from this jar on 127.0.0.1 unless --target HOST:PORT names a running cert server"
          + " (its accounts must then be PREFIX1..PREFIXN with --password and unlimited TPS)."
    })
public final class BenchSdkCommand implements Callable<Integer> {
  private static final Pattern READY = Pattern.compile("ready cert=(\\d+).*");

  @Spec CommandSpec spec;

  @Mixin BenchOptions bench;

  @Option(
      names = "--sessions",
      paramLabel = "N",
      defaultValue = "1",
      description = "clients (one account each), each a DLV+REP pair; default ${DEFAULT-VALUE}")
  int sessions;

  @Option(
      names = "--window",
      paramLabel = "N",
      defaultValue = "256",
      description = "DELIVERs in flight per client; default ${DEFAULT-VALUE}")
  int window;

  @Option(names = "--encrypt", description = "encrypted sessions (BIND TYPE P, AES-256 bodies)")
  boolean encrypt;

  @Option(
      names = "--target",
      paramLabel = "HOST:PORT",
      description = "a running gateway's cert server instead of starting one")
  String target;

  @Option(
      names = "--id-prefix",
      paramLabel = "PREFIX",
      defaultValue = "bench",
      description = "account IDs are PREFIX1..PREFIXN; default ${DEFAULT-VALUE}")
  String idPrefix;

  @Option(
      names = "--password",
      paramLabel = "PW",
      defaultValue = "benchpw",
      description = "the accounts' password (with --target); default ${DEFAULT-VALUE}")
  String password;

  @Option(
      names = "--gateway-io-threads",
      paramLabel = "N",
      defaultValue = "2",
      description = "event loops of the spawned gateway; default ${DEFAULT-VALUE}")
  int gatewayIoThreads;

  @Option(
      names = "--client-io-threads",
      paramLabel = "N",
      defaultValue = "1",
      description = "event loops shared by the clients; default ${DEFAULT-VALUE}")
  int clientIoThreads;

  private long messages;
  private int maxSeconds;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    SendCommand.quietUnlessVerbose(false);
    if (sessions < 1 || window < 1) {
      throw new ParameterException(spec.commandLine(), "--sessions and --window must be positive");
    }
    messages = bench.messages();
    maxSeconds = bench.maxSeconds();
    long warm = bench.warmup();
    Process child = null;
    String host = "127.0.0.1";
    int port;
    try {
      if (target == null) {
        child = spawnGateway();
        port = awaitReady(child);
        out.printf(
            "gateway: child process pid %d on 127.0.0.1:%d (%d io threads)%n",
            child.pid(), port, gatewayIoThreads);
      } else {
        int colon = target.lastIndexOf(':');
        host = target.substring(0, colon);
        port = Integer.parseInt(target.substring(colon + 1));
        out.printf("gateway: %s%n", target);
      }
      out.printf(
          "clients: %d session pair(s), window %d, %s, %d client io thread(s), cores %d%n",
          sessions,
          window,
          encrypt ? "encrypted" : "plain",
          clientIoThreads,
          Runtime.getRuntime().availableProcessors());
      out.flush();
      EventLoopGroup group =
          new NioEventLoopGroup(clientIoThreads); // the API Netty 4.1 and 4.2 share
      List<NgsClient> clients = new ArrayList<>();
      try {
        for (int i = 1; i <= sessions; i++) {
          NgsClient c =
              NgsClient.builder()
                  .certServer(host, port)
                  .account(idPrefix + i, password)
                  .encrypted(encrypt)
                  .senderCode("101280092")
                  .window(window)
                  .queueCapacity(Math.max(window * 4, 1024))
                  .maxBlock(Duration.ofSeconds(30))
                  .eventLoopGroup(group)
                  .closeTimeout(Duration.ofSeconds(10))
                  .build();
          c.start();
          clients.add(c);
        }
        if (warm > 0) {
          Result w = run(clients, warm, null);
          out.printf("warmup: %d messages, %.0f msg/s%n", w.acked, w.rate());
          out.flush();
        }
        Histogram h = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
        long clientCpu0 = cpuNanos(ProcessHandle.current());
        long gatewayCpu0 = child == null ? -1 : cpuNanos(child.toHandle());
        Result r = run(clients, messages, h);
        long clientCpu = cpuNanos(ProcessHandle.current()) - clientCpu0;
        long gatewayCpu = child == null ? -1 : cpuNanos(child.toHandle()) - gatewayCpu0;
        out.printf("measured: %d acked, %d failed, %.3f s%n", r.acked, r.failed, r.seconds);
        LatencyReport.latency(out, "send()->DELIVER_ACK", h);
        if (r.acked > 0) {
          // CPU per message does not depend on what else the machine runs: it says who the
          // bottleneck is
          double clientUs = clientCpu / 1e3 / r.acked;
          out.printf(
              "cpu: client %.2f us/msg (%.0f msg/s per core)%s; load average %.1f%n",
              clientUs,
              1e6 / clientUs,
              gatewayCpu < 0
                  ? ""
                  : String.format(
                      ", gateway %.2f us/msg (%.0f msg/s per core)",
                      gatewayCpu / 1e3 / r.acked, 1e6 / (gatewayCpu / 1e3 / r.acked)),
              java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                  .getSystemLoadAverage());
        }
        LatencyReport.throughput(out, r.rate(), "msg");
        return r.failed == 0 && r.acked == messages ? 0 : 1;
      } finally {
        for (NgsClient c : clients) {
          c.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      }
    } finally {
      if (child != null) {
        child.destroy();
        if (!child.waitFor(15, TimeUnit.SECONDS)) {
          child.destroyForcibly();
        }
      }
    }
  }

  private static long cpuNanos(ProcessHandle p) {
    return p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
  }

  record Result(long acked, long failed, double seconds) {
    double rate() {
      return acked / seconds;
    }
  }

  /**
   * Sends {@code total} SMS spread over the clients, one sender thread each, and waits for every
   * ACK.
   */
  private Result run(List<NgsClient> clients, long total, Histogram h) throws InterruptedException {
    AtomicLong acked = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    CountDownLatch done = new CountDownLatch(clients.size());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
    long start = System.nanoTime();
    List<Thread> senders = new ArrayList<>();
    for (int i = 0; i < clients.size(); i++) {
      NgsClient c = clients.get(i);
      long share = total / clients.size() + (i < total % clients.size() ? 1 : 0);
      CountDownLatch mine = new CountDownLatch(1);
      AtomicLong remaining = new AtomicLong(share);
      Thread t =
          new Thread(
              () -> {
                long sent = 0;
                for (; sent < share && System.nanoTime() - deadline < 0; sent++) {
                  Sms m =
                      Sms.builder()
                          .to("01000000011")
                          .from("15880000")
                          .text("bench message")
                          .build();
                  c.send(m)
                      .whenComplete(
                          (DeliverResult r, Throwable e) -> {
                            if (e == null) {
                              acked.incrementAndGet();
                              if (h != null) {
                                h.recordValue(
                                    Math.min(r.latency().toNanos(), h.getHighestTrackableValue()));
                              }
                            } else {
                              failed.incrementAndGet();
                            }
                            if (remaining.decrementAndGet() == 0) {
                              mine.countDown();
                            }
                          });
                }
                if (remaining.addAndGet(sent - share) == 0) { // stopped early by --max-seconds
                  mine.countDown();
                }
                try {
                  mine.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                done.countDown();
              },
              "bench-sender-" + (i + 1));
      senders.add(t);
    }
    senders.forEach(Thread::start);
    done.await();
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(acked.get(), failed.get(), seconds);
  }

  private Process spawnGateway() throws Exception {
    String java =
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "-Xms512m",
                "-Xmx2g",
                "-XX:+UseParallelGC",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.ngsign.cli.Main",
                "gateway",
                "--report-delay-ms",
                "0",
                "--io-threads",
                String.valueOf(gatewayIoThreads)));
    for (int i = 1; i <= sessions; i++) {
      cmd.add("--account");
      cmd.add(idPrefix + i + ":" + password);
    }
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("NGSIGN_LOG_LEVEL", "WARN");
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    return pb.start();
  }

  private static int awaitReady(Process p) throws Exception {
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String line;
    while ((line = r.readLine()) != null) {
      Matcher m = READY.matcher(line.trim());
      if (m.matches()) {
        Thread drain =
            new Thread(
                () -> {
                  try {
                    while (r.readLine() != null) {
                      // keep the child's stdout from filling up
                    }
                  } catch (Exception ignored) {
                    // child gone
                  }
                },
                "gateway-stdout");
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(m.group(1));
      }
      if (System.nanoTime() > deadline) {
        break;
      }
    }
    throw new IllegalStateException("the gateway child process did not print its 'ready' line");
  }
}
