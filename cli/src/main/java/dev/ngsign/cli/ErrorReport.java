package dev.ngsign.cli;

import dev.ngsign.ngs.agent.AgentException;
import dev.ngsign.ngs.agent.ConfigException;
import dev.ngsign.ngs.client.NgsAuthenticationException;
import dev.ngsign.ngs.client.NgsConnectionException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure into one or two lines a person can act on: what was tried and what to check (a
 * wrong JDBC URL, a refused connection, bad credentials, an unknown database, an unreachable cert
 * server, a refused login), each line starting with the full command ({@code ngsign agent init-db:
 * ...}). The stack trace follows only under {@code --verbose}. Used by every command for the
 * failures it does not handle itself (exit status 1), and by commands that choose their own exit
 * status through {@link #print}.
 */
public final class ErrorReport implements CommandLine.IExecutionExceptionHandler {
  private static volatile boolean verbose;

  static void verbose(boolean v) {
    verbose = v;
  }

  /** True under {@code --verbose}: stack traces in errors and in the log. */
  public static boolean verbose() {
    return verbose;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
    print(cl.getCommandSpec(), ex, null);
    return 1;
  }

  /**
   * Prints {@code failure} for {@code spec}'s command: one or two lines, then the stack trace under
   * --verbose.
   *
   * @param context what was being tried, e.g. "database jdbc:postgresql://127.0.0.1:5432/postgres
   *     as postgres"; or null
   */
  public static void print(CommandSpec spec, Throwable failure, String context) {
    PrintWriter err = spec.commandLine().getErr();
    String name = spec.qualifiedName(" ");
    for (String line : describe(failure, context)) {
      err.println(name + ": " + line);
    }
    if (verbose) {
      failure.printStackTrace(err);
    }
    err.flush();
  }

  /** The one or two lines for a failure; the second, when there is one, says what to check. */
  public static List<String> describe(Throwable failure, String context) {
    String tried = context == null ? "" : " (" + context + ")";
    String trace = verbose ? "" : " (--verbose shows the stack trace)";
    SQLException sql = find(failure, SQLException.class);
    List<String> out = new ArrayList<>(2);
    if (sql != null) {
      String state = sql.getSQLState() == null ? "" : sql.getSQLState();
      String msg = clean(sql.getMessage());
      if (msg.contains("No suitable driver")
          || msg.contains("Unable to parse URL")
          || msg.contains("Invalid connection URL")) {
        out.add(
            "the database URL is not one the H2, PostgreSQL or MariaDB driver accepts"
                + tried
                + ": "
                + msg);
        out.add(
            "check database.url, e.g. jdbc:postgresql://127.0.0.1:5432/postgres or jdbc:mariadb://127.0.0.1:3306/ngsign"
                + trace);
      } else if (state.startsWith("28") || sql.getErrorCode() == 1045) {
        out.add("the database refused the login" + tried + ": " + msg);
        out.add(
            "check database.user and the password (the variable database.password-env names, or database.password)"
                + trace);
      } else if (state.equals("3D000") || sql.getErrorCode() == 1049) {
        out.add("the database does not exist" + tried + ": " + msg);
        out.add("check the database name in database.url, or create that database" + trace);
      } else if (state.startsWith("08")
          || find(failure, ConnectException.class) != null
          || find(failure, UnknownHostException.class) != null
          || find(failure, SocketTimeoutException.class) != null) {
        out.add("cannot connect to the database" + tried + ": " + msg);
        out.add(
            "check that the database server runs and that database.url names its host and port"
                + trace);
      } else {
        out.add("database error" + tried + ": " + msg + trace);
      }
      return out;
    }
    NgsAuthenticationException auth = find(failure, NgsAuthenticationException.class);
    if (auth != null) {
      out.add("the NGS cert server refused the login" + tried + ": " + clean(auth.getMessage()));
      out.add("check the account ID and its password" + trace);
      return out;
    }
    NgsConnectionException conn = find(failure, NgsConnectionException.class);
    if (conn != null) {
      out.add("cannot reach the NGS cert server" + tried + ": " + clean(conn.getMessage()));
      out.add("check the cert server's host and port, and that it runs" + trace);
      return out;
    }
    if (find(failure, ConnectException.class) != null
        || find(failure, UnknownHostException.class) != null
        || find(failure, NoRouteToHostException.class) != null) {
      out.add("cannot connect" + tried + ": " + clean(innermost(failure).getMessage()));
      out.add("check the host and port, and that the server runs" + trace);
      return out;
    }
    AgentException agent = find(failure, AgentException.class);
    if (agent != null) {
      // a configuration mistake is the whole story: no trace to offer
      out.add(clean(agent.getMessage()) + (agent instanceof ConfigException ? "" : trace));
      return out;
    }
    Throwable root = innermost(failure);
    out.add(root.getClass().getSimpleName() + tried + ": " + clean(root.getMessage()) + trace);
    return out;
  }

  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  private static Throwable innermost(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.getMessage() == null ? t : c;
  }

  /** One line: the driver's multi-line messages joined, MariaDB's "(conn=12) " prefix dropped. */
  private static String clean(String msg) {
    if (msg == null) {
      return "(no message)";
    }
    return msg.replaceAll("^\\(conn=\\d+\\) ", "").replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
