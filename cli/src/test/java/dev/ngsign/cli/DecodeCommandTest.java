package dev.ngsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ngsign.ngs.protocol.codec.PacketCodec;
import dev.ngsign.ngs.protocol.crypto.PasswordHash;
import dev.ngsign.ngs.protocol.packet.Cert;
import dev.ngsign.ngs.protocol.packet.NgsVersion;
import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.ReportMessage;
import dev.ngsign.ngs.protocol.packet.Telco;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ngsign decode} on the spec's vectors and on captures made here. */
class DecodeCommandTest {
  static final Path VECTORS = Path.of("..", "ngs-protocol", "src", "test", "resources", "vectors");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  record Run(int exit, String out, String err) {
    JsonNode json() throws Exception {
      return JSON.readTree(out);
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void decodesTheSpecsHexDump() throws Exception {
    Run r = run("decode", VECTORS.resolve("deliver-sms-plain.hex").toString());
    assertThat(r.exit()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("packet").asText()).isEqualTo("DELIVER");
    assertThat(j.get("text").asText()).isEqualTo("SMS 테스트 발송 입니다.");
    assertThat(j.get("serial").asText()).isEqualTo("202112310012345");
    assertThat(j.get("contentViolations")).isEmpty();
  }

  @Test
  void decryptsWithTheSpecsKey() throws Exception {
    Run r =
        run(
            "decode",
            VECTORS.resolve("deliver-sms-encrypted-keypos12.hex").toString(),
            "--key",
            "31a8b1b3f3618da796271c9aa293b3f8");
    assertThat(r.exit()).isZero();
    assertThat(r.json().get("daAddr").asText()).isEqualTo("01020001234");
  }

  @Test
  void decryptsRawBytesWithPasswordAndKeyPosAndReadsSeveralPackets() throws Exception {
    var cipher = PasswordHash.of("pass-123").key(40).bodyCipher();
    Report report =
        new Report(
            0,
            ReportMessage.parse("K2103,TS"),
            "01012345678",
            "S-9",
            "GW000000000001",
            LocalDateTime.of(2026, 11, 24, 9, 30, 0),
            Telco.KT);
    ByteArrayOutputStream capture = new ByteArrayOutputStream();
    capture.write(PacketCodec.toBytes(report, cipher));
    capture.write(PacketCodec.toBytes(report.ack(), cipher));
    Path file = dir.resolve("capture.bin");
    Files.write(file, capture.toByteArray());

    Run r = run("decode", file.toString(), "--password", "pass-123", "--keypos", "40");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j).hasSize(2);
    assertThat(j.get(0).get("message").get("kakaoErrorCode").asText()).isEqualTo("2103");
    assertThat(j.get(0).get("message").get("finalType").asText()).isEqualTo("SMS");
    assertThat(j.get(0).get("sendTime").asText()).isEqualTo("2026-11-24T09:30");
    assertThat(j.get(1).get("packet").asText()).isEqualTo("REPORT_ACK");
  }

  @Test
  void credentialsAreNeverPrintedButCanBeChecked() throws Exception {
    String pwd = PasswordHash.of("pass-123").pwdField(7);
    Path file = dir.resolve("cert.bin");
    Files.write(file, PacketCodec.toBytes(new Cert("myid", pwd, NgsVersion.VERSION, 7)));
    Run r = run("decode", file.toString(), "--password", "pass-123", "--keypos", "7");
    assertThat(r.out()).doesNotContain(pwd).doesNotContain("pass-123");
    assertThat(r.json().get("pwd").asText()).isEqualTo("(108 characters, hidden)");
    assertThat(r.json().get("pwdMatchesPassword").asBoolean()).isTrue();
  }

  @Test
  void badInputExitsNonZeroWithTheReason() throws Exception {
    Path file = dir.resolve("bad.hex");
    Files.writeString(file, "3939 0000 3232 3100 0000 0000 0000");
    Run r = run("decode", file.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("HeadType: '99' is not a packet type of NGS 2.0.1");
  }

  @Test
  void wrongKeyIsReportedNotCrashed() throws Exception {
    Run r =
        run(
            "decode",
            VECTORS.resolve("deliver-sms-encrypted-keypos12.hex").toString(),
            "--password",
            "nope",
            "--keypos",
            "12");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("does not decrypt").doesNotContain("nope");
  }
}
