package dev.ngsign.ngs.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ngsign.ngs.agent.demo.SampleMessages;
import dev.ngsign.ngs.agent.internal.schema.Dialect;
import dev.ngsign.ngs.agent.internal.wakeup.PgNotifyListener;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * On PostgreSQL the agent is woken by the INSERT (the V4 trigger's notification), not by its poll:
 * with the poll interval at a minute, rows still go out well within the bound below. The bound (20
 * s) is only a guard against a hang, a third of the poll interval, not a timing claim. Also: a
 * LISTEN connection the server kills is reconnected, and an agent that cannot LISTEN at all still
 * sends by its poll.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgWakeupIT {
  private static final AtomicInteger PREFIXES = new AtomicInteger();
  private static final Duration LONG_POLL = Duration.ofSeconds(60);
  private static final Duration HANG_GUARD = Duration.ofSeconds(20);

  TestDb db;
  String prefix;
  FakeGateway gateway;
  final List<Agent> agents = new ArrayList<>();

  @BeforeAll
  void createDatabase() {
    db = TestDb.create(Dialect.POSTGRESQL);
  }

  @AfterAll
  void dropDatabase() {
    db.close();
  }

  @BeforeEach
  void setUp() {
    prefix = "W" + PREFIXES.incrementAndGet() + "_";
    gateway = new FakeGateway();
  }

  @AfterEach
  void stopAgents() {
    agents.forEach(Agent::close);
    agents.clear();
  }

  private AgentConfig config(Duration poll) {
    return AgentConfig.defaults()
        .withNodeId("n1")
        .withDatabase(db.config(prefix))
        .withAccounts(
            List.of(
                new AgentConfig.Account(
                    "A", "127.0.0.1", 1, "A", "pw", null, false, null, null, 0)))
        .withPolling(new AgentConfig.Polling(poll, 100, 500, 500, Duration.ofMillis(2)))
        .withLease(new AgentConfig.Lease(Duration.ofSeconds(3), Duration.ofMillis(100)))
        .withHttp(new AgentConfig.Http(0, null))
        // the test JVM's default zone (the owned pool's sessions) is not TestDb's session zone; the
        // zone
        // check has tests of its own
        .toBuilder()
        .allowZoneMismatch(true)
        .build();
  }

  /**
   * An agent with its own pool and its own LISTEN connection, as {@code ./ngsign agent run} makes
   * it.
   */
  private Agent startOwned(Duration poll) {
    Agent a =
        Agent.builder(config(poll))
            .gateway(gateway)
            .clock(Clock.systemUTC())
            .migrate(true)
            .build()
            .start();
    agents.add(a);
    await().atMost(HANG_GUARD).until(() -> a.heldAccounts().containsKey("A"));
    return a;
  }

  private void insert(String text) {
    db.insert(
        prefix + "MSG",
        Map.of(
            "MSG_TYPE",
            "S",
            "DEST_ADDR",
            "01020001234",
            "CALLBACK",
            "15880000",
            "MSG_TEXT",
            text,
            "ACCOUNT",
            "A",
            "SENDER_CODE",
            SampleMessages.SENDER_CODE));
  }

  private void awaitSent(int n) {
    try {
      await()
          .atMost(HANG_GUARD)
          .pollInterval(Duration.ofMillis(10))
          .until(() -> gateway.totalSends() >= n);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          gateway.totalSends()
              + " of "
              + n
              + " sent; rows: "
              + db.query("SELECT * FROM " + prefix + "MSG"),
          e);
    }
  }

  private long listenPid() {
    List<Map<String, Object>> rows =
        db.query(
            "SELECT pid FROM pg_stat_activity WHERE application_name = 'ngsign-agent-listen'"
                + " AND query = ?",
            "LISTEN \"" + PgNotifyListener.channel(prefix) + "\"");
    assertThat(rows).hasSize(1);
    return ((Number) rows.get(0).values().iterator().next()).longValue();
  }

  @Test
  void anInsertWakesTheAgentLongBeforeItsPollInterval() {
    Agent a = startOwned(LONG_POLL);
    await().atMost(HANG_GUARD).until(a::listening);
    // several rounds, each a separate INSERT after the previous row went out: after each send the
    // worker
    // is back in its one-minute wait, which only the notification can end within the guard
    for (int i = 1; i <= 3; i++) {
      insert("OTP " + i);
      awaitSent(i);
    }
    assertThat(gateway.totalSends()).isEqualTo(3);
  }

  @Test
  void aBulkInsertOfManyRowsGoesOutOnItsOneNotification() {
    Agent a = startOwned(LONG_POLL);
    await().atMost(HANG_GUARD).until(a::listening);
    StringBuilder sql =
        new StringBuilder(
            "INSERT INTO "
                + prefix
                + "MSG (MSG_TYPE, DEST_ADDR, CALLBACK, MSG_TEXT, ACCOUNT, SENDER_CODE) VALUES ");
    for (int i = 0; i < 250; i++) {
      sql.append(i == 0 ? "" : ", ")
          .append("('S', '01020001234', '15880000', 'bulk ")
          .append(i)
          .append("', 'A', '")
          .append(SampleMessages.SENDER_CODE)
          .append("')");
    }
    db.update(sql.toString());
    awaitSent(250); // more than two batches of 100: full batches claim again at once
  }

  @Test
  void aKilledListenConnectionIsReconnectedAndRowsStillGoOut() {
    Agent a = startOwned(LONG_POLL);
    await().atMost(HANG_GUARD).until(a::listening);
    insert("before");
    awaitSent(1);
    long pid = listenPid();
    db.query("SELECT pg_terminate_backend(?)", (int) pid);
    insert(
        "while reconnecting"); // its notification is most likely lost: the reconnect's wakeup sends
    // it
    awaitSent(2);
    await()
        .atMost(HANG_GUARD)
        .until(
            () ->
                a.listening()
                    && !db.query(
                            "SELECT pid FROM pg_stat_activity WHERE application_name ="
                                + " 'ngsign-agent-listen' AND query = ?",
                            "LISTEN \"" + PgNotifyListener.channel(prefix) + "\"")
                        .isEmpty());
    assertThat(listenPid()).isNotEqualTo(pid);
    insert("after");
    awaitSent(3); // woken by the new connection's notification
  }

  @Test
  void anAgentThatCannotListenStillSendsByItsPoll() {
    AtomicInteger refused = new AtomicInteger();
    DataSource noListen = new RefusingListenConnections(db.ds, refused);
    Agent a =
        Agent.builder(config(Duration.ofMillis(300)))
            .dataSource(noListen, db.url)
            .gateway(gateway)
            .clock(Clock.systemUTC())
            .migrate(true)
            .build()
            .start();
    agents.add(a);
    await().atMost(HANG_GUARD).until(() -> a.heldAccounts().containsKey("A"));
    await().atMost(HANG_GUARD).until(() -> refused.get() >= 1);
    insert("polled");
    awaitSent(1);
    assertThat(a.listening()).isFalse();
  }

  /**
   * The test database's connections, except to the listener's thread (as if LISTEN were
   * impossible).
   */
  private record RefusingListenConnections(DataSource ds, AtomicInteger refused)
      implements DataSource {
    @Override
    public Connection getConnection() throws SQLException {
      if (Thread.currentThread().getName().equals("ngs-agent-listen")) {
        refused.incrementAndGet();
        throw new SQLException("test: no LISTEN connection");
      }
      return ds.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return ds.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      ds.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      ds.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return ds.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      return ds.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      return ds.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
      return ds.isWrapperFor(iface);
    }
  }
}
