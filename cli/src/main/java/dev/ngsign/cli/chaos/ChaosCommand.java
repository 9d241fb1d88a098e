package dev.ngsign.cli.chaos;

import dev.ngsign.ngs.agent.Agent;
import dev.ngsign.ngs.agent.AgentConfig;
import dev.ngsign.ngs.gateway.internal.carrier.CarrierLog;
import dev.ngsign.ngs.protocol.DurationFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ngsign chaos}: a gateway process with a data directory, K agent processes on one set of
 * accounts, NetCrusher proxies between them, rows of mixed types inserted at a steady rate, and for
 * the run's duration SIGKILLs of agents and the gateway at random moments (each restarted) and
 * network faults. Then everything is left to finish and counted from the database and the gateway's
 * {@code carrier.log}: rows per final status, rows not final, SERIALs accepted twice, recipients
 * messaged twice, reports lost, and per kill the time until the affected accounts' messages reached
 * the carriers again. Exit 0 only when every loss and duplicate count is zero. With {@code
 * --no-faults} it is a soak: resources sampled every 10 s, drawn as an SVG.
 */
@Command(
    name = "chaos",
    mixinStandardHelpOptions = true,
    description = {
      "Chaos run: a gateway and K agent processes behind fault proxies, with SIGKILLs and network faults.",
      "Then it counts losses and duplicates from the database and the gateway's carrier log; exit 1 on any.",
      "With --no-faults: a soak (resources sampled every 10 s; samples.csv and soak.svg in --out)."
    })
public final class ChaosCommand implements Callable<Integer> {
  /** A restarted JVM must be ready within this; generous, the machine may be shared and busy. */
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private static final java.util.Set<String> WAITING = java.util.Set.of("READY", "SENDING", "SENT");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  @Spec CommandSpec spec;

  @Option(
      names = "--db",
      paramLabel = "DB",
      defaultValue = "postgresql",
      description = "postgresql, mariadb or h2; default postgresql")
  String db;

  @Option(
      names = "--messages",
      paramLabel = "N",
      description = "rows to insert; default --rate x --duration, or 10000")
  Long messages;

  @Option(
      names = "--rate",
      paramLabel = "PER-SECOND",
      description = "rows inserted per second; default --messages / --duration")
  Double rate;

  @Option(
      names = "--agents",
      paramLabel = "N",
      defaultValue = "2",
      description = "agent processes; default 2")
  int agents;

  @Option(
      names = "--accounts",
      paramLabel = "N",
      description = "NGS accounts the agents share; default 2 per agent")
  Integer accounts;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      defaultValue = "2m",
      description = "inserting and faults last this long (e.g. 90s, 10m); default 2m")
  String duration;

  @Option(
      names = "--kill-every",
      paramLabel = "DURATION",
      defaultValue = "30s",
      description = "mean time between SIGKILLs (0 = none); default 30s")
  String killEvery;

  @Option(
      names = "--net-faults",
      description = "inject network faults: reset, black-hole, latency, half-open")
  boolean netFaults;

  @Option(names = "--no-faults", description = "no kills, no network faults (a soak)")
  boolean noFaults;

  @Option(
      names = "--drain",
      paramLabel = "DURATION",
      defaultValue = "5m",
      description =
          "after --duration, wait at most this long for every row to be final; default 5m")
  String drain;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "directory for logs, configs, samples and the report; default ./chaos-runs/<time>")
  Path out;

  @Option(
      names = "--child-heap",
      paramLabel = "SIZE",
      defaultValue = "512m",
      description = "-Xmx of the gateway and agent processes; default 512m")
  String childHeap;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "1",
      description = "seed of the fault schedule and the message mix; default 1")
  long seed;

  @Option(names = "--keep-db", description = "keep the run's schema instead of dropping it")
  boolean keepDb;

  private PrintWriter log;
  private volatile long t0 = System.currentTimeMillis();
  private final List<CarrierLogTally.Kill> kills = new CopyOnWriteArrayList<>();
  private final AtomicLong inserted = new AtomicLong();
  private final AtomicBoolean chaosOn = new AtomicBoolean(true);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final Map<String, AtomicLong> faultCounts =
      new java.util.concurrent.ConcurrentSkipListMap<>();
  private ChildJvm gateway;
  private final List<ChildJvm> agentJvms = new ArrayList<>();
  private FaultProxy proxy;

  @Override
  public Integer call() throws Exception {
    log = spec.commandLine().getOut();
    Duration runFor = parseDuration("--duration", duration);
    Duration killMean = parseDuration("--kill-every", killEvery);
    Duration drainFor = parseDuration("--drain", drain);
    if (agents < 1 || agents > 16) {
      throw new ParameterException(spec.commandLine(), "--agents must be 1..16");
    }
    int accountCount = accounts != null ? accounts : 2 * agents;
    if (accountCount < 1 || accountCount > 32) {
      throw new ParameterException(spec.commandLine(), "--accounts must be 1..32");
    }
    if (runFor.isZero()) {
      throw new ParameterException(spec.commandLine(), "--duration must be positive");
    }
    long total =
        messages != null
            ? messages
            : rate != null ? (long) (rate * runFor.toMillis() / 1000.0) : 10_000;
    if (total < 1 || total > 9_999_999) {
      throw new ParameterException(spec.commandLine(), "--messages must be 1..9999999");
    }
    double perSecond = rate != null ? rate : total * 1000.0 / runFor.toMillis();
    if (noFaults) {
      killMean = Duration.ZERO;
      netFaults = false;
    }
    Path dir = out != null ? out : Path.of("chaos-runs", LocalDateTime.now().format(STAMP));
    Files.createDirectories(dir);
    dir = dir.toAbsolutePath();
    List<String> accountIds = new ArrayList<>();
    for (int i = 1; i <= accountCount; i++) {
      accountIds.add("chaos" + i);
    }
    log.printf(
        Locale.ROOT,
        "chaos: db=%s messages=%d rate=%.0f/s agents=%d accounts=%d duration=%ds kill-every=%s net-faults=%s out=%s%n",
        db,
        total,
        perSecond,
        agents,
        accountCount,
        runFor.toSeconds(),
        killMean.isZero() ? "never" : killMean.toSeconds() + "s",
        netFaults,
        dir);
    log.flush();

    int certPort = freePort();
    int deliverPort = freePort();
    int reportPort = freePort();
    Path dataDir = Files.createDirectories(dir.resolve("gateway-data"));
    Path gatewayYml = dir.resolve("gateway.yml");
    Files.writeString(
        gatewayYml,
        gatewayYaml(certPort, deliverPort, reportPort, dataDir, accountIds),
        StandardCharsets.UTF_8);

    quietLibraries();
    Thread reaper =
        new Thread(
            this::killChildren, "chaos-reaper"); // Ctrl-C must not leave the children running
    Runtime.getRuntime().addShutdownHook(reaper);
    ChaosDatabase database = new ChaosDatabase(db, dir, keepDb);
    try {
      List<Path> agentYmls = new ArrayList<>();
      for (int i = 1; i <= agents; i++) {
        Path y = dir.resolve("agent-" + i + ".yml");
        Files.writeString(
            y,
            agentYaml("chaos-agent-" + i, database, certPort, accountIds),
            StandardCharsets.UTF_8);
        agentYmls.add(y);
      }
      Agent.initDb(AgentConfig.load(agentYmls.get(0)), Map.of());
      List<String> names = new ArrayList<>();
      List<Path> gcLogs = new ArrayList<>();
      gateway =
          new ChildJvm(
              "gateway",
              jvmOptions(dir.resolve("gateway-gc.log")),
              List.of("gateway", "--config", gatewayYml.toString()),
              dir.resolve("gateway.log"));
      names.add("gateway");
      gcLogs.add(dir.resolve("gateway-gc.log"));
      for (int i = 1; i <= agents; i++) {
        Path gc = dir.resolve("agent-" + i + "-gc.log");
        agentJvms.add(
            new ChildJvm(
                "chaos-agent-" + i,
                jvmOptions(gc),
                List.of("agent", "--config", agentYmls.get(i - 1).toString()),
                dir.resolve("agent-" + i + ".log")));
        names.add("agent-" + i);
        gcLogs.add(gc);
      }
      gateway.start("ready ", START_TIMEOUT);
      proxy = new FaultProxy("127.0.0.2", "127.0.0.1", certPort, deliverPort, reportPort);
      for (ChildJvm a : agentJvms) {
        a.start("agent ready", START_TIMEOUT);
      }
      log.printf(
          "chaos: gateway and %d agents up (gateway ports %d/%d/%d behind proxies on 127.0.0.2)%n",
          agents, certPort, deliverPort, reportPort);
      log.flush();

      ResourceSampler sampler = new ResourceSampler(names, dir.resolve("samples.csv"));
      long runStart = System.currentTimeMillis();
      t0 = runStart;
      Thread inserter =
          thread(
              "chaos-insert",
              () -> insertRows(database, total, perSecond, accountIds, new Random(seed + 1)));
      Duration killMeanF = killMean;
      Thread killer =
          killMean.isZero()
              ? null
              : thread("chaos-kill", () -> killLoop(database, killMeanF, new Random(seed + 2)));
      Thread faults = netFaults ? thread("chaos-net", () -> faultLoop(new Random(seed + 3))) : null;
      long end = runStart + runFor.toMillis();
      long nextSample = runStart;
      long drainEnd = Long.MAX_VALUE;
      long waiting = -1;
      try (Connection c = database.connect()) {
        while (true) {
          long now = System.currentTimeMillis();
          if (failure.get() != null) {
            throw new IllegalStateException(
                "chaos run failed: " + failure.get().getMessage(), failure.get());
          }
          if (now >= nextSample) {
            nextSample += 10_000;
            long[] pids = new long[names.size()];
            pids[0] = gateway.pid();
            for (int i = 0; i < agents; i++) {
              pids[i + 1] = agentJvms.get(i).pid();
            }
            Map<String, Long> byStatus = database.statusCounts(c); // one scan per sample
            waiting =
                byStatus.entrySet().stream()
                    .filter(e -> WAITING.contains(e.getKey()))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
            long fin = byStatus.values().stream().mapToLong(Long::longValue).sum() - waiting;
            sampler.add(
                (now - runStart) / 1000.0,
                pids,
                gcLogs.toArray(Path[]::new),
                database.connections(c),
                ResourceSampler.directorySize(dataDir),
                fin,
                waiting);
            log.printf(
                Locale.ROOT,
                "  %5ds  inserted %d/%d  final %d  waiting %d  kills %d  faults %s%n",
                (now - runStart) / 1000,
                inserted.get(),
                total,
                fin,
                waiting,
                kills.size(),
                faultCounts);
            log.flush();
          }
          if (now >= end && chaosOn.get()) {
            chaosOn.set(false);
            stopThread(killer);
            stopThread(faults);
            proxy.unfreeze();
            proxy.latency(0);
            ensureRunning();
            log.println("chaos: faults over; letting every row finish");
            log.flush();
          }
          if (!chaosOn.get() && !inserter.isAlive()) {
            if (drainEnd == Long.MAX_VALUE) {
              drainEnd = Math.max(now, end) + drainFor.toMillis();
            }
            waiting = database.count(c, "STATUS IN ('READY','SENDING','SENT')");
            if (waiting == 0 || now >= drainEnd) {
              break;
            }
          }
          Thread.sleep(
              500); // the run's own pacing: polling the database, not synchronising threads
        }
      }
      long elapsed = System.currentTimeMillis() - runStart;
      stopThread(inserter);
      for (ChildJvm a : agentJvms) {
        a.stop(Duration.ofSeconds(30));
      }
      gateway.stop(Duration.ofSeconds(30));
      proxy.close();
      sampler.close();
      Files.writeString(
          dir.resolve("soak.svg"),
          sampler.svg(
              String.format(
                  Locale.ROOT,
                  "ngsign chaos %s: %d msg at %.0f/s, %d agents, %s, %s",
                  noFaults ? "soak" : "run",
                  total,
                  perSecond,
                  agents,
                  db,
                  LocalDateTime.now().withNano(0))));
      return report(database, dataDir, dir, total, elapsed, accountIds);
    } finally {
      killChildren();
      database.close();
      try {
        Runtime.getRuntime().removeShutdownHook(reaper);
      } catch (IllegalStateException e) {
        // already shutting down
      }
    }
  }

  private void killChildren() {
    chaosOn.set(false);
    try {
      for (ChildJvm a : agentJvms) {
        a.kill();
      }
      if (gateway != null) {
        gateway.kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  /** NetCrusher logs every reset it causes; the run's own lines are what matters on the console. */
  private static void quietLibraries() {
    if (System.getenv("NGSIGN_LOG_LEVEL") == null) {
      ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.netcrusher"))
          .setLevel(ch.qos.logback.classic.Level.OFF);
      ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.flywaydb"))
          .setLevel(ch.qos.logback.classic.Level.WARN);
      ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.zaxxer"))
          .setLevel(ch.qos.logback.classic.Level.WARN);
    }
  }

  // ---- the report ----

  private int report(
      ChaosDatabase database,
      Path dataDir,
      Path dir,
      long total,
      long elapsedMillis,
      List<String> accountIds)
      throws SQLException, IOException {
    CarrierLogTally carrier = CarrierLogTally.read(dataDir.resolve(CarrierLog.FILE_NAME), kills);
    Map<String, Long> statuses;
    long notFinal;
    long gaveUp;
    long rejected;
    long reportsLost = 0;
    long carrierGaps = 0;
    long rows = 0;
    try (Connection c = database.connect()) {
      statuses = database.statusCounts(c);
      notFinal = database.count(c, "STATUS IN ('READY','SENDING','SENT')");
      gaveUp = database.count(c, "RESULT_CODE IN (9001, 9005, 9006)");
      rejected = database.count(c, "STATUS = 'REJECTED'");
      c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
      try (Statement st = c.createStatement()) {
        st.setFetchSize(5000);
        try (ResultSet rs =
            st.executeQuery("SELECT SERIAL, REPORT_AT FROM " + database.table("MSG"))) {
          while (rs.next()) {
            rows++;
            long id = Long.parseLong(rs.getString(1));
            boolean reported = rs.getTimestamp(2) != null;
            boolean accepted = id <= Integer.MAX_VALUE && carrier.serials.get((int) id);
            if (accepted && !reported) {
              reportsLost++;
            }
            if (reported && !accepted) {
              carrierGaps++;
            }
          }
        }
      }
      c.commit();
    }
    List<Long> recoveries = new ArrayList<>();
    long notResumed = 0;
    StringBuilder perKill = new StringBuilder();
    for (CarrierLogTally.Kill k : kills) {
      long r = k.recoveryMillis();
      perKill.append(
          String.format(
              Locale.ROOT,
              "    %7.1fs  %-14s accounts %-24s resumed after %s%n",
              (k.atMillis - t0) / 1000.0,
              k.target,
              k.accounts.isEmpty() ? "-" : String.join(",", k.accounts),
              k.accounts.isEmpty() ? "- (held none)" : r < 0 ? "NEVER" : r + " ms"));
      if (r < 0) {
        notResumed++;
      } else if (!k.accounts.isEmpty()) {
        recoveries.add(r);
      }
    }
    recoveries.sort(null);
    String p50 =
        recoveries.isEmpty()
            ? "-"
            : String.format(Locale.ROOT, "%.1f s", recoveries.get(recoveries.size() / 2) / 1000.0);
    String max =
        recoveries.isEmpty()
            ? "-"
            : String.format(Locale.ROOT, "%.1f s", recoveries.get(recoveries.size() - 1) / 1000.0);
    long gatewayKills = kills.stream().filter(k -> k.target.equals("gateway")).count();
    long faults = faultCounts.values().stream().mapToLong(AtomicLong::get).sum();
    boolean ok =
        notFinal == 0
            && gaveUp == 0
            && rejected == 0
            && carrier.serialsTwice == 0
            && carrier.recipientsTwice == 0
            && reportsLost == 0
            && notResumed == 0
            && rows == total;

    StringBuilder r = new StringBuilder();
    r.append(
        String.format(
            Locale.ROOT, "chaos result (%s, %.0f s, out %s)%n", db, elapsedMillis / 1000.0, dir));
    r.append(String.format(Locale.ROOT, "  rows inserted            %d of %d%n", rows, total));
    r.append("  rows per final status   ");
    statuses.forEach((s, n) -> r.append(' ').append(s).append('=').append(n));
    r.append('\n');
    r.append(String.format(Locale.ROOT, "  rows not final           %d%n", notFinal));
    r.append(String.format(Locale.ROOT, "  rows given up (9001/9005/9006) %d%n", gaveUp));
    r.append(
        String.format(
            Locale.ROOT,
            "  rows rejected            %d (every row inserted is valid)%n",
            rejected));
    r.append(
        String.format(
            Locale.ROOT,
            "  SERIALs accepted twice   %d (gateway carrier log, %d lines)%n",
            carrier.serialsTwice,
            carrier.lines));
    r.append(
        String.format(Locale.ROOT, "  recipients messaged twice %d%n", carrier.recipientsTwice));
    r.append(
        String.format(
            Locale.ROOT,
            "  reports lost             %d (accepted by the gateway, no report on the row%s)%n",
            reportsLost,
            notFinal > 0
                ? "; with rows not final, the drain limit may have cut reports still on their way"
                : ""));
    r.append(
        String.format(
            Locale.ROOT,
            "  carrier log gaps         %d (reported rows missing from the log: a kill between store and log write)%n",
            carrierGaps));
    r.append(
        String.format(
            Locale.ROOT,
            "  kills                    %d (gateway %d, agents %d); network faults %d %s%n",
            kills.size(),
            gatewayKills,
            kills.size() - gatewayKills,
            faults,
            faultCounts));
    r.append(
        String.format(
            Locale.ROOT,
            "  sending resumed after a kill: p50 %s, max %s, never %d%n",
            p50,
            max,
            notResumed));
    r.append(perKill);
    r.append(
        String.format(
            Locale.ROOT,
            "  table row: | %s | %d | %d | %.0f s | %d | %d | %d | %d | %s / %s |%n",
            db,
            total,
            agents,
            elapsedMillis / 1000.0,
            kills.size(),
            faults,
            notFinal + gaveUp + reportsLost + rejected,
            carrier.serialsTwice + carrier.recipientsTwice,
            p50,
            max));
    r.append(
        ok
            ? "chaos: OK — nothing lost, nothing sent twice\n"
            : "chaos: FAILED — see the counts above\n");
    log.print(r);
    log.flush();
    Files.writeString(dir.resolve("report.txt"), r.toString(), StandardCharsets.UTF_8);
    return ok ? 0 : 1;
  }

  // ---- the moving parts ----

  private void insertRows(
      ChaosDatabase database,
      long total,
      double perSecond,
      List<String> accountIds,
      Random random) {
    long start = System.currentTimeMillis();
    try (Connection c = database.connect()) {
      while (inserted.get() < total) {
        long due =
            Math.min(total, (long) ((System.currentTimeMillis() - start) * perSecond / 1000.0) + 1);
        long from = inserted.get();
        if (due > from) {
          long to = Math.min(due, from + 2000);
          database.insert(c, from, to, accountIds, random);
          inserted.set(to);
        } else {
          Thread.sleep(20); // pacing the steady insert rate
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException e) {
      failure.compareAndSet(null, e);
    }
  }

  private void killLoop(ChaosDatabase database, Duration mean, Random random) {
    try (Connection c = database.connect()) {
      while (chaosOn.get()) {
        Thread.sleep((long) (mean.toMillis() * (0.5 + random.nextDouble())));
        if (!chaosOn.get()) {
          return;
        }
        int target = random.nextInt(agents + 1);
        ChildJvm victim = target == 0 ? gateway : agentJvms.get(target - 1);
        List<String> affected = new ArrayList<>();
        if (target == 0) {
          affected.addAll(database.holders(c).keySet());
        } else {
          database
              .holders(c)
              .forEach(
                  (account, holder) -> {
                    if (holder.equals(victim.name())) {
                      affected.add(account);
                    }
                  });
        }
        affected.removeIf(a -> a.startsWith("#"));
        long at = System.currentTimeMillis();
        victim.kill();
        kills.add(new CarrierLogTally.Kill(victim.name().replace("chaos-", ""), at, affected));
        log.printf(
            Locale.ROOT,
            "  %5ds  SIGKILL %s (accounts %s)%n",
            (at - t0) / 1000,
            victim.name(),
            affected);
        log.flush();
        Thread.sleep(500 + random.nextInt(2500)); // down for a random moment
        victim.start(target == 0 ? "ready " : "agent ready", START_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      failure.compareAndSet(null, e);
    }
  }

  private void faultLoop(Random random) {
    List<InetSocketAddress> halfOpen = new ArrayList<>();
    try {
      while (chaosOn.get()) {
        Thread.sleep(8_000 + random.nextInt(12_000));
        if (!chaosOn.get()) {
          return;
        }
        if (!halfOpen.isEmpty()) {
          proxy.close(halfOpen);
          halfOpen.clear();
        }
        switch (random.nextInt(4)) {
          case 0 -> {
            count("reset");
            proxy.reset();
          }
          case 1 -> {
            count("black-hole");
            proxy.freeze();
            Thread.sleep(2_000 + random.nextInt(4_000));
            proxy.unfreeze();
          }
          case 2 -> {
            count("latency");
            proxy.latency(100 + random.nextInt(400));
            Thread.sleep(5_000 + random.nextInt(10_000));
            proxy.latency(0);
          }
          default -> {
            count("half-open");
            halfOpen.addAll(proxy.halfOpen()); // closed at the next fault, 8-20 s later
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      proxy.close(halfOpen);
    }
  }

  private void count(String fault) {
    faultCounts.computeIfAbsent(fault, f -> new AtomicLong()).incrementAndGet();
    log.printf(
        Locale.ROOT,
        "  %5ds  network fault: %s%n",
        (System.currentTimeMillis() - t0) / 1000,
        fault);
    log.flush();
  }

  private void ensureRunning() throws IOException, InterruptedException {
    if (!gateway.isAlive()) {
      gateway.start("ready ", START_TIMEOUT);
    }
    for (ChildJvm a : agentJvms) {
      if (!a.isAlive()) {
        a.start("agent ready", START_TIMEOUT);
      }
    }
  }

  private Thread thread(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void stopThread(Thread t) throws InterruptedException {
    if (t != null) {
      t.interrupt();
      t.join(120_000);
    }
  }

  // ---- configuration of the processes ----

  private List<String> jvmOptions(Path gcLog) {
    return List.of(
        "-Xms64m",
        "-Xmx" + childHeap,
        "-XX:+UseParallelGC",
        "-Xlog:gc:file=" + gcLog + "::filecount=0");
  }

  private static String gatewayYaml(
      int cert, int deliver, int report, Path dataDir, List<String> accountIds) {
    StringBuilder y = new StringBuilder();
    y.append("host: 127.0.0.1\n");
    y.append(
        "advertisedHost: 127.0.0.2   # the proxies: DELIVER and REPORT connections go through them too\n");
    y.append("certPort: ").append(cert).append('\n');
    y.append("deliverPort: ").append(deliver).append('\n');
    y.append("reportPort: ").append(report).append('\n');
    y.append("dataDir: ").append(dataDir).append('\n');
    y.append("carrierLog: true\n");
    y.append("reportDelay: 500ms\n");
    y.append("carrier: {randomFailureRate: 0.02, seed: 42}\n");
    y.append("accounts:\n");
    for (String id : accountIds) {
      y.append("  - {id: ").append(id).append(", password: ").append(id).append("-pw}\n");
    }
    return y.toString();
  }

  private static String agentYaml(
      String node, ChaosDatabase database, int certPort, List<String> accountIds) {
    StringBuilder y = new StringBuilder();
    y.append("node-id: ").append(node).append('\n');
    // the inserting sessions of this run write local time in this JVM's zone (the agents inherit
    // it)
    y.append("zone: ").append(java.time.ZoneId.systemDefault().getId()).append('\n');
    y.append("database: {url: \"")
        .append(database.url)
        .append("\", user: ")
        .append(database.user)
        .append(", password: \"\", table-prefix: ")
        .append(ChaosDatabase.PREFIX)
        .append(", pool-size: 6}\n");
    y.append("accounts:\n");
    for (int i = 0; i < accountIds.size(); i++) {
      String id = accountIds.get(i);
      y.append("  - {name: ")
          .append(id)
          .append(", cert-host: 127.0.0.2, cert-port: ")
          .append(certPort)
          .append(", id: ")
          .append(id)
          .append(", password: ")
          .append(id)
          .append("-pw, encrypted: ")
          .append(i % 2 == 0)
          .append(", sender-code: \"101280092\"")
          .append(i == 0 ? ", default: true" : "")
          .append("}\n");
    }
    y.append("polling: {interval: 100ms, batch-size: 500, max-in-flight: 2000}\n");
    y.append("retry: {max-attempts: 50, initial-backoff: 1s, multiplier: 2, max-backoff: 10s}\n");
    y.append("lease: {timeout: 6s, heartbeat: 1s}\n");
    y.append("guards: {advertising: false}\n");
    y.append("http: {port: 0}\n");
    return y.toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(false);
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }

  /**
   * The project's one duration grammar ({@link DurationFormat}), with the option named on a
   * mistake.
   */
  Duration parseDuration(String option, String text) {
    try {
      return DurationFormat.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(),
          option + " must look like 500ms, 90s, 10m, 1h or 1d, not '" + text + "'");
    }
  }
}
