package dev.ngsign.cli.navercert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ngsign.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** ./ngsign navercert-server + navercert request/status/sign/verify/refuse/bench, end to end. */
class NavercertCliIT {
  @TempDir Path dir;

  private final StringWriter serverOut = new StringWriter();
  private NavercertServerCommand serverCommand;
  private CompletableFuture<Integer> serverExit;
  private String url;
  private String linkId;
  private String secret;
  private String clientCode;

  record Run(int exit, String out, String err) {}

  /** The one time format: ISO-8601 with the Korea offset. */
  private static final String ISO_KST = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+09:00";

  @BeforeEach
  void startServer() {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(serverOut, true));
    serverCommand = cl.getSubcommands().get("navercert-server").getCommand();
    serverExit =
        CompletableFuture.supplyAsync(
            () -> cl.execute("navercert-server", "--port", "0", "--data-dir", dir.toString()));
    await().atMost(Duration.ofSeconds(30)).until(() -> serverOut.toString().contains("ready"));
    String out = serverOut.toString();
    url = find(out, "ready service=(\\S+)");
    linkId = find(out, "LinkID=(\\S+)");
    secret = find(out, "SecretKey=(\\S+)");
    clientCode = find(out, "ClientCode=(\\d{12})");
  }

  @AfterEach
  void stopServer() throws Exception {
    serverCommand.stop();
    assertThat(serverExit.get()).isZero();
  }

  @Test
  void server_prints_ready_urls_and_generated_credentials() {
    String out = serverOut.toString();
    assertThat(out.lines().findFirst().orElseThrow())
        .startsWith("ready service=http://127.0.0.1:")
        .contains("auth=", "app=", "/ca.pem");
    assertThat(linkId).startsWith("TEST_");
    assertThat(java.util.Base64.getDecoder().decode(secret)).hasSize(32);
  }

  @Test
  void request_sign_status_verify_refuse_from_the_command_line() {
    Run req =
        request(
            "010-1234-5678",
            "--text",
            "doc one",
            "--hash",
            "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
    assertThat(req.exit()).as(req.err()).isZero();
    String rid = find(req.out(), "\"receiptID\" : \"(\\d{32})\"");

    Run early = asClient("verify", rid);
    assertThat(early.exit()).isEqualTo(1);
    assertThat(early.err()).contains("-45000016");

    Run pending = run("navercert", "pending", "--server", url);
    assertThat(pending.exit()).as(pending.err()).isZero();
    assertThat(pending.out())
        .contains(rid, "\"receiverName\" : \"홍*동\"")
        .doesNotContain("expireDT");
    assertThat(find(pending.out(), "\"expireAt\" : \"([^\"]+)\"")).matches(ISO_KST);

    Run sign = run("navercert", "sign", rid, "--server", url, "--gender", "F");
    assertThat(sign.exit()).as(sign.err()).isZero();
    assertThat(sign.out()).contains("\"stateName\" : \"DONE\"");

    Run status = asClient("status", rid);
    assertThat(status.out()).contains("\"stateName\" : \"DONE\"", "\"TEXT\", \"HASH\"");
    assertThat(find(status.out(), "\"expireAt\" : \"([^\"]+)\"")).matches(ISO_KST);

    Run verify =
        asClient(
            "verify",
            "--save-signatures",
            dir.resolve("sigs").toString(),
            rid,
            "--ca",
            dir.resolve("ca.pem").toString(),
            "--expect-name",
            "홍길동",
            "--expect-birthday",
            "1980-05-15",
            "--expect-phone",
            "010-1234-5678",
            "--text",
            "doc one",
            "--hash",
            "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
    assertThat(verify.exit()).as(verify.err() + verify.out()).isZero();
    assertThat(verify.out())
        .contains(
            "\"receiverName\" : \"홍길동\"",
            "\"receiverGender\" : \"F\"",
            "signatureFiles",
            "\"ok\" : true")
        .doesNotContain("signedData\"");
    assertThat(dir.resolve("sigs").resolve(rid + "-1.der")).exists();
    assertThat(dir.resolve("sigs").resolve(rid + "-2.der")).exists();

    // the saved signatures, checked offline
    Run offline =
        checkSignature(
            dir.resolve("sigs").resolve(rid + "-1.der").toString(),
            "--text",
            "doc one",
            "--ca",
            dir.resolve("ca.pem").toString());
    assertThat(offline.exit()).as(offline.err()).isZero();
    assertThat(offline.out()).contains("\"ok\" : true");
    Run hashed =
        checkSignature(
            dir.resolve("sigs").resolve(rid + "-2.der").toString(),
            "--hash",
            "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0",
            "--ca",
            dir.resolve("ca.pem").toString());
    assertThat(hashed.exit()).as(hashed.err()).isZero();
    Run wrongDoc =
        checkSignature(
            dir.resolve("sigs").resolve(rid + "-1.der").toString(),
            "--text",
            "doc two",
            "--ca",
            dir.resolve("ca.pem").toString());
    assertThat(wrongDoc.exit()).isEqualTo(4);
    assertThat(wrongDoc.err()).contains("signer check failed: document 1 content");
    Run noCa =
        checkSignature(
            dir.resolve("sigs").resolve(rid + "-1.der").toString(),
            "--text",
            "doc one",
            "--ca",
            dir.resolve("nope.pem").toString());
    assertThat(noCa.exit()).isEqualTo(2);
    assertThat(noCa.err()).contains("cannot read the CA file");

    Run again = asClient("verify", rid);
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("-45000017");

    Run refuseDone = run("navercert", "refuse", rid, "--server", url);
    assertThat(refuseDone.exit()).isEqualTo(1);
    assertThat(refuseDone.err()).contains("-45000021");
  }

  @Test
  void verify_names_the_failed_checks_and_exits_4_when_someone_else_signed() {
    Run req = request("01012345678", "--text", "doc one");
    String rid = find(req.out(), "\"receiptID\" : \"(\\d{32})\"");
    assertThat(run("navercert", "sign", rid, "--server", url).exit()).isZero();
    // bad check options are refused before the one verify is spent
    Run incomplete = asClient("verify", rid, "--ca", dir.resolve("ca.pem").toString());
    assertThat(incomplete.exit()).isEqualTo(2);
    assertThat(incomplete.err()).contains("needs --ca, --expect-name");
    Run verify =
        asClient(
            "verify",
            rid,
            "--ca",
            dir.resolve("ca.pem").toString(),
            "--expect-name",
            "김철수",
            "--expect-birthday",
            "19800515",
            "--expect-phone",
            "01012345678",
            "--text",
            "doc one",
            "--text",
            "doc two");
    assertThat(verify.exit()).isEqualTo(4);
    assertThat(verify.err())
        .contains("signer check failed: signature count, name")
        .doesNotContain("홍길동");
    assertThat(verify.out()).contains("\"ok\" : false", "expected 김*수, signed by 홍*동");
  }

  @Test
  void a_secret_key_given_on_the_command_line_is_never_printed() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    NavercertServerCommand cmd = cl.getSubcommands().get("navercert-server").getCommand();
    String given = "q2H4u5M8a7y0Zk1Wc3Vb6Nd9Pf2Rg5Th8Jk1Lm4Np7Q=";
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                cl.execute(
                    "navercert-server",
                    "--port",
                    "0",
                    "--data-dir",
                    dir.resolve("given").toString(),
                    "--link-id",
                    "GIVEN",
                    "--secret-key",
                    given,
                    "--client-code",
                    "023090000077"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> out.toString().contains("account: LinkID=GIVEN"));
    cmd.stop();
    assertThat(exit.get()).isZero();
    assertThat(out.toString()).doesNotContain(given).contains("SecretKey=(as given; not shown)");
    // the generated key of the running server was shown (startServer found it), and is shown again
    // on restart
    assertThat(secret).isNotBlank();
  }

  @Test
  void bad_input_exits_2_without_calling() {
    Run r =
        asClient(
            "request",
            "--phone",
            "0101234",
            "--name",
            "홍길동",
            "--birthday",
            "19800515",
            "--title",
            "t",
            "--message",
            "m",
            "--call-center",
            "1600",
            "--text",
            "d");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains("receiverHP must be a mobile number of exactly 11 digits", "010-1234-5678")
        .doesNotContain(secret);
  }

  @Test
  void bench_against_the_running_server_ends_with_round_trips_per_second() {
    Run r = asClient("bench", "--messages", "20", "--warmup", "5", "--concurrency", "2");
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> lines = new ArrayList<>(r.out().lines().toList());
    assertThat(lines.get(lines.size() - 1)).matches("\\d+ round-trips/s");
    assertThat(r.out()).contains("20 round trips (80 HTTP calls)");
  }

  /** {@code navercert <command>} against the running server with its account, then {@code more}. */
  private Run asClient(String command, String... more) {
    List<String> args = new ArrayList<>(List.of("navercert", command));
    args.addAll(
        List.of(
            "--server",
            url,
            "--link-id",
            linkId,
            "--secret-key",
            secret,
            "--client-code",
            clientCode));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  /**
   * {@code navercert request} to 홍길동 (born 1980-05-15) at {@code phone}: a contract with the
   * documents {@code docs} ({@code --text T}, {@code --hash H}).
   */
  private Run request(String phone, String... docs) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--phone",
                phone,
                "--name",
                "홍길동",
                "--birthday",
                "19800515",
                "--title",
                "계약",
                "--message",
                "서명해 주세요",
                "--call-center",
                "1600-9854"));
    args.addAll(List.of(docs));
    return asClient("request", args.toArray(String[]::new));
  }

  /** {@code navercert check-signature --signed-data <signedData>} (offline), then {@code more}. */
  private static Run checkSignature(String signedData, String... more) {
    List<String> args =
        new ArrayList<>(List.of("navercert", "check-signature", "--signed-data", signedData));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private static String find(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as(regex + " in\n" + text).isTrue();
    return m.group(1);
  }
}
