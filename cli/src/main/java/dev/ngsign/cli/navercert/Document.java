package dev.ngsign.cli.navercert;

import dev.ngsign.navercert.Token;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * One document on the command line, as an exclusive picocli group so that repeated documents keep
 * their command-line order (the order the person signs them in, and verify checks them in).
 */
final class Document {
  @Option(names = "--text", required = true, paramLabel = "TEXT", description = "a TEXT document")
  String text;

  @Option(
      names = "--hash",
      required = true,
      paramLabel = "SHA256",
      description = "a HASH document: its SHA-256 in Base64url without padding (43 characters)")
  String hash;

  @Option(
      names = "--pdf",
      required = true,
      paramLabel = "FILE",
      description = "a PDF file, hashed here (SHA-256)")
  Path pdf;

  Token token() {
    if (text != null) {
      return Token.text(text);
    }
    if (hash != null) {
      return Token.hash(hash);
    }
    return Token.pdf(pdf);
  }
}
