package dev.ngsign.cli.agent;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ngsign agent init-config [--db postgresql|mariadb|h2]}: prints a commented {@code
 * agent.yml} with safe defaults to start from. Passwords come from environment variables (never the
 * file); final rows stay in the send table (no log-table move); one account pointing at a local
 * test gateway.
 */
@Command(
    name = "init-config",
    mixinStandardHelpOptions = true,
    description = {
      "Print a commented agent.yml with safe defaults to start from: ngsign agent init-config --db postgresql > agent.yml.",
      "Passwords are read from environment variables, never from the file."
    })
public final class InitConfigCommand implements Callable<Integer> {

  /** The databases the agent supports. */
  public enum Db {
    POSTGRESQL("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres"),
    MARIADB("jdbc:mariadb://127.0.0.1:3306/ngsign", "root"),
    H2("jdbc:h2:file:./data/ngsign-agent", "sa");

    final String url;
    final String user;

    Db(String url, String user) {
      this.url = url;
      this.user = user;
    }
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--db",
      paramLabel = "DB",
      defaultValue = "postgresql",
      description = "postgresql, mariadb or h2 (default: ${DEFAULT-VALUE})")
  Db db;

  @Option(
      names = "--url",
      paramLabel = "JDBC-URL",
      description = "the database URL (default: the local server of --db)")
  String url;

  @Option(
      names = "--user",
      paramLabel = "USER",
      description = "the database user (default: postgres, root or sa)")
  String user;

  @Override
  public Integer call() {
    spec.commandLine()
        .getOut()
        .print(render(db, url == null ? db.url : url, user == null ? db.user : user));
    spec.commandLine().getOut().flush();
    return 0;
  }

  /**
   * The configuration text; docs/agent.example.yml is this for PostgreSQL with the defaults (a test
   * keeps them equal).
   */
  public static String render(Db db, String url, String user) {
    String schema =
        switch (db) {
          case POSTGRESQL ->
              """
            # The schema: add ?currentSchema=NAME to the URL (default: public). init-db creates a schema that does not
            # exist only when asked: ./ngsign agent init-db --config agent.yml --create-schema
          """;
          case MARIADB ->
              """
            # The schema is the database named in the URL (MariaDB has no schemas inside a database). init-db creates
            # a database that does not exist only when asked: ./ngsign agent init-db --config agent.yml --create-schema
          """;
          case H2 ->
              """
            # Embedded H2: a file under ./data, created on first use; tables are migrated when the agent starts.
          """;
        };
    String password =
        db == Db.H2
            ? ""
            : """
            password-env: NGSIGN_DB_PASSWORD   # the password comes from this variable; it must be set, and may be empty
                                               # for trust authentication: export NGSIGN_DB_PASSWORD=
          """;
    return """
        # ngsign DB agent configuration, written by: ngsign agent init-config --db %s
        # Every key and its default: docs/agent.md, "Configuration". Then:
        #   export NGS_PASSWORD=...                        # the NGS account's password%s
        #   ./ngsign agent init-db --config agent.yml      # create the tables (safe to run again)
        #   ./ngsign agent --config agent.yml              # run the agent; insert rows into NGS_MSG (docs/agent.md)
        node-id: agent-1                   # unique per running node
        zone: %s                   # the zone your database sessions write timestamps in (this machine's); the
                                           # advertising hours and the log month are Korean whatever it is

        database:
        %s  url: %s
          user: %s
        %s  table-prefix: NGS_                 # every table starts with it: NGS_MSG, NGS_MSG_ATTACH, ...

        accounts:
          - name: main                     # rows whose ACCOUNT column is empty go to the default account
            cert-host: 127.0.0.1           # your NGS cert server; to try it locally, in another terminal:
            cert-port: 4400                #   ./ngsign gateway --cert-port 4400 --deliver-port 4401 --report-port 4402 --account testid:testpw
            id: testid
            password-env: NGS_PASSWORD     # export NGS_PASSWORD=testpw for that local gateway
            encrypted: true                # AES-256 bodies (BIND TYPE P)
            sender-code: "101280092"       # your 9-digit first-sender code, used when a row has none
            default: true

        log-table:
          mode: none                       # final rows stay in NGS_MSG; "monthly" moves them to NGS_MSG_LOG_YYYYMM

        health:
          unbound-grace: 60s               # /health answers 503 when an account held here is not bound for this long

        http:
          port: 9464                       # GET /metrics and /health; 0 turns it off
          bind: 127.0.0.1
        """
        .formatted(
            db.name().toLowerCase(java.util.Locale.ROOT),
            db == Db.H2
                ? ""
                : "\n#   export NGSIGN_DB_PASSWORD=...                  # the database password (empty for trust auth)",
            java.time.ZoneId.systemDefault().getId(),
            schema,
            url,
            user,
            password);
  }
}
