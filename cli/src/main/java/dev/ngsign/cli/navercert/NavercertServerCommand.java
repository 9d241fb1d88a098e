package dev.ngsign.cli.navercert;

import dev.ngsign.navercert.server.Account;
import dev.ngsign.navercert.server.NavercertServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ngsign navercert-server}: runs the Barocert-compatible simulator until interrupted. */
@Command(
    name = "navercert-server",
    mixinStandardHelpOptions = true,
    description = {
      "Run the Barocert-compatible Naver e-signature simulator (auth service, MultiSign/Sign/Identity,"
          + " the simulated Naver app at /app, operator API, simulator CA at /ca.pem).",
      "Without account options, the data dir's accounts are reused, else test credentials are generated.",
      "Prints a line starting with 'ready' with the URLs, then the accounts (a SecretKey only when generated). Ctrl-C stops it."
    })
public final class NavercertServerCommand implements Callable<Integer> {

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "8099",
      description = "TCP port (0 = any free port; default ${DEFAULT-VALUE})")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      defaultValue = "127.0.0.1",
      description = "bind address (default ${DEFAULT-VALUE}; the operator API is unauthenticated)")
  String bind;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "data/navercert",
      description = "H2 store and ca.pem (default ${DEFAULT-VALUE})")
  Path dataDir;

  @ArgGroup(exclusive = false, multiplicity = "0..*")
  List<AccountOptions> accounts = new ArrayList<>();

  static final class AccountOptions {
    @Option(
        names = "--link-id",
        required = true,
        paramLabel = "ID",
        description = "partner LinkID (repeatable with its key and codes)")
    String linkId;

    @Option(
        names = "--secret-key",
        required = true,
        paramLabel = "KEY",
        description = "its SecretKey, Base64 of 32 bytes")
    String secretKey;

    @Option(
        names = "--client-code",
        required = true,
        paramLabel = "CODE",
        description = "a 12-digit client code it owns (repeatable)")
    List<String> clientCodes;
  }

  @Spec CommandSpec spec;

  private final CountDownLatch stop = new CountDownLatch(1);
  private volatile NavercertServer server;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    NavercertServer.Builder b =
        NavercertServer.builder().port(port).bindAddress(bind).dataDir(dataDir);
    for (AccountOptions a : accounts) {
      try {
        b.account(new Account(a.linkId, a.secretKey, a.clientCodes));
      } catch (IllegalArgumentException e) {
        spec.commandLine()
            .getErr()
            .println("navercert-server: account " + a.linkId + ": " + e.getMessage());
        return 2;
      }
    }
    try {
      server = b.start();
    } catch (java.io.UncheckedIOException | IllegalStateException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      spec.commandLine()
          .getErr()
          .println(
              "navercert-server: cannot start on "
                  + bind
                  + ":"
                  + port
                  + " with data dir "
                  + dataDir
                  + ": "
                  + cause.getMessage());
      return 1;
    }
    Thread hook = new Thread(this::stop, "navercert-server-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    String url = server.baseUrl();
    out.println(
        "ready service="
            + url
            + " auth="
            + url
            + " app="
            + server.appUrl()
            + " ca="
            + url
            + "/ca.pem");
    out.println("  service URL (setServiceURL): " + url);
    out.println("  auth URL    (setAuthURL):    " + url);
    out.println("  Naver app (sign/refuse):     " + server.appUrl());
    out.println("  operator API:                " + url + "/operator/requests");
    out.println("  simulator CA:                " + url + "/ca.pem");
    out.println("  data dir:                    " + dataDir.toAbsolutePath());
    for (Account a : server.accounts()) {
      // a SecretKey the operator gave is theirs to keep: only a generated one is shown
      String key = server.generatedSecret(a) ? a.secretKey() : "(as given; not shown)";
      out.println(
          "  account: LinkID="
              + a.linkId()
              + " SecretKey="
              + key
              + " ClientCode="
              + String.join(",", a.clientCodes()));
    }
    out.flush();
    stop.await();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook itself is running
    }
    return 0;
  }

  /** Stops the server and lets {@link #call()} return (shutdown hook, tests). */
  public void stop() {
    NavercertServer s = server;
    if (s != null) {
      s.close();
    }
    stop.countDown();
  }
}
