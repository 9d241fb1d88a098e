package dev.ngsign.cli.navercert;

import dev.ngsign.navercert.EncryptionMode;
import dev.ngsign.navercert.NavercertClient;
import picocli.CommandLine.Option;

/** Where and as whom the client commands call: flags, or NAVERCERT_* environment variables. */
final class ClientOptions {
  @Option(
      names = "--server",
      paramLabel = "URL",
      defaultValue = "${env:NAVERCERT_SERVER}",
      description = "service and auth URL at once, e.g. the simulator's (env NAVERCERT_SERVER)")
  String server;

  @Option(
      names = "--service-url",
      paramLabel = "URL",
      description = "service URL (default: --server, else Barocert's)")
  String serviceUrl;

  @Option(
      names = "--auth-url",
      paramLabel = "URL",
      description = "auth URL (default: --server, else Linkhub's)")
  String authUrl;

  @Option(
      names = "--link-id",
      paramLabel = "ID",
      defaultValue = "${env:NAVERCERT_LINK_ID}",
      description = "LinkID (env NAVERCERT_LINK_ID)")
  String linkId;

  @Option(
      names = "--secret-key",
      paramLabel = "KEY",
      defaultValue = "${env:NAVERCERT_SECRET_KEY}",
      description = "SecretKey (env NAVERCERT_SECRET_KEY, which keeps it out of shell history)")
  String secretKey;

  @Option(
      names = "--mode",
      paramLabel = "GCM|CBC",
      defaultValue = "GCM",
      description = "field encryption: GCM or CBC (default ${DEFAULT-VALUE})")
  EncryptionMode mode;

  @Option(
      names = "--client-code",
      required = true,
      paramLabel = "CODE",
      description = "12-digit client code")
  String clientCode;

  NavercertClient client() {
    if (linkId == null || secretKey == null) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this),
          "--link-id and --secret-key (or NAVERCERT_LINK_ID / NAVERCERT_SECRET_KEY) are required");
    }
    NavercertClient.Builder b =
        NavercertClient.builder().linkId(linkId).secretKey(secretKey).encryptionMode(mode);
    String svc = serviceUrl != null ? serviceUrl : server;
    String auth = authUrl != null ? authUrl : server;
    if (svc != null) {
      b.serviceUrl(svc);
    }
    if (auth != null) {
      b.authUrl(auth);
    }
    return b.build();
  }
}
