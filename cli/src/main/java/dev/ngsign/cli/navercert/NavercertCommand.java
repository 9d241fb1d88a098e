package dev.ngsign.cli.navercert;

import dev.ngsign.navercert.BarocertServiceException;
import dev.ngsign.navercert.BarocertTransportException;
import dev.ngsign.navercert.BarocertValidationException;
import dev.ngsign.navercert.DeviceOSType;
import dev.ngsign.navercert.MultiSign;
import dev.ngsign.navercert.NavercertClient;
import dev.ngsign.navercert.SignerCheck;
import dev.ngsign.navercert.TrustAnchors;
import dev.ngsign.navercert.Verdict;
import dev.ngsign.navercert.VerifyResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ngsign navercert}: the SDK and the signer side from the command line. */
@Command(
    name = "navercert",
    mixinStandardHelpOptions = true,
    description = {
      "Naver e-signature (Barocert wire format): multi-sign from the command line.",
      "request/status/verify act as the partner (SDK); check-signature works offline.",
      "pending/sign/refuse act as the person on the simulator; bench measures.",
      "Output: indented JSON, times as ISO-8601 with the +09:00 offset.",
      "Exit codes: 0 ok, 1 the service refused, 2 bad input (nothing sent), 3 network, 4 the signer check failed."
    },
    subcommands = {
      NavercertCommand.Request.class,
      NavercertCommand.Status.class,
      NavercertCommand.Verify.class,
      CheckSignatureCommand.class,
      SignerCommands.Sign.class,
      SignerCommands.Refuse.class,
      SignerCommands.Pending.class,
      BenchCommand.class,
    })
public final class NavercertCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Exit code of a signer check that did not hold. */
  static final int CHECK_FAILED = 4;

  /** Runs an SDK call, printing JSON or the error; returns the exit code. */
  static int run(CommandSpec spec, Callable<Object> call) {
    try {
      spec.commandLine().getOut().println(CliJson.write(call.call()));
      spec.commandLine().getOut().flush();
      return 0;
    } catch (Exception e) {
      return fail(spec, e);
    }
  }

  /** One or two lines on stderr and the exit code for a failure. */
  static int fail(CommandSpec spec, Exception e) {
    java.io.PrintWriter err = spec.commandLine().getErr();
    if (e instanceof BarocertValidationException v) {
      err.println("error (bad input, nothing sent): " + v.getMessage());
      return 2;
    }
    if (e instanceof BarocertTransportException t) {
      err.println("error (network): " + t.getMessage());
      return 3;
    }
    if (e instanceof BarocertServiceException s) {
      err.println(
          "error "
              + s.code()
              + " (HTTP "
              + s.httpStatus()
              + "): "
              + s.getMessage().replaceFirst("^\\[-?\\d+\\] ", ""));
      return 1;
    }
    if (e instanceof CommandLine.ParameterException p) {
      throw p;
    }
    err.println("error: " + e.getMessage());
    return 1;
  }

  @Command(
      name = "request",
      mixinStandardHelpOptions = true,
      description = "Ask a person to sign 1 to 50 documents; prints the receipt (receiptID).")
  static final class Request implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;

    @Option(
        names = "--phone",
        paramLabel = "PHONE",
        required = true,
        description = "receiver's phone, 11 digits (hyphens ignored)")
    String phone;

    @Option(
        names = "--name",
        paramLabel = "NAME",
        required = true,
        description = "receiver's name (max 80)")
    String name;

    @Option(
        names = "--birthday",
        required = true,
        paramLabel = "YYYYMMDD",
        description = "receiver's birthday")
    String birthday;

    @Option(
        names = "--title",
        paramLabel = "TITLE",
        required = true,
        description = "request title (max 40)")
    String title;

    @Option(
        names = "--message",
        paramLabel = "MESSAGE",
        required = true,
        description = "request message (max 500)")
    String message;

    @Option(
        names = "--call-center",
        required = true,
        paramLabel = "NUM",
        description = "call-centre number (max 12)")
    String callCenter;

    @Option(
        names = "--expire-in",
        defaultValue = "300",
        paramLabel = "SECONDS",
        description = "1..1000 (default ${DEFAULT-VALUE})")
    int expireIn;

    @ArgGroup(
        exclusive = true,
        multiplicity = "1..*",
        heading = "Documents, 1 to 50, signed in this order:%n")
    List<Document> documents = new ArrayList<>();

    @Option(
        names = "--app-to-app",
        paramLabel = "ANDROID|IOS",
        description = "app-to-app signing on this OS (needs --return-url)")
    String appToApp;

    @Option(
        names = "--return-url",
        paramLabel = "URL",
        description = "app-to-app return URL (not http/https)")
    String returnUrl;

    @Override
    public Integer call() {
      return run(
          spec,
          () -> {
            MultiSign.Builder b =
                MultiSign.builder()
                    .receiverHP(phone)
                    .receiverName(name)
                    .receiverBirthday(birthday)
                    .reqTitle(title)
                    .reqMessage(message)
                    .callCenterNum(callCenter)
                    .expireIn(expireIn);
            documents.forEach(d -> b.addToken(d.token()));
            if (appToApp != null) {
              b.appToApp(DeviceOSType.parse(appToApp), returnUrl);
            }
            MultiSign request = b.build();
            NavercertClient c = client.client();
            return CliJson.of(c.requestMultiSign(client.clientCode, request).execute());
          });
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Print a request's state (0 waiting, 1 done, 2 expired, 3 refused, 4 failed).")
  static final class Status implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "RECEIPT", description = "32-digit receipt ID")
    String receiptId;

    @Override
    public Integer call() {
      return run(
          spec,
          () ->
              CliJson.of(
                  client.client().getMultiSignStatus(client.clientCode, receiptId).execute()));
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Verify a signed request (once) and print the person and the signatures.",
        "With --ca, --expect-* and the documents as requested, it also checks who signed.",
        "It then exits 0 only when every check holds, 4 if not (failed checks on stderr)."
      })
  static final class Verify implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "RECEIPT", description = "32-digit receipt ID")
    String receiptId;

    @Option(
        names = "--save-signatures",
        paramLabel = "DIR",
        description =
            "write each CMS SignedData to DIR/RECEIPT-N.der and print the file names instead of the signatures")
    Path saveDir;

    @Option(
        names = "--ca",
        paramLabel = "FILE",
        description = "PEM file of the CA(s) to trust (the simulator's: /ca.pem)")
    Path ca;

    @Option(
        names = "--expect-name",
        paramLabel = "NAME",
        description = "the name you asked to sign")
    String expectName;

    @Option(
        names = "--expect-birthday",
        paramLabel = "YYYYMMDD",
        description = "the birthday you asked for")
    String expectBirthday;

    @Option(
        names = "--expect-phone",
        paramLabel = "PHONE",
        description = "the phone you asked for (hyphens allowed)")
    String expectPhone;

    @ArgGroup(
        exclusive = true,
        multiplicity = "0..*",
        heading = "Documents as requested, in request order (for the signer check):%n")
    List<Document> documents = new ArrayList<>();

    @Override
    public Integer call() {
      boolean checking =
          ca != null
              || expectName != null
              || expectBirthday != null
              || expectPhone != null
              || !documents.isEmpty();
      SignerCheck check;
      SignerCheck.Expected expected;
      try {
        if (checking) {
          if (ca == null
              || expectName == null
              || expectBirthday == null
              || expectPhone == null
              || documents.isEmpty()) {
            throw new BarocertValidationException(
                "checking the signer needs --ca, --expect-name, --expect-birthday,"
                    + " --expect-phone and the documents as requested (--text/--hash/--pdf, in request order)");
          }
          check = SignerCheck.builder().trustAnchors(TrustAnchors.fromPem(ca)).build();
          expected =
              new SignerCheck.Expected(
                  expectName,
                  expectBirthday,
                  expectPhone,
                  documents.stream().map(Document::token).toList());
        } else {
          check = null;
          expected = null;
        }
      } catch (Exception e) {
        return fail(spec, e); // before the one verify is spent
      }
      VerifyResult r;
      List<String> saved = null;
      try {
        r = client.client().verifyMultiSign(client.clientCode, receiptId).execute();
        if (saveDir != null) {
          saved = new ArrayList<>();
          java.nio.file.Files.createDirectories(saveDir);
          for (int i = 0; i < r.signedData().size(); i++) {
            Path f = saveDir.resolve(receiptId + "-" + (i + 1) + ".der");
            java.nio.file.Files.write(f, r.signedDataDer(i));
            saved.add(f.toString());
          }
        }
      } catch (Exception e) {
        return fail(spec, e);
      }
      java.util.Map<String, Object> out = CliJson.of(r, saved);
      if (check == null) {
        spec.commandLine().getOut().println(CliJson.write(out));
        spec.commandLine().getOut().flush();
        spec.commandLine()
            .getErr()
            .println(
                "note: who signed was not checked (give --ca, --expect-name,"
                    + " --expect-birthday, --expect-phone and the documents)");
        return 0;
      }
      Verdict v = check.check(expected, r);
      out.put("verdict", CliJson.of(v));
      spec.commandLine().getOut().println(CliJson.write(out));
      spec.commandLine().getOut().flush();
      return verdictExit(spec, v);
    }
  }

  /** 0 when the verdict holds, else 4 with the failed checks named on stderr. */
  static int verdictExit(CommandSpec spec, Verdict v) {
    if (v.ok()) {
      return 0;
    }
    spec.commandLine()
        .getErr()
        .println(
            "signer check failed: "
                + String.join(", ", v.failures().stream().map(CliJson::name).toList()));
    return CHECK_FAILED;
  }
}
