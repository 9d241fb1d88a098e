package dev.ngsign.cli.navercert;

import dev.ngsign.navercert.BarocertValidationException;
import dev.ngsign.navercert.SignerCheck;
import dev.ngsign.navercert.TrustAnchors;
import dev.ngsign.navercert.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ngsign navercert check-signature}: one saved signature checked offline, no service call.
 */
@Command(
    name = "check-signature",
    mixinStandardHelpOptions = true,
    description = {
      "Check one saved signature offline: it signs the document, it verifies, and its certificate chains to --ca.",
      "Exit 0 when every check holds, 4 if not (failed checks on stderr), 2 on bad input."
    })
final class CheckSignatureCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--signed-data",
      required = true,
      paramLabel = "FILE",
      description = "the CMS SignedData: DER (as verify --save-signatures writes it) or its Base64")
  Path signedData;

  @Option(
      names = "--ca",
      required = true,
      paramLabel = "FILE",
      description = "PEM file of the CA(s) to trust")
  Path ca;

  @ArgGroup(exclusive = true, multiplicity = "1", heading = "The document it must sign, one of:%n")
  Document document;

  @Override
  public Integer call() {
    Verdict v;
    try {
      SignerCheck check = SignerCheck.builder().trustAnchors(TrustAnchors.fromPem(ca)).build();
      v = check.checkSignature(read(signedData), document.token());
    } catch (Exception e) {
      return NavercertCommand.fail(spec, e);
    }
    spec.commandLine().getOut().println(CliJson.write(CliJson.of(v)));
    spec.commandLine().getOut().flush();
    return NavercertCommand.verdictExit(spec, v);
  }

  /** DER as is; a file of Base64 text (what verify prints) decoded. */
  private static byte[] read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new BarocertValidationException(
          "cannot read --signed-data " + file + ": " + e.getMessage());
    }
    if (bytes.length > 0 && bytes[0] == 0x30) {
      return bytes; // DER SEQUENCE
    }
    try {
      return Base64.getMimeDecoder().decode(new String(bytes, StandardCharsets.US_ASCII).trim());
    } catch (IllegalArgumentException e) {
      throw new BarocertValidationException("--signed-data " + file + " is neither DER nor Base64");
    }
  }
}
