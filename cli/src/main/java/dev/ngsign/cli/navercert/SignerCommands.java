package dev.ngsign.cli.navercert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ngsign navercert sign|refuse RECEIPT --server URL}: the person's side, via the operator
 * API.
 */
final class SignerCommands {
  private SignerCommands() {}

  static int call(CommandSpec spec, String server, String receiptId, String action, String body) {
    if (server == null) {
      spec.commandLine().getErr().println("error: --server URL (or NAVERCERT_SERVER) is required");
      return 2;
    }
    String base = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create(
                    base
                        + "/operator/requests"
                        + (receiptId == null ? "" : "/" + receiptId + "/" + action)))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json");
    HttpRequest req =
        body == null ? b.GET().build() : b.POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    try {
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 200) {
        spec.commandLine().getOut().println(CliJson.operator(r.body()));
        spec.commandLine().getOut().flush();
        return 0;
      }
      spec.commandLine()
          .getErr()
          .println("error " + errorOf(r.body()) + " (HTTP " + r.statusCode() + ")");
      return 1;
    } catch (IOException e) {
      spec.commandLine().getErr().println("error (network): cannot reach " + base + ": " + e);
      return 3;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 3;
    }
  }

  /** "-45000021: the request is no longer waiting" from the simulator's error JSON. */
  private static String errorOf(String body) {
    try {
      com.fasterxml.jackson.databind.JsonNode n = CliJson.MAPPER.readTree(body);
      if (n != null && n.has("code")) {
        return n.get("code").asText() + ": " + n.path("message").asText();
      }
    } catch (IOException e) {
      // not JSON
    }
    return body;
  }

  @Command(
      name = "sign",
      mixinStandardHelpOptions = true,
      description =
          "Sign a pending request on the simulator, as the person would in the Naver app.")
  static final class Sign implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "RECEIPT", description = "32-digit receipt ID")
    String receiptId;

    @Option(
        names = "--server",
        paramLabel = "URL",
        defaultValue = "${env:NAVERCERT_SERVER}",
        description = "simulator URL (env NAVERCERT_SERVER)")
    String server;

    @Option(
        names = "--gender",
        paramLabel = "M|F",
        defaultValue = "M",
        description = "M or F (default ${DEFAULT-VALUE})")
    String gender;

    @Option(
        names = "--email",
        paramLabel = "EMAIL",
        defaultValue = "signer@example.com",
        description = "e-mail the app reports (default ${DEFAULT-VALUE})")
    String email;

    @Option(names = "--foreign", description = "the person is a foreigner")
    boolean foreign;

    @Override
    public Integer call() {
      Map<String, Object> profile = new LinkedHashMap<>();
      profile.put("gender", gender);
      profile.put("email", email);
      profile.put("foreign", foreign);
      return SignerCommands.call(spec, server, receiptId, "sign", CliJson.write(profile));
    }
  }

  @Command(
      name = "pending",
      mixinStandardHelpOptions = true,
      description =
          "List the simulator's pending requests (JSON), e.g. to find a receipt ID to sign.")
  static final class Pending implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--server",
        paramLabel = "URL",
        defaultValue = "${env:NAVERCERT_SERVER}",
        description = "simulator URL (env NAVERCERT_SERVER)")
    String server;

    @Override
    public Integer call() {
      return SignerCommands.call(spec, server, null, null, null);
    }
  }

  @Command(
      name = "refuse",
      mixinStandardHelpOptions = true,
      description = "Refuse a pending request on the simulator.")
  static final class Refuse implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "RECEIPT", description = "32-digit receipt ID")
    String receiptId;

    @Option(
        names = "--server",
        paramLabel = "URL",
        defaultValue = "${env:NAVERCERT_SERVER}",
        description = "simulator URL (env NAVERCERT_SERVER)")
    String server;

    @Override
    public Integer call() {
      return SignerCommands.call(spec, server, receiptId, "refuse", "");
    }
  }
}
