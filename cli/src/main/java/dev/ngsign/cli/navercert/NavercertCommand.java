package dev.ngsign.cli.navercert;

import dev.ngsign.navercert.BarocertException;
import dev.ngsign.navercert.BarocertValidationException;
import dev.ngsign.navercert.DeviceOSType;
import dev.ngsign.navercert.MultiSign;
import dev.ngsign.navercert.MultiSignTokens;
import dev.ngsign.navercert.NavercertClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
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
      "Naver multi-document e-signature (Barocert wire format).",
      "request/status/verify act as the partner (SDK); pending/sign/refuse act as the person on the simulator;"
          + " bench measures request+sign+status+verify round trips against a simulator on loopback.",
      "Exit codes: 0 ok, 1 the service refused (code on stderr), 2 bad input (nothing sent), 3 network."
    },
    subcommands = {
      NavercertCommand.Request.class,
      NavercertCommand.Status.class,
      NavercertCommand.Verify.class,
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

  /** Runs an SDK call, printing JSON or the error; returns the exit code. */
  static int run(CommandSpec spec, Callable<Object> call) {
    try {
      spec.commandLine().getOut().println(CliJson.write(call.call()));
      spec.commandLine().getOut().flush();
      return 0;
    } catch (BarocertValidationException e) {
      spec.commandLine().getErr().println("error (bad input, nothing sent): " + e.getMessage());
      return 2;
    } catch (dev.ngsign.navercert.BarocertTransportException e) {
      spec.commandLine().getErr().println("error (network): " + e.getMessage());
      return 3;
    } catch (BarocertException e) {
      spec.commandLine().getErr().println("error " + e.code() + ": " + e.getMessage());
      return 1;
    } catch (CommandLine.ParameterException e) {
      throw e;
    } catch (Exception e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return 1;
    }
  }

  @Command(name = "request", mixinStandardHelpOptions = true,
      description = "Ask a person to sign 1 to 50 documents; prints the receipt (receiptID).")
  static final class Request implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;

    @Option(names = "--client-code", required = true, paramLabel = "CODE", description = "12-digit client code")
    String clientCode;

    @Option(names = "--phone", paramLabel = "PHONE", required = true, description = "receiver's phone, 11 digits (hyphens ignored)")
    String phone;

    @Option(names = "--name", paramLabel = "NAME", required = true, description = "receiver's name (max 80)")
    String name;

    @Option(names = "--birthday", required = true, paramLabel = "YYYYMMDD", description = "receiver's birthday")
    String birthday;

    @Option(names = "--title", paramLabel = "TITLE", required = true, description = "request title (max 40)")
    String title;

    @Option(names = "--message", paramLabel = "MESSAGE", required = true, description = "request message (max 500)")
    String message;

    @Option(names = "--call-center", required = true, paramLabel = "NUM", description = "call-centre number (max 12)")
    String callCenter;

    @Option(names = "--expire-in", defaultValue = "300", paramLabel = "SECONDS", description = "1..1000 (default ${DEFAULT-VALUE})")
    int expireIn;

    @Option(names = "--text", paramLabel = "TEXT", description = "a TEXT document (repeatable)")
    List<String> texts = new ArrayList<>();

    @Option(names = "--hash", paramLabel = "HASH", description = "a HASH document: SHA-256, Base64url (repeatable)")
    List<String> hashes = new ArrayList<>();

    @Option(names = "--pdf", paramLabel = "FILE", description = "a PDF document, hashed here (repeatable)")
    List<Path> pdfs = new ArrayList<>();

    @Option(names = "--app-to-app", paramLabel = "ANDROID|IOS", description = "app-to-app signing on this OS (needs --return-url)")
    String appToApp;

    @Option(names = "--return-url", paramLabel = "URL", description = "app-to-app return URL (not http/https)")
    String returnUrl;

    @Override
    public Integer call() {
      return run(spec, () -> {
        MultiSign.Builder b = MultiSign.builder()
            .receiverHP(phone).receiverName(name).receiverBirthday(birthday)
            .reqTitle(title).reqMessage(message).callCenterNum(callCenter).expireIn(expireIn);
        texts.forEach(t -> b.addToken(MultiSignTokens.text(t)));
        hashes.forEach(h -> b.addToken(MultiSignTokens.hash(h)));
        pdfs.forEach(p -> b.addToken(MultiSignTokens.pdf(p)));
        if (appToApp != null) {
          b.appToApp(DeviceOSType.parse(appToApp), returnUrl);
        }
        MultiSign request = b.build();
        NavercertClient c = client.client();
        return CliJson.of(c.requestMultiSign(clientCode, request));
      });
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Print a request's state (0 waiting, 1 done, 2 expired, 3 refused, 4 failed).")
  static final class Status implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;

    @Option(names = "--client-code", required = true, paramLabel = "CODE", description = "12-digit client code")
    String clientCode;

    @Parameters(paramLabel = "RECEIPT", description = "32-digit receipt ID")
    String receiptId;

    @Override
    public Integer call() {
      return run(spec, () -> CliJson.of(client.client().getMultiSignStatus(clientCode, receiptId)));
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Verify a signed request (allowed once): prints the person's data and the CMS signatures.")
  static final class Verify implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;

    @Option(names = "--client-code", required = true, paramLabel = "CODE", description = "12-digit client code")
    String clientCode;

    @Parameters(paramLabel = "RECEIPT", description = "32-digit receipt ID")
    String receiptId;

    @Option(names = "--save-signatures", paramLabel = "DIR",
        description = "also write each CMS SignedData as DIR/RECEIPT-N.der (openssl cms -verify -inform DER ...)")
    Path saveDir;

    @Override
    public Integer call() {
      return run(spec, () -> {
        dev.ngsign.navercert.MultiSignResult r = client.client().verifyMultiSign(clientCode, receiptId);
        if (saveDir != null) {
          java.nio.file.Files.createDirectories(saveDir);
          for (int i = 0; i < r.multiSignedData().size(); i++) {
            java.nio.file.Files.write(saveDir.resolve(receiptId + "-" + (i + 1) + ".der"), r.signedData(i));
          }
        }
        return CliJson.of(r);
      });
    }
  }
}
