package dev.ngsign.cli.agent;

import ch.qos.logback.classic.Level;
import dev.ngsign.ngs.agent.Agent;
import dev.ngsign.ngs.agent.AgentConfig;
import dev.ngsign.ngs.agent.ConsolePassword;
import dev.ngsign.ngs.agent.SendTable;
import dev.ngsign.ngs.agent.demo.LoginPacing;
import dev.ngsign.ngs.agent.demo.SampleMessages;
import dev.ngsign.ngs.gateway.Account;
import dev.ngsign.ngs.gateway.GatewayPorts;
import dev.ngsign.ngs.gateway.NgsGateway;
import dev.ngsign.ngs.gateway.TestNumbers;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ngsign demo}: no configuration needed. Starts an NGS gateway and an agent in this process
 * on an embedded H2 database under {@code ./data}, inserts a message of every type (plus a Kakao
 * message that falls back to SMS, one whose Kakao delivery fails, one to a number that does not
 * exist, a scheduled one and an advertisement without its (광고) prefix), shows the rows moving
 * through the status machine, and prints the final table. Exit status 0 when every row reached a
 * final state. With {@code --keep-running} the gateway and the agent stay up afterwards with the
 * operator console enabled on loopback, behind a password generated for this run and printed once
 * (the console has no open mode: the demo logs in the way production does), until Ctrl-C.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "See the DB agent work: an in-process NGS gateway and agent on embedded H2 under ./data send a message of every"
          + " type from the send table and write the ACKs and reports back."
    })
public final class DemoCommand implements Callable<Integer> {
  private static final String PREFIX = "DEMO_";

  @Spec CommandSpec spec;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "./data",
      description = "where the H2 database file goes; default ./data")
  String dataDir;

  @Option(
      names = "--max-seconds",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description = "give up after this long; default 60")
  int maxSeconds;

  @Option(
      names = "--keep-running",
      description =
          "afterwards, keep the gateway and the agent running with the console on 127.0.0.1 (a password is generated"
              + " and printed once) until Ctrl-C")
  boolean keepRunning;

  @Option(
      names = "--console-port",
      paramLabel = "PORT",
      defaultValue = "0",
      description = "the console's port with --keep-running; default 0: any free port")
  int consolePort;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (consolePort < 0 || consolePort > 65535) {
      spec.commandLine()
          .getErr()
          .println("ngsign demo: --console-port: " + consolePort + " is not a port (0-65535)");
      return 2;
    }
    if (consolePort != 0 && !keepRunning) {
      spec.commandLine()
          .getErr()
          .println("ngsign demo: --console-port needs --keep-running (the console runs only then)");
      return 2;
    }
    String consolePassword = keepRunning ? ConsolePassword.generate() : null;
    if (System.getenv("NGSIGN_LOG_LEVEL") == null) {
      ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
          .setLevel(Level.WARN);
      ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.flywaydb"))
          .setLevel(Level.ERROR);
    }
    String url = "jdbc:h2:file:" + dataDir + "/ngsign-demo";
    try (NgsGateway gateway =
        NgsGateway.builder()
            .account(Account.builder("demo", "demo-password").build())
            .reportDelay(Duration.ofMillis(700))
            .build()) {
      GatewayPorts ports = gateway.start();
      out.println("gateway  : in-process NGS 2.0.1 gateway, " + ports.describe());
      AgentConfig cfg =
          AgentConfig.defaults()
              .withNodeId("demo-node")
              .withDatabase(new AgentConfig.Database(url, "sa", "", null, PREFIX, null, 4))
              .withAccounts(
                  List.of(
                      new AgentConfig.Account(
                          "demo",
                          "127.0.0.1",
                          ports.certPort(),
                          "demo",
                          "demo-password",
                          null,
                          true,
                          null,
                          true,
                          0)))
              .withPolling(
                  new AgentConfig.Polling(
                      Duration.ofMillis(100), 100, 100, 100, Duration.ofMillis(5)))
              .withLease(new AgentConfig.Lease(Duration.ofSeconds(3), Duration.ofMillis(500)))
              .withHttp(new AgentConfig.Http(0, null));
      if (consolePassword != null) {
        cfg =
            cfg.withConsole(
                AgentConfig.Console.withPasswordHash(
                        ConsolePassword.hash(consolePassword.toCharArray()))
                    .onPort(consolePort, "127.0.0.1"));
      }
      int applied = Agent.initDb(cfg, Map.of());
      out.println(
          "database : "
              + url
              + " (table prefix "
              + PREFIX
              + ", "
              + applied
              + " migration(s) applied)");
      Agent agent =
          LoginPacing.shorten(Agent.builder(cfg), Duration.ofMillis(100), Duration.ofSeconds(1))
              .build();
      try {
        DataSource ds = agent.dataSource();
        clean(ds);
        Map<Long, String> labels = insertSamples(ds);
        out.println(
            "inserted : "
                + labels.size()
                + " rows into "
                + PREFIX
                + "MSG (every message type and a few that fail)");
        out.println();
        agent.start();
        long t0 = System.nanoTime();
        String last = "";
        Map<String, Long> counts = Map.of();
        while (System.nanoTime() - t0 < Duration.ofSeconds(maxSeconds).toNanos()) {
          counts = counts(ds);
          String line = render(counts);
          if (!line.equals(last)) {
            out.printf("[%5.1fs] %s%n", (System.nanoTime() - t0) / 1e9, line);
            out.flush();
            last = line;
          }
          if (counts.getOrDefault("READY", 0L)
                  + counts.getOrDefault("SENDING", 0L)
                  + counts.getOrDefault("SENT", 0L)
              == 0) {
            break;
          }
          Thread.sleep(200); // progress display refresh, not synchronisation
        }
        out.println();
        printTable(out, ds, labels);
        long open =
            counts.getOrDefault("READY", 0L)
                + counts.getOrDefault("SENDING", 0L)
                + counts.getOrDefault("SENT", 0L);
        out.println();
        out.println(
            open == 0
                ? "every row reached a final state. Rows stay in "
                    + dataDir
                    + "/ngsign-demo.mv.db; next, on your database:"
                    + " ./ngsign agent init-config --db postgresql > agent.yml (README, 'The agent on your database')"
                : open + " row(s) still open after " + maxSeconds + " s");
        if (consolePassword != null) {
          keepRunning(out, agent, gateway, consolePassword);
        }
        return open == 0 ? 0 : 1;
      } finally {
        agent.close();
      }
    }
  }

  /** Prints the console's address and password once, then waits for Ctrl-C. */
  private static void keepRunning(PrintWriter out, Agent agent, NgsGateway gateway, String password)
      throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  agent.close();
                  gateway.close();
                  stopped.countDown();
                },
                "ngsign-demo-shutdown"));
    out.println();
    out.println("console http://127.0.0.1:" + agent.consolePort() + "/");
    out.println(
        "         log in with any name and the password "
            + password
            + " (generated for this run, shown only here)");
    out.println("         the gateway and the agent keep running; Ctrl-C stops both");
    out.flush();
    stopped.await();
  }

  private static void clean(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      for (String t : List.of("MSG_ATTACH", "MSG", "REPORT_ORPHAN", "LEASE", "NODE")) {
        st.executeUpdate("DELETE FROM " + PREFIX + t);
      }
    }
  }

  private static Map<Long, String> insertSamples(DataSource ds) {
    SendTable table = new SendTable(ds, PREFIX);
    Map<Long, String> labels = new LinkedHashMap<>();
    for (SampleMessages.Sample s : SampleMessages.everyType()) {
      labels.put(table.insert(s.columns(), s.images()), s.label());
    }
    labels.put(
        table.insert(SampleMessages.alimTalk(TestNumbers.kakaoFailure(2103)).columns()),
        "AlimTalk, Kakao fails -> SMS");
    Map<String, Object> noFallback =
        new HashMap<>(SampleMessages.friendTalk(TestNumbers.kakaoFailure(3018)).columns());
    noFallback.put("KKO_FAILOVER", 0);
    noFallback.remove("FALLBACK_TEXT");
    labels.put(table.insert(noFallback), "FriendTalk, Kakao fails");
    labels.put(
        table.insert(SampleMessages.sms(TestNumbers.UNKNOWN_SUBSCRIBER, "없는 번호").columns()),
        "SMS to a dead number");
    Map<String, Object> later =
        new HashMap<>(SampleMessages.sms("01020001012", "3초 뒤 예약 발송").columns());
    later.put("SCHEDULED_AT", LocalDateTime.now(ZoneId.of("Asia/Seoul")).plusSeconds(3));
    labels.put(table.insert(later), "SMS scheduled +3 s");
    Map<String, Object> ad =
        new HashMap<>(SampleMessages.sms("01020001013", "11월 할인 무료수신거부 080-123-4567").columns());
    ad.put("AD_FLAG", "Y");
    labels.put(table.insert(ad), "Ad without its prefix");
    return labels;
  }

  private static Map<String, Long> counts(DataSource ds) throws SQLException {
    Map<String, Long> m = new TreeMap<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT STATUS, COUNT(*) FROM " + PREFIX + "MSG GROUP BY STATUS");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        m.put(rs.getString(1), rs.getLong(2));
      }
    }
    return m;
  }

  private static String render(Map<String, Long> counts) {
    StringBuilder sb = new StringBuilder();
    for (String s : List.of("READY", "SENDING", "SENT", "DONE", "FAILED", "REJECTED", "EXPIRED")) {
      sb.append(String.format("%s %-3d ", s, counts.getOrDefault(s, 0L)));
    }
    return sb.toString().trim();
  }

  private static void printTable(PrintWriter out, DataSource ds, Map<Long, String> labels)
      throws SQLException {
    String fmt = "%-3s %-30s %-4s %-12s %-9s %-4s %-6s %-9s %-5s %-5s%n";
    out.printf(
        fmt, "ID", "MESSAGE", "TYPE", "TO", "STATUS", "ACK", "RESULT", "FLAGS", "TELCO", "FINAL");
    List<String> notes = new ArrayList<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT ID, MSG_TYPE, DEST_ADDR, STATUS, ACK_CODE, RESULT_CODE, REPORT_FLAGS, TELCO, FINAL_TYPE, RESULT_MSG FROM "
                    + PREFIX
                    + "MSG ORDER BY ID");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long id = rs.getLong(1);
        out.printf(
            fmt,
            id,
            labels.getOrDefault(id, ""),
            rs.getString(2),
            rs.getString(3),
            rs.getString(4),
            nz(rs.getObject(5)),
            nz(rs.getObject(6)),
            nz(rs.getString(7)),
            nz(rs.getString(8)),
            nz(rs.getString(9)));
        if (rs.getString(10) != null) {
          notes.add("  " + id + ": " + rs.getString(10));
        }
      }
    }
    if (!notes.isEmpty()) {
      out.println("RESULT_MSG:");
      notes.forEach(out::println);
    }
  }

  private static String nz(Object o) {
    return o == null ? "-" : o.toString();
  }
}
