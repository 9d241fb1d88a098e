package dev.ngsign.ngs.agent.internal.wakeup;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on PostgreSQL for the notification that the migration's statement trigger sends on every
 * INSERT into the send table ({@link #channel(String)}), on a connection of its own, and signals
 * the {@link Wakeup} so that the claim loops claim at once instead of waiting out the poll
 * interval. When the connection fails (server restart, {@code pg_terminate_backend}, network) it
 * reconnects with a growing pause (up to 30 s) and signals once after every (re)connect, since
 * inserts made while it was not listening sent nothing to it; the workers' poll meanwhile keeps
 * every row moving.
 */
public final class PgNotifyListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PgNotifyListener.class);
  private static final int RECEIVE_TIMEOUT_MILLIS = 1000;
  private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

  /** Where the listener gets a connection (it keeps it until it fails or the listener closes). */
  @FunctionalInterface
  public interface ConnectionSource {
    Connection open() throws SQLException;
  }

  private final ConnectionSource source;
  private final String channel;
  private final Wakeup wakeup;
  private final Thread thread;
  private final CountDownLatch stop = new CountDownLatch(1);
  private volatile boolean listening;
  private volatile long connects;

  public PgNotifyListener(ConnectionSource source, String tablePrefix, Wakeup wakeup) {
    this.source = source;
    this.channel = channel(tablePrefix);
    this.wakeup = wakeup;
    this.thread = new Thread(this::run, "ngs-agent-listen");
    this.thread.setDaemon(true);
  }

  /**
   * The channel the trigger of V4 notifies: the send table's name plus {@code _INSERTED}, as
   * written.
   */
  public static String channel(String tablePrefix) {
    return tablePrefix + "MSG_INSERTED";
  }

  public PgNotifyListener start() {
    thread.start();
    return this;
  }

  /** True while a LISTEN connection is open (health, tests). */
  public boolean listening() {
    return listening;
  }

  /** How many times a LISTEN connection was established (tests: a reconnect makes this grow). */
  public long connects() {
    return connects;
  }

  private void run() {
    long pauseMillis = 100;
    while (stop.getCount() > 0) {
      try (Connection c = source.open()) {
        PGConnection pg = c.unwrap(PGConnection.class);
        try (Statement s = c.createStatement()) {
          // the prefix is letters, digits and underscores (AgentConfig.Database), so the quoted
          // name is safe
          s.execute("LISTEN \"" + channel + "\"");
        }
        listening = true;
        connects++;
        pauseMillis = 100;
        log.debug("listening on {}", channel);
        wakeup.signal();
        while (stop.getCount() > 0) {
          PGNotification[] n = pg.getNotifications(RECEIVE_TIMEOUT_MILLIS);
          if (n != null && n.length > 0) {
            wakeup.signal();
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (stop.getCount() == 0) {
          break;
        }
        log.warn(
            "LISTEN {}: {}; polling meanwhile, reconnecting in {} ms",
            channel,
            e.getMessage(),
            pauseMillis);
      } finally {
        listening = false;
      }
      try {
        if (stop.await(pauseMillis, TimeUnit.MILLISECONDS)) {
          break;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      pauseMillis = Math.min(MAX_PAUSE.toMillis(), pauseMillis * 2);
    }
  }

  @Override
  public void close() {
    stop.countDown();
    try {
      thread.join(RECEIVE_TIMEOUT_MILLIS * 5L);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
