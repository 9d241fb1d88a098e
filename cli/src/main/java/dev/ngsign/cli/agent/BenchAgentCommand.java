package dev.ngsign.cli.agent;

import ch.qos.logback.classic.Level;
import dev.ngsign.cli.bench.BenchOptions;
import dev.ngsign.cli.bench.LatencyReport;
import dev.ngsign.ngs.agent.Agent;
import dev.ngsign.ngs.agent.AgentConfig;
import dev.ngsign.ngs.agent.RowMilestones;
import dev.ngsign.ngs.agent.demo.LoginPacing;
import dev.ngsign.ngs.gateway.Account;
import dev.ngsign.ngs.gateway.GatewayPorts;
import dev.ngsign.ngs.gateway.NgsGateway;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ngsign bench-agent}: rows/s from INSERT to REPORT written, end to end through an
 * in-process gateway (TPS unlimited, reports at once) and one agent node, on H2 (temporary file),
 * the local PostgreSQL or MariaDB (a schema of its own, dropped after). A producer inserts the rows
 * in batches while the agent runs; the clock stops when the last row is DONE. Prints the insert
 * rate, the agent's database statements per message and ends with {@code <n> msg/s}. Bounded by
 * {@code --messages} and {@code --max-seconds}.
 */
@Command(
    name = "bench-agent",
    mixinStandardHelpOptions = true,
    description = {
      "DB agent benchmark: N SMS rows inserted -> sent through an in-process gateway -> reports written back.",
      "Prints end-to-end rows/s and database statements per message; ends with '<n> msg/s'."
    })
public final class BenchAgentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin BenchOptions bench;

  @Option(
      names = "--db",
      paramLabel = "DB",
      defaultValue = "h2",
      description = "h2, postgresql or mariadb; default ${DEFAULT-VALUE}")
  String db;

  @Option(
      names = "--batch",
      paramLabel = "N",
      defaultValue = "1000",
      description = "rows claimed per transaction; default ${DEFAULT-VALUE}")
  int batch;

  @Option(
      names = "--in-flight",
      paramLabel = "N",
      defaultValue = "4000",
      description = "DELIVERs awaiting their ACK; default ${DEFAULT-VALUE}")
  int inFlight;

  @Option(names = "--encrypt", description = "encrypted sessions (BIND TYPE P, AES-256 bodies)")
  boolean encrypt;

  @Option(
      names = "--rate",
      paramLabel = "R",
      defaultValue = "0",
      description =
          "paced producer: R rows/s, one INSERT per row (an OTP stream), the agent at its default poll interval;"
              + " reports insert->DELIVER written, insert->ACK written and insert->REPORT written latency."
              + " 0 (default): bulk inserts, throughput")
  int rate;

  private int messages;
  private int maxSeconds;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    messages = Math.toIntExact(bench.messages());
    maxSeconds = bench.maxSeconds();
    int warmup = Math.toIntExact(bench.warmup());
    if (rate < 0) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--rate must be 0 (bulk) or a positive rows/s, not " + rate);
    }
    Duration pollInterval = rate > 0 ? AgentConfig.Polling.DEFAULT_INTERVAL : Duration.ofMillis(20);
    if (System.getenv("NGSIGN_LOG_LEVEL") == null) {
      ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
          .setLevel(Level.WARN);
      ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.flywaydb"))
          .setLevel(Level.ERROR);
    }
    String schema = "bench_agent_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String url;
    String user;
    Path tmp = null;
    switch (db.toLowerCase(Locale.ROOT)) {
      case "h2" -> {
        tmp = Files.createTempDirectory("ngs-bench-agent-");
        url = "jdbc:h2:file:" + tmp.resolve("bench");
        user = "sa";
      }
      case "postgresql" -> {
        admin("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "CREATE SCHEMA " + schema);
        // the application name finds the agent's server processes, whose CPU the report shows
        url =
            "jdbc:postgresql://127.0.0.1:5432/test?currentSchema="
                + schema
                + "&ApplicationName="
                + schema;
        user = "postgres";
      }
      case "mariadb" -> {
        admin("jdbc:mariadb://127.0.0.1:3306/test", "root", "CREATE DATABASE " + schema);
        url = "jdbc:mariadb://127.0.0.1:3306/" + schema;
        user = "root";
      }
      default -> throw new IllegalArgumentException("--db must be h2, postgresql or mariadb");
    }
    try (NgsGateway gateway =
        NgsGateway.builder()
            .account(Account.builder("bench", "benchpw").build())
            .reportDelay(Duration.ZERO)
            .build()) {
      GatewayPorts ports = gateway.start();
      AgentConfig cfg =
          AgentConfig.defaults()
              .withNodeId("bench-node")
              .withZone(
                  java.time.ZoneId
                      .systemDefault()) // the bench's own sessions write in this JVM's zone
              .withDatabase(new AgentConfig.Database(url, user, "", null, "B_", null, 8))
              .withAccounts(
                  List.of(
                      new AgentConfig.Account(
                          "bench",
                          "127.0.0.1",
                          ports.certPort(),
                          "bench",
                          "benchpw",
                          null,
                          encrypt,
                          null,
                          true,
                          0)))
              .withPolling(
                  new AgentConfig.Polling(
                      pollInterval, batch, inFlight, 4000, Duration.ofMillis(5)))
              .withLease(new AgentConfig.Lease(Duration.ofSeconds(30), Duration.ofSeconds(2)))
              .withHttp(new AgentConfig.Http(0, null));
      Agent.initDb(cfg, Map.of());
      Milestones paced = rate > 0 ? new Milestones(warmup, messages) : null;
      ReportsWritten written = paced != null ? paced : new ReportsWritten(warmup, messages);
      Agent agent =
          LoginPacing.shorten(
                  Agent.builder(cfg).migrate(true).milestones(written),
                  Duration.ofMillis(10),
                  Duration.ofMillis(500))
              .build();
      try {
        DataSource ds = agent.dataSource();
        agent.start();
        out.printf(
            "bench-agent: %d SMS rows after %d warm-up rows, db=%s, batch=%d, in-flight=%d, %s sessions, TPS unlimited, %s, poll interval %d ms%n",
            messages,
            warmup,
            db,
            batch,
            inFlight,
            encrypt ? "encrypted" : "plain",
            rate > 0 ? "paced at " + rate + " rows/s" : "bulk inserts",
            pollInterval.toMillis());
        out.flush();
        long deadline = System.nanoTime() + Duration.ofSeconds(maxSeconds).toNanos();
        if (warmup > 0) {
          insert(ds, 0, warmup);
          written.warmedUp.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
          dropWarmupRows(ds, db);
          out.printf(
              "warm-up  : %d rows sent, reported and then deleted: the measured rows start on an empty table%n",
              warmup);
          out.flush();
        }
        Timer reportLatency = agent.meterRegistry().get("ngs.agent.report.latency").timer();
        HistogramSnapshot before = reportLatency.takeSnapshot();
        long statements0 = agent.statementCount();
        long jvmCpu0 = cpuNanos(ProcessHandle.current());
        Map<Long, Long> serverCpu0 = serverCpu(schema);
        AtomicLong insertNanos = new AtomicLong();
        Paced pacedRun = new Paced(rate > 0 ? messages : 0);
        long t0 = System.nanoTime();
        Thread producer =
            new Thread(
                () ->
                    insertNanos.set(
                        rate > 0
                            ? paced(ds, warmup, messages, rate, deadline, pacedRun)
                            : insert(ds, warmup, messages)),
                "bench-insert");
        producer.start();
        // The clock stops at the commit of the last row's REPORT, as the write-behind saw it:
        // exact, and no counting query competing with the agent for the database while it runs.
        while (!written.finished.await(
                Math.max(0, Math.min(5_000_000_000L, deadline - System.nanoTime())),
                TimeUnit.NANOSECONDS)
            && System.nanoTime() < deadline) {
          out.printf(
              "  %5.1fs  %d/%d done%n",
              (System.nanoTime() - t0) / 1e9, written.measured(), messages);
          out.flush();
        }
        long elapsed = written.finishedAt() - t0;
        long jvmCpu = cpuNanos(ProcessHandle.current()) - jvmCpu0;
        Map<Long, Long> serverCpu1 = serverCpu(schema);
        // The table is the truth. A REPORT the gateway sent again for a deleted warm-up row is
        // written too (as an orphan) and counted above, so the count may run one ahead of the
        // table: then wait for the table, and the clock stops when it is complete.
        long done = count(ds, "SELECT COUNT(*) FROM B_MSG WHERE STATUS = 'DONE'");
        while (done < messages && System.nanoTime() < deadline) {
          Thread.sleep(50); // polling the result, not synchronisation
          done = count(ds, "SELECT COUNT(*) FROM B_MSG WHERE STATUS = 'DONE'");
          elapsed = System.nanoTime() - t0;
        }
        producer.join();
        if (written.finished.getCount() > 0 || done < messages) {
          out.printf(
              "INCOMPLETE: only %d of %d rows DONE after %d s%n", done, messages, maxSeconds);
          return 1;
        }
        double secs = elapsed / 1e9;
        out.printf(
            "inserted : %d rows in %.2f s (%.0f rows/s, producer alone)%n",
            messages, insertNanos.get() / 1e9, messages / (insertNanos.get() / 1e9));
        out.printf(
            "agent    : %.3f SQL statements per message (claim, ACK and report write-back; a JDBC batch of n rows counts n, an IN list or multi-row UPDATE once)%n",
            (agent.statementCount() - statements0) / (double) messages);
        out.printf(
            "gateway  : %d accepted, %d duplicates%n",
            gateway.acceptedCount("bench"), gateway.duplicateCount());
        out.printf(
            "end to end: %d rows from first INSERT to last REPORT written in %.2f s; the table holds %d DONE rows%n",
            messages, secs, done);
        // CPU per message does not depend on what else the machine runs: it says where the time
        // goes
        out.printf(
            Locale.ROOT,
            "cpu      : this JVM (agent, gateway, producer) %.1f us/msg%s; load average %.1f%n",
            jvmCpu / 1e3 / messages,
            serverCpu1.isEmpty()
                ? ""
                : String.format(
                    Locale.ROOT,
                    ", PostgreSQL server processes of this run %.1f us/msg (%d processes)",
                    cpuSince(serverCpu0, serverCpu1) / 1e3 / messages,
                    serverCpu1.size()),
            java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
        LatencyReport.latency(out, "DELIVER->REPORT stored", before, reportLatency.takeSnapshot());
        if (rate > 0) {
          rowLatencies(ds, warmup, pacedRun, paced, out);
        }
        LatencyReport.throughput(out, messages / secs, "msg");
        return 0;
      } finally {
        agent.close();
        switch (db.toLowerCase(Locale.ROOT)) {
          case "postgresql" ->
              admin(
                  "jdbc:postgresql://127.0.0.1:5432/test",
                  "postgres",
                  "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
          case "mariadb" ->
              admin(
                  "jdbc:mariadb://127.0.0.1:3306/test",
                  "root",
                  "DROP DATABASE IF EXISTS " + schema);
          default -> deleteTree(tmp);
        }
      }
    }
  }

  /**
   * Inserts rows {@code from} .. {@code from + n - 1} in batches of 1,000; returns the nanoseconds
   * it took.
   */
  private static long insert(DataSource ds, int from, int n) {
    long t = System.nanoTime();
    String sql =
        "INSERT INTO B_MSG (MSG_TYPE, DEST_ADDR, CALLBACK, SENDER_CODE, MSG_TEXT) VALUES ('S', ?, '15880000', '101280092', ?)";
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      c.setAutoCommit(false);
      for (int i = from; i < from + n; i++) {
        ps.setString(1, String.format("0109%07d", i));
        ps.setString(2, "bench message " + i);
        ps.addBatch();
        if ((i + 1 - from) % 1000 == 0 || i == from + n - 1) {
          ps.executeBatch();
          c.commit();
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("insert: " + e.getMessage(), e);
    }
    return System.nanoTime() - t;
  }

  /**
   * Inserts rows {@code from} .. {@code from + n - 1} one INSERT (autocommit) each, the i-th at
   * {@code i / rate} seconds after the start, as an application sending OTPs does; returns the
   * nanoseconds it took.
   */
  private static long paced(DataSource ds, int from, int n, int rate, long deadline, Paced run) {
    long t = System.nanoTime();
    String sql =
        "INSERT INTO B_MSG (MSG_TYPE, DEST_ADDR, CALLBACK, SENDER_CODE, MSG_TEXT) VALUES ('S', ?, '15880000', '101280092', ?)";
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      c.setAutoCommit(true);
      for (int i = 0; i < n && System.nanoTime() < deadline; i++) {
        long due = t + (long) (i * (1e9 / rate));
        long now;
        while ((now = System.nanoTime()) < due) {
          java.util.concurrent.locks.LockSupport.parkNanos(
              due - now); // pacing the producer, not synchronisation
        }
        ps.setString(1, String.format("0109%07d", from + i));
        ps.setString(2, "bench message " + (from + i));
        long issued = System.nanoTime();
        ps.executeUpdate();
        long committed = System.nanoTime();
        // the agent can see the row from its commit on: the latencies start there
        run.insertedAt[i] = committed;
        run.statement.recordValue(committed - issued);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("insert: " + e.getMessage(), e);
    }
    return System.nanoTime() - t;
  }

  /**
   * What the paced producer saw: when each row's INSERT returned (committed), and how long each
   * took.
   */
  private static final class Paced {
    final long[] insertedAt;
    final Histogram statement = LatencyReport.histogram(10, TimeUnit.MINUTES);

    Paced(int rows) {
      insertedAt = new long[rows];
    }
  }

  /**
   * Counts the REPORTs the write-behind committed: the warm-up is over at the {@code warmup}-th,
   * the run at the {@code warmup + messages}-th, whose commit time ends the measured window.
   */
  private static class ReportsWritten implements RowMilestones {
    final CountDownLatch warmedUp = new CountDownLatch(1);
    final CountDownLatch finished = new CountDownLatch(1);
    private final long warmup;
    private final long total;
    private final AtomicLong count = new AtomicLong();
    private volatile long finishedAt;

    ReportsWritten(long warmup, long messages) {
      this.warmup = warmup;
      this.total = warmup + messages;
      if (warmup == 0) {
        warmedUp.countDown();
      }
    }

    @Override
    public void reportWritten(String serial, long nanoTime) {
      long n = count.incrementAndGet();
      if (n == warmup) {
        warmedUp.countDown();
      }
      if (n == total) {
        finishedAt = nanoTime;
        finished.countDown();
      }
    }

    /** Measured rows whose REPORT is committed so far. */
    long measured() {
      return Math.max(0, count.get() - warmup);
    }

    /** The commit of the last row's REPORT (System.nanoTime). */
    long finishedAt() {
      return finished.getCount() == 0 ? finishedAt : System.nanoTime();
    }
  }

  /** The agent's milestones of every row (System.nanoTime, as the producer's times). */
  private static final class Milestones extends ReportsWritten {
    final Map<String, Long> delivered = new ConcurrentHashMap<>();
    final Map<Long, Long> acked = new ConcurrentHashMap<>();
    final Map<String, Long> reported = new ConcurrentHashMap<>();

    Milestones(long warmup, long messages) {
      super(warmup, messages);
    }

    @Override
    public void deliverWritten(String serial, long nanoTime) {
      delivered.put(serial, nanoTime);
    }

    @Override
    public void ackWritten(long id, long nanoTime) {
      acked.put(id, nanoTime);
    }

    @Override
    public void reportWritten(String serial, long nanoTime) {
      reported.put(serial, nanoTime);
      super.reportWritten(serial, nanoTime);
    }
  }

  /**
   * Per-row latencies of the measured rows, all on this JVM's monotonic clock: from the moment the
   * row's INSERT returned to the producer (autocommit: committed, so from then on the agent can see
   * it) to the moment the agent handed its DELIVER to the socket, to the commit of its DELIVER_ACK
   * and to the commit of its REPORT. The row's index comes back from its DEST_ADDR, its SERIAL from
   * the table.
   */
  private static void rowLatencies(
      DataSource ds, int warmup, Paced run, Milestones m, PrintWriter out) throws SQLException {
    Histogram deliver = LatencyReport.histogram(10, TimeUnit.MINUTES);
    Histogram ack = LatencyReport.histogram(10, TimeUnit.MINUTES);
    Histogram report = LatencyReport.histogram(10, TimeUnit.MINUTES);
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT ID, SERIAL, DEST_ADDR FROM B_MSG")) {
      while (rs.next()) {
        int i = Integer.parseInt(rs.getString(3).substring(4)) - warmup;
        if (i < 0 || i >= run.insertedAt.length || run.insertedAt[i] == 0) {
          continue; // a warm-up row, or one the deadline kept from being inserted
        }
        long issued = run.insertedAt[i];
        String serial = rs.getString(2);
        record(deliver, issued, serial == null ? null : m.delivered.get(serial));
        record(ack, issued, m.acked.get(rs.getLong(1)));
        record(report, issued, serial == null ? null : m.reported.get(serial));
      }
    }
    LatencyReport.latency(out, "INSERT statement (producer, autocommit)", run.statement);
    LatencyReport.latency(out, "INSERT committed->DELIVER written", deliver);
    LatencyReport.latency(out, "INSERT committed->ACK written", ack);
    LatencyReport.latency(out, "INSERT committed->REPORT written", report);
  }

  private static void record(Histogram h, long from, Long to) {
    if (to != null) {
      h.recordValue(Math.max(0, to - from));
    }
  }

  private static long cpuNanos(ProcessHandle p) {
    return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  /**
   * CPU time so far of each PostgreSQL server process connected with this run's application name
   * (only when the server runs on this machine: elsewhere there is no such process here).
   */
  private Map<Long, Long> serverCpu(String schema) {
    if (!"postgresql".equalsIgnoreCase(db)) {
      return Map.of();
    }
    Map<Long, Long> cpu = new java.util.HashMap<>();
    try (Connection c =
            DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
        PreparedStatement ps =
            c.prepareStatement("SELECT pid FROM pg_stat_activity WHERE application_name = ?")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long pid = rs.getLong(1);
          ProcessHandle.of(pid).ifPresent(h -> cpu.put(pid, cpuNanos(h)));
        }
      }
    } catch (SQLException e) {
      return Map.of();
    }
    return cpu;
  }

  /** The CPU the processes of {@code after} used since {@code before} (a new one: all of it). */
  private static long cpuSince(Map<Long, Long> before, Map<Long, Long> after) {
    long sum = 0;
    for (Map.Entry<Long, Long> e : after.entrySet()) {
      sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
    }
    return sum;
  }

  /**
   * The warm-up is for the JVM (the JIT compiles the hot paths while it runs), not for the table:
   * its rows, all DONE, go before the measured run, so the measured rows start on a table as small
   * as without a warm-up and a longer warm-up does not make each statement dearer. PostgreSQL
   * truncates (a VACUUM of the emptied table would record it as empty, and plan the next 100,000
   * rows' statements as if it stayed so until the next ANALYZE); the others delete, so that MariaDB
   * keeps counting IDs on (SERIALs are made from them).
   */
  private static void dropWarmupRows(DataSource ds, String db) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      c.setAutoCommit(true);
      if (count(ds, "SELECT COUNT(*) FROM B_MSG WHERE STATUS <> 'DONE'") > 0) {
        throw new IllegalStateException("warm-up rows not all DONE: the warm-up did not finish");
      }
      st.executeUpdate(
          db.equalsIgnoreCase("postgresql")
              ? "TRUNCATE B_MSG CASCADE"
              : "DELETE FROM B_MSG WHERE STATUS = 'DONE'");
    }
  }

  private static long count(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void admin(String url, String user, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, "");
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static void deleteTree(Path p) {
    if (p == null) {
      return;
    }
    try (var s = Files.walk(p)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (java.io.IOException ignored) {
      // temporary files only
    }
  }
}
