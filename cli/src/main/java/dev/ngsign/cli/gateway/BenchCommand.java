package dev.ngsign.cli.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ngsign.cli.bench.BenchOptions;
import dev.ngsign.cli.bench.LatencyReport;
import dev.ngsign.ngs.gateway.Account;
import dev.ngsign.ngs.gateway.GatewayPorts;
import dev.ngsign.ngs.gateway.NgsGateway;
import dev.ngsign.ngs.protocol.packet.CertAck;
import dev.ngsign.ngs.protocol.packet.SessionMode;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ngsign bench}: DELIVER → DELIVER_ACK load over loopback with raw NGS sessions
 * (ngs-protocol's codec over Netty, no SDK). Unless {@code --target} or {@code --in-process} is
 * given, the gateway runs in a separate JVM spawned for the run ({@code java -Xmx<heap> ... ngsign
 * gateway}), so its heap and GC are its own and can be measured; both processes share the machine's
 * cores, as they would in a partner's test. Bounded by {@code --messages} and {@code
 * --max-seconds}. Prints latency percentiles and ends with a line {@code <n> msg/s}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "N deliver sessions send M SMS DELIVERs with W in flight each (TPS unlimited), then the report prints"
          + " messages/s and DELIVER->DELIVER_ACK latency percentiles (HdrHistogram)."
    })
public final class BenchCommand implements Callable<Integer> {
  private static final Pattern READY =
      Pattern.compile("ready cert=(\\d+) deliver=(\\d+) report=(\\d+)(?: admin=(\\d+))?");

  @Spec CommandSpec spec;

  @Mixin BenchOptions bench;

  @Option(
      names = "--sessions",
      paramLabel = "N",
      defaultValue = "1",
      description = "deliver sessions (one account each); default ${DEFAULT-VALUE}")
  int sessions;

  @Option(
      names = "--window",
      paramLabel = "N",
      defaultValue = "256",
      description = "DELIVERs in flight per session; default ${DEFAULT-VALUE}")
  int window;

  @Option(names = "--encrypt", description = "encrypted sessions (BIND TYPE P, AES-256 bodies)")
  boolean encrypt;

  @Option(
      names = "--rate",
      paramLabel = "PER-SECOND",
      defaultValue = "0",
      description = "total messages/s to pace at; default 0, as fast as possible")
  double rate;

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
  String accountPrefix;

  @Option(
      names = "--password",
      paramLabel = "PW",
      defaultValue = "benchpw",
      description = "the accounts' password (with --target); default ${DEFAULT-VALUE}")
  String password;

  @Option(
      names = "--in-process",
      description = "run the gateway inside this JVM instead of a separate one")
  boolean inProcess;

  @Option(
      names = "--gateway-heap",
      paramLabel = "SIZE",
      defaultValue = "256m",
      description = "-Xmx of the spawned gateway JVM; default ${DEFAULT-VALUE}")
  String gatewayHeap;

  @Option(
      names = "--gateway-jvm-opt",
      paramLabel = "OPT",
      description =
          "option for the spawned gateway JVM (repeatable), replacing the default "
              + GatewayCommand.RECOMMENDED_JVM_OPTION
              + ", e.g. -XX:+UseG1GC")
  List<String> gatewayJvmOpts = new ArrayList<>();

  @Option(
      names = "--client-io-threads",
      paramLabel = "N",
      defaultValue = "1",
      description = "event-loop threads of the load generator; default ${DEFAULT-VALUE}")
  int clientThreads;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (sessions < 1 || window < 1 || bench.messages() < sessions) {
      throw new ParameterException(
          spec.commandLine(), "need --sessions >= 1, --window >= 1, --messages >= --sessions");
    }
    Path dataDir = Files.createTempDirectory("ngs-bench-");
    Process gatewayProcess = null;
    NgsGateway inProcessGateway = null;
    String host = "127.0.0.1";
    int certPort;
    int adminPort = -1;
    try {
      if (target != null) {
        int colon = target.lastIndexOf(':');
        host = target.substring(0, colon);
        certPort = Integer.parseInt(target.substring(colon + 1));
      } else if (inProcess) {
        NgsGateway.Builder b =
            NgsGateway.builder().reportDelay(Duration.ZERO).dataDir(dataDir).adminPort(0);
        for (int i = 1; i <= sessions; i++) {
          b.account(Account.builder(accountPrefix + i, password).build());
        }
        inProcessGateway = b.build();
        GatewayPorts p = inProcessGateway.start();
        certPort = p.certPort();
        adminPort = p.adminPort();
      } else {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx" + gatewayHeap));
        if (gatewayJvmOpts.isEmpty()) {
          gatewayJvmOpts.add(GatewayCommand.RECOMMENDED_JVM_OPTION);
        }
        cmd.addAll(gatewayJvmOpts);
        cmd.addAll(
            List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "dev.ngsign.cli.Main",
                "gateway",
                "--report-delay-ms",
                "0",
                "--data-dir",
                dataDir.toString(),
                "--admin-port",
                "0"));
        for (int i = 1; i <= sessions; i++) {
          cmd.add("--account");
          cmd.add(accountPrefix + i + ":" + password);
        }
        gatewayProcess =
            new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader r =
            new BufferedReader(
                new InputStreamReader(gatewayProcess.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        Matcher m = line == null ? null : READY.matcher(line);
        if (m == null || !m.find()) {
          throw new IllegalStateException("gateway did not start: " + line);
        }
        certPort = Integer.parseInt(m.group(1));
        adminPort = m.group(4) == null ? -1 : Integer.parseInt(m.group(4));
        out.println(
            "gateway: separate JVM (pid "
                + gatewayProcess.pid()
                + ", -Xmx"
                + gatewayHeap
                + " "
                + String.join(" ", gatewayJvmOpts)
                + "), "
                + line);
      }
      long unacknowledged = run(out, host, certPort, adminPort);
      if (unacknowledged > 0) {
        // a run that did not finish measured nothing worth keeping: the gateway died or
        // --max-seconds ran out
        spec.commandLine()
            .getErr()
            .printf(
                "bench: did not finish: %d of %d messages unacknowledged%n",
                unacknowledged,
                (bench.messages() / sessions + bench.warmup() / sessions) * sessions);
        return 1;
      }
      return 0;
    } finally {
      if (inProcessGateway != null) {
        inProcessGateway.close();
      }
      if (gatewayProcess != null) {
        gatewayProcess.destroy(); // SIGTERM: the gateway shuts down cleanly
        if (!gatewayProcess.waitFor(20, TimeUnit.SECONDS)) {
          gatewayProcess.destroyForcibly();
        }
      }
      deleteTree(dataDir);
    }
  }

  /** Runs the sessions; returns how many messages got no DELIVER_ACK (0 when the run finished). */
  private long run(PrintWriter out, String host, int certPort, int adminPort) throws Exception {
    SessionMode mode = encrypt ? SessionMode.ENCRYPTED : SessionMode.PLAIN;
    long warm = bench.warmup() / sessions;
    long perSession = bench.messages() / sessions + warm;
    int maxSeconds = bench.maxSeconds();
    EventLoopGroup group = new NioEventLoopGroup(clientThreads); // the API Netty 4.1 and 4.2 share
    CountDownLatch done = new CountDownLatch(sessions);
    List<BenchSession> all = new ArrayList<>();
    try {
      for (int i = 1; i <= sessions; i++) {
        BenchSession s =
            new BenchSession(
                group,
                host,
                accountPrefix + i,
                password,
                mode,
                window,
                perSession,
                warm,
                rate / sessions,
                done);
        CertAck ca = s.cert(certPort);
        if (!ca.isOk()) {
          throw new IllegalStateException(
              "CERT " + accountPrefix + i + " refused: " + ca.result() + " " + ca.serverIp());
        }
        s.bindAndRun(ca.certKey(), ca.deliverPort());
        all.add(s);
      }
      long startNanos = System.nanoTime();
      boolean finished = done.await(maxSeconds, TimeUnit.SECONDS);
      long wall = System.nanoTime() - startNanos;
      Histogram h = LatencyReport.histogram(10, TimeUnit.SECONDS);
      Map<Integer, Long> results = new TreeMap<>();
      long measured = 0;
      long first = Long.MAX_VALUE;
      long last = 0;
      long acked = 0;
      for (BenchSession s : all) {
        s.close();
      }
      group
          .shutdownGracefully(0, 1, TimeUnit.SECONDS)
          .syncUninterruptibly(); // sessions' state now visible
      for (BenchSession s : all) {
        h.add(s.latency);
        s.results.forEach((k, v) -> results.merge(k, v, Long::sum));
        measured += s.measured;
        first = Math.min(first, s.firstMeasuredSendNanos);
        last = Math.max(last, s.lastAckNanos);
        acked += s.acked;
      }
      double secs = (last - first) / 1e9;
      double perSec = secs > 0 ? measured / secs : 0;
      out.printf(
          "sessions=%d window=%d encrypt=%s rate=%s messages=%d warmup=%d acked=%d%s%n",
          sessions,
          window,
          encrypt,
          rate > 0 ? String.format("%.0f/s", rate) : "max",
          bench.messages(),
          warm * sessions,
          acked,
          finished ? "" : " INCOMPLETE after " + maxSeconds + "s");
      out.printf(
          "wall %.2fs, measured %d messages in %.2fs, DELIVER_ACK results %s%n",
          wall / 1e9, measured, secs, results);
      LatencyReport.latency(out, "DELIVER->DELIVER_ACK", h);
      if (adminPort > 0) {
        printGatewayCounters(out, host, adminPort);
      }
      LatencyReport.throughput(out, perSec, "msg");
      return Math.max(0, perSession * sessions - acked);
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  private static void printGatewayCounters(PrintWriter out, String host, int adminPort) {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://" + host + ":" + adminPort + "/counters"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      JsonNode n = new ObjectMapper().readTree(r.body());
      out.printf(
          "gateway: pendingReports=%d heapUsed=%.1fMB heapAfterLastGc=%.1fMB heapMax=%.0fMB%n",
          n.get("pendingReports").asLong(),
          n.get("heapUsedBytes").asLong() / 1048576.0,
          n.get("heapAfterLastGcBytes").asLong() / 1048576.0,
          n.get("heapMaxBytes").asLong() / 1048576.0);
    } catch (IOException | RuntimeException e) {
      out.println("gateway counters unavailable: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String javaBin() {
    return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp dir left behind is harmless
    }
  }
}
