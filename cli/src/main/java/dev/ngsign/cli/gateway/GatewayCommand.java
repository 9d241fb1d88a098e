package dev.ngsign.cli.gateway;

import dev.ngsign.ngs.gateway.Account;
import dev.ngsign.ngs.gateway.GatewayConfig;
import dev.ngsign.ngs.gateway.GatewayPorts;
import dev.ngsign.ngs.gateway.NgsGateway;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ngsign gateway}: runs the NGS gateway until Ctrl-C / SIGTERM. Prints one line {@code ready
 * cert=P deliver=P report=P [admin=P]} on standard output once every listener accepts connections.
 * On shutdown every session gets EVENT type 0 and pending reports are flushed to the data
 * directory.
 */
@Command(
    name = "gateway",
    mixinStandardHelpOptions = true,
    description = {
      "Run the NGS 2.0.1 gateway (cert server, deliver and report ports, simulated carriers).",
      "Use --config FILE (YAML, see docs/gateway.md) or the zero-config flags; flags override the file.",
      "Ports default to 0 (a free port): read them from the 'ready' line. Ctrl-C / SIGTERM stops cleanly."
    })
public final class GatewayCommand implements Callable<Integer> {
  /**
   * The collector the launcher and {@code ngsign bench} give a gateway JVM: on 2 cores the parallel
   * collector's young pauses of the gateway's heap are a few ms, G1's 10-30 ms
   * (docs/benchmarks.md).
   */
  public static final String RECOMMENDED_JVM_OPTION = "-XX:+UseParallelGC";

  private static final Pattern TPS = Pattern.compile("(\\d{1,5}),(\\d{1,5}),(\\d{1,5})");

  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file")
  Path config;

  @Option(names = "--host", paramLabel = "ADDR", description = "bind address (default 127.0.0.1)")
  String host;

  @Option(
      names = "--advertised-host",
      paramLabel = "ADDR",
      description = "CERT_ACK SERVER_IP (default: the bind address)")
  String advertisedHost;

  @Option(names = "--cert-port", paramLabel = "P", description = "cert server port (0 = free port)")
  Integer certPort;

  @Option(
      names = "--deliver-port",
      paramLabel = "P",
      description = "deliver port, KIND DLV (0 = free port)")
  Integer deliverPort;

  @Option(
      names = "--report-port",
      paramLabel = "P",
      description = "report port, KIND REP (0 = free port)")
  Integer reportPort;

  @Option(
      names = "--account",
      paramLabel = "ID:PASSWORD[:SMS,MMS,KKO]",
      description = "an account (repeatable); TPS default unlimited")
  List<String> accounts = new ArrayList<>();

  @Option(
      names = "--report-delay-ms",
      paramLabel = "N",
      description = "delay before a REPORT (default 500)")
  Long reportDelayMs;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "where pending reports are kept (default: memory)")
  Path dataDir;

  @Option(
      names = "--carrier-log",
      description = "append accepted messages to DIR/carrier.log (needs --data-dir)")
  boolean carrierLog;

  @Option(
      names = "--admin-port",
      paramLabel = "P",
      description = "HTTP admin API on 127.0.0.1 (0 = free port)")
  Integer adminPort;

  @Option(
      names = "--idle-timeout-ms",
      paramLabel = "N",
      description = "close sessions idle this long (default 90000)")
  Long idleTimeoutMs;

  @Option(
      names = "--random-failure-rate",
      paramLabel = "R",
      description = "share 0..1 of ordinary numbers whose REPORT is E_CARRIER_FAIL (default 0)")
  Double randomFailureRate;

  @Option(
      names = "--io-threads",
      paramLabel = "N",
      description = "event-loop threads (default: processors)")
  Integer ioThreads;

  @Option(
      names = "--store-cache-mb",
      paramLabel = "N",
      description = "store block cache, MB, off-heap (default 32)")
  Integer storeCacheMb;

  @Option(
      names = "--store-write-buffer-mb",
      paramLabel = "N",
      description = "store memtables, MB, off-heap (default 64)")
  Integer storeWriteBufferMb;

  @Option(
      names = "--fsync",
      description = "sync the store's log before each ACK batch: survives power loss, slower")
  boolean fsync;

  @Override
  public Integer call() throws Exception {
    NgsGateway.Builder b = config != null ? GatewayConfig.load(config) : NgsGateway.builder();
    if (config == null && accounts.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "give --config FILE or at least one --account ID:PASSWORD");
    }
    for (String a : accounts) {
      b.account(parseAccount(a));
    }
    if (host != null) {
      b.host(host);
    }
    if (advertisedHost != null) {
      b.advertisedHost(advertisedHost);
    }
    if (certPort != null) {
      b.certPort(certPort);
    }
    if (deliverPort != null) {
      b.deliverPort(deliverPort);
    }
    if (reportPort != null) {
      b.reportPort(reportPort);
    }
    if (reportDelayMs != null) {
      b.reportDelay(Duration.ofMillis(reportDelayMs));
    }
    if (dataDir != null) {
      b.dataDir(dataDir);
    }
    if (carrierLog) {
      b.carrierLog(true);
    }
    if (adminPort != null) {
      b.adminPort(adminPort);
    }
    if (idleTimeoutMs != null) {
      b.idleTimeout(Duration.ofMillis(idleTimeoutMs));
    }
    if (randomFailureRate != null) {
      b.randomFailureRate(randomFailureRate, 42);
    }
    if (ioThreads != null) {
      b.ioThreads(ioThreads);
    }
    if (storeCacheMb != null) {
      b.storeCacheMb(storeCacheMb);
    }
    if (storeWriteBufferMb != null) {
      b.storeWriteBufferMb(storeWriteBufferMb);
    }
    if (fsync) {
      b.fsync(true);
    }
    NgsGateway gw = b.build();
    CountDownLatch stopped = new CountDownLatch(1);
    GatewayPorts ports;
    try {
      ports = gw.start();
    } catch (
        RuntimeException
            e) { // e.g. a data directory of an older build: its message says what to do
      System.err.println("ngsign gateway: " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  gw.close();
                  stopped.countDown();
                },
                "ngs-gateway-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.println("ready " + ports.describe());
    out.flush();
    stopped.await();
    return 0;
  }

  /** {@code ID:PASSWORD[:SMS,MMS,KKO]}; the password may itself contain ':'. */
  static Account parseAccount(String spec) {
    int first = spec.indexOf(':');
    if (first <= 0 || first == spec.length() - 1) {
      throw new IllegalArgumentException(
          "--account must be ID:PASSWORD[:SMS,MMS,KKO], not '"
              + spec.replaceAll(":.*", ":***")
              + "'");
    }
    String id = spec.substring(0, first);
    String rest = spec.substring(first + 1);
    TpsLimits tps = Account.UNLIMITED;
    int last = rest.lastIndexOf(':');
    if (last > 0) {
      Matcher m = TPS.matcher(rest.substring(last + 1));
      if (m.matches()) {
        tps =
            new TpsLimits(
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
        rest = rest.substring(0, last);
      }
    }
    return Account.builder(id, rest).tps(tps).build();
  }
}
