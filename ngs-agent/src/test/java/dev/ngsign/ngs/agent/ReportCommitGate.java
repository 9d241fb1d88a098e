package dev.ngsign.ngs.agent;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source in front of a real one that controls the commit of every transaction that wrote a
 * REPORT (prepared an UPDATE setting {@code REPORT_AT}): let it through, hold it until {@link
 * #release()}, or refuse it as a failing database would (the transaction is then rolled back by the
 * caller). Other transactions pass untouched. For tests of when REPORT_ACK may go out.
 */
final class ReportCommitGate implements DataSource {
  enum Mode {
    PASS,
    HOLD,
    FAIL
  }

  private final DataSource delegate;
  private volatile Mode mode = Mode.PASS;
  private volatile CountDownLatch released = new CountDownLatch(1);
  private final AtomicInteger held = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger committed = new AtomicInteger();

  ReportCommitGate(DataSource delegate) {
    this.delegate = delegate;
  }

  /** Report commits from now on wait in {@code commit()} until {@link #release()}. */
  void hold() {
    released = new CountDownLatch(1);
    mode = Mode.HOLD;
  }

  /** Report commits from now on fail with an SQLException. */
  void fail() {
    mode = Mode.FAIL;
  }

  /** Report commits pass again; held ones go on. */
  void release() {
    mode = Mode.PASS;
    released.countDown();
  }

  /** Report commits waiting in {@code commit()} now. */
  int held() {
    return held.get();
  }

  /** Report commits refused so far. */
  int refused() {
    return refused.get();
  }

  /** Report transactions committed so far. */
  int committed() {
    return committed.get();
  }

  @Override
  public Connection getConnection() throws SQLException {
    return gated(delegate.getConnection());
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return gated(delegate.getConnection(user, password));
  }

  private Connection gated(Connection c) {
    boolean[] wroteReport = {false};
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, m, args) -> {
              switch (m.getName()) {
                case "prepareStatement" -> {
                  if (args != null
                      && args.length > 0
                      && args[0] instanceof String sql
                      && sql.contains("REPORT_AT =")) {
                    wroteReport[0] = true;
                  }
                }
                case "commit" -> {
                  if (wroteReport[0]) {
                    wroteReport[0] = false;
                    beforeReportCommit();
                    Object r = invoke(c, m, args);
                    committed.incrementAndGet();
                    return r;
                  }
                }
                case "rollback", "close" -> wroteReport[0] = false;
                default -> {
                  // passed on unchanged
                }
              }
              return invoke(c, m, args);
            });
  }

  private void beforeReportCommit() throws SQLException, InterruptedException {
    Mode m = mode;
    if (m == Mode.HOLD) {
      held.incrementAndGet();
      try {
        if (!released.await(60, TimeUnit.SECONDS)) {
          throw new SQLException("test: report commit held for 60 s and never released");
        }
      } finally {
        held.decrementAndGet();
      }
    } else if (m == Mode.FAIL) {
      refused.incrementAndGet();
      throw new SQLException("test: the database refuses the report commit");
    }
  }

  private static Object invoke(Connection c, java.lang.reflect.Method m, Object[] args)
      throws Throwable {
    try {
      return m.invoke(c, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return delegate.isWrapperFor(iface);
  }
}
