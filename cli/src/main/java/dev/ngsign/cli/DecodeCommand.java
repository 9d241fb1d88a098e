package dev.ngsign.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ngsign.ngs.protocol.NgsProtocolException;
import dev.ngsign.ngs.protocol.codec.PacketCodec;
import dev.ngsign.ngs.protocol.crypto.BodyCipher;
import dev.ngsign.ngs.protocol.crypto.NgsKey;
import dev.ngsign.ngs.protocol.crypto.PasswordHash;
import dev.ngsign.ngs.protocol.packet.NgsPacket;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ngsign decode}: prints NGS packets from a capture as JSON. */
@Command(
    name = "decode",
    mixinStandardHelpOptions = true,
    description = {
      "Decode NGS 2.0.1 packets (one or many, back to back) and print them as JSON.",
      "Input is raw bytes or a hex dump (whitespace ignored). Encrypted bodies need the session key:",
      "--password with --keypos, or --key (the 32-character key itself, as in the spec's example)."
    })
public final class DecodeCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      paramLabel = "FILE|-",
      description = "capture file, or - for standard input")
  String input;

  @ArgGroup(exclusive = true)
  KeyOptions key;

  static final class KeyOptions {
    @ArgGroup(exclusive = false)
    PasswordKey password;

    @Option(
        names = "--key",
        paramLabel = "KEY",
        description = "the AES key characters (at most 32)")
    String rawKey;
  }

  static final class PasswordKey {
    @Option(
        names = "--password",
        required = true,
        paramLabel = "PW",
        description = "account password")
    String password;

    @Option(
        names = "--keypos",
        required = true,
        paramLabel = "N",
        description = "KEYPOS 0..64 of the BIND")
    int keyPos;
  }

  @Option(
      names = "--max-body",
      paramLabel = "BYTES",
      description = "largest MsgLeng accepted (default: ${DEFAULT-VALUE})")
  int maxBody = PacketCodec.DEFAULT_MAX_BODY_LENGTH;

  @Option(
      names = "--media-data",
      description = "include attachments' bytes (Base64) instead of a preview")
  boolean mediaData;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    byte[] bytes = readInput();
    BodyCipher cipher = null;
    PasswordHash hash = null;
    if (key != null && key.rawKey != null) {
      cipher = NgsKey.ofKeyString(key.rawKey).bodyCipher();
    } else if (key != null && key.password != null) {
      hash = PasswordHash.of(key.password.password);
      cipher = hash.key(key.password.keyPos).bodyCipher();
    }
    List<NgsPacket> packets;
    try {
      packets = PacketCodec.decodeAll(bytes, cipher, maxBody);
    } catch (NgsProtocolException e) {
      err.println("ngsign decode: " + e.getMessage());
      return 2;
    }
    ObjectMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    PacketJson view = new PacketJson(json, mediaData, hash);
    ArrayNode arr = json.createArrayNode();
    packets.forEach(p -> arr.add(view.toJson(p)));
    out.println(json.writeValueAsString(packets.size() == 1 ? arr.get(0) : arr));
    out.flush();
    return 0;
  }

  private byte[] readInput() throws IOException {
    byte[] raw;
    if (input.equals("-")) {
      try (InputStream in = System.in) {
        raw = in.readAllBytes();
      }
    } else {
      raw = Files.readAllBytes(Path.of(input));
    }
    return looksLikeHex(raw)
        ? HexFormat.of().parseHex(new String(raw, StandardCharsets.US_ASCII).replaceAll("\\s+", ""))
        : raw;
  }

  /**
   * A packet always starts with decimal text and NULs, so a file of only hex digits and spaces is a
   * dump.
   */
  static boolean looksLikeHex(byte[] raw) {
    int digits = 0;
    for (byte b : raw) {
      if (Character.digit(b, 16) >= 0) {
        digits++;
      } else if (!Character.isWhitespace(b)) {
        return false;
      }
    }
    return digits > 0 && digits % 2 == 0;
  }
}
