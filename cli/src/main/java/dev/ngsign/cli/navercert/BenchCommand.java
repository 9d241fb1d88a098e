package dev.ngsign.cli.navercert;

import dev.ngsign.cli.bench.BenchOptions;
import dev.ngsign.cli.bench.LatencyReport;
import dev.ngsign.navercert.MultiSign;
import dev.ngsign.navercert.NavercertClient;
import dev.ngsign.navercert.SignState;
import dev.ngsign.navercert.Token;
import dev.ngsign.navercert.server.Account;
import dev.ngsign.navercert.server.NavercertServer;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ngsign navercert bench}: request + sign (operator API) + status + verify round trips
 * against a simulator on loopback, bounded in count and time. Without --server it starts an
 * in-memory simulator in this process on 127.0.0.1. Ends with a line "N round-trips/s".
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure request+sign+status+verify round trips per second against a simulator on loopback.",
      "Bounded by --messages (round trips) and --max-seconds; only loopback servers are accepted."
    })
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin BenchOptions bench;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "4",
      description = "parallel callers; default ${DEFAULT-VALUE}")
  int concurrency;

  @Option(
      names = "--documents",
      paramLabel = "N",
      defaultValue = "1",
      description = "documents per request, 1..50; default ${DEFAULT-VALUE}")
  int documents;

  private int requests;
  private int warmup;
  private int maxSeconds;

  @Option(
      names = "--server",
      paramLabel = "URL",
      description = "a running simulator on loopback (default: start one in-process)")
  String server;

  @Option(names = "--link-id", paramLabel = "ID", description = "LinkID on --server")
  String linkId;

  @Option(
      names = "--secret-key",
      paramLabel = "KEY",
      defaultValue = "${env:NAVERCERT_SECRET_KEY}",
      description = "SecretKey on --server")
  String secretKey;

  @Option(names = "--client-code", paramLabel = "CODE", description = "client code on --server")
  String clientCode;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    requests = Math.toIntExact(bench.messages());
    warmup = Math.toIntExact(bench.warmup());
    maxSeconds = bench.maxSeconds();
    if (concurrency < 1 || documents < 1 || documents > 50) {
      spec.commandLine().getErr().println("error: --concurrency >= 1; --documents 1..50");
      return 2;
    }
    NavercertServer local = null;
    String base = server;
    String lid = linkId;
    String key = secretKey;
    String code = clientCode;
    if (base == null) {
      Account acc = Account.generate();
      local = NavercertServer.builder().account(acc).threads(Math.max(8, concurrency * 2)).start();
      base = local.baseUrl();
      lid = acc.linkId();
      key = acc.secretKey();
      code = acc.clientCodes().get(0);
    } else {
      URI u = URI.create(base);
      if (!InetAddress.getByName(u.getHost()).isLoopbackAddress()) {
        spec.commandLine()
            .getErr()
            .println("error: bench only targets loopback servers, not " + u.getHost());
        return 2;
      }
      if (lid == null || key == null || code == null) {
        spec.commandLine()
            .getErr()
            .println(
                "error: with --server, --link-id, --secret-key and --client-code are required");
        return 2;
      }
    }
    try {
      return run(out, base, lid, key, code);
    } finally {
      if (local != null) {
        local.close();
      }
    }
  }

  private int run(PrintWriter out, String base, String lid, String key, String code)
      throws Exception {
    NavercertClient client =
        NavercertClient.builder().linkId(lid).secretKey(key).serviceUrl(base).authUrl(base).build();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    MultiSign.Builder mb =
        MultiSign.builder()
            .receiverHP("01012341234")
            .receiverName("홍길동")
            .receiverBirthday("19700101")
            .reqTitle("bench")
            .reqMessage("bench round trip")
            .callCenterNum("1600-9854")
            .expireIn(300);
    for (int i = 0; i < documents; i++) {
      mb.addToken(Token.text("benchmark document " + i));
    }
    MultiSign request = mb.build();
    String cpu = cpuModel();
    out.printf(
        Locale.ROOT,
        "navercert bench: %s, %d caller(s), %d document(s)/request, %d warm-up + %d measured, max %d s%n",
        base,
        concurrency,
        documents,
        warmup,
        requests,
        maxSeconds);
    out.printf(
        Locale.ROOT,
        "machine: %d cores, %s, Java %s%n",
        Runtime.getRuntime().availableProcessors(),
        cpu,
        System.getProperty("java.version"));
    out.flush();

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
    phase(client, http, base, code, request, warmup, deadline, null);
    long[] lat = new long[requests];
    AtomicInteger done = new AtomicInteger();
    long start = System.nanoTime();
    int errors =
        phase(client, http, base, code, request, requests, deadline, new Recorder(lat, done));
    long elapsed = System.nanoTime() - start;
    int n = done.get();
    if (n == 0) {
      spec.commandLine().getErr().println("error: no round trip completed");
      return 1;
    }
    Histogram h = LatencyReport.histogram(60, TimeUnit.SECONDS);
    for (int i = 0; i < n; i++) {
      h.recordValue(Math.min(lat[i], h.getHighestTrackableValue()));
    }
    double secs = elapsed / 1e9;
    out.printf(
        Locale.ROOT,
        "%d round trips (%d HTTP calls) in %.2f s, %d error(s)%s%n",
        n,
        n * 4L,
        secs,
        errors,
        n < requests ? " INCOMPLETE after " + maxSeconds + "s" : "");
    LatencyReport.latency(out, "round trip", h);
    LatencyReport.throughput(out, n / secs, "round-trips");
    return errors == 0 ? 0 : 1;
  }

  private record Recorder(long[] lat, AtomicInteger done) {}

  private int phase(
      NavercertClient client,
      HttpClient http,
      String base,
      String code,
      MultiSign request,
      int count,
      long deadline,
      Recorder rec)
      throws Exception {
    AtomicInteger remaining = new AtomicInteger(count);
    AtomicLong errors = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int w = 0; w < concurrency; w++) {
        fs.add(
            pool.submit(
                () -> {
                  while (remaining.getAndDecrement() > 0 && System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    try {
                      String rid = client.requestMultiSign(code, request).execute().receiptID();
                      HttpResponse<Void> r =
                          http.send(
                              HttpRequest.newBuilder(
                                      URI.create(base + "/operator/requests/" + rid + "/sign"))
                                  .timeout(Duration.ofSeconds(30))
                                  .POST(HttpRequest.BodyPublishers.noBody())
                                  .build(),
                              HttpResponse.BodyHandlers.discarding());
                      if (r.statusCode() != 200) {
                        throw new IllegalStateException("sign: HTTP " + r.statusCode());
                      }
                      if (client.getMultiSignStatus(code, rid).execute().state()
                          != SignState.DONE) {
                        throw new IllegalStateException("status is not DONE");
                      }
                      client.verifyMultiSign(code, rid).execute();
                      if (rec != null) {
                        int i = rec.done().getAndIncrement();
                        rec.lat()[i] = System.nanoTime() - t0;
                      }
                    } catch (Exception e) {
                      if (errors.incrementAndGet() <= 3) {
                        spec.commandLine().getErr().println("round trip failed: " + e);
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return (int) errors.get();
  }

  private static String cpuModel() {
    try {
      for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (java.io.IOException | RuntimeException ignored) {
      // not Linux
    }
    return System.getProperty("os.arch");
  }
}
