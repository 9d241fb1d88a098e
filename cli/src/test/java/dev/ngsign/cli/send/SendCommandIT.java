package dev.ngsign.cli.send;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ngsign.cli.Main;
import dev.ngsign.ngs.gateway.Account;
import dev.ngsign.ngs.gateway.NgsGateway;
import dev.ngsign.ngs.gateway.TestNumbers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ngsign send} against an in-process gateway on 127.0.0.1. */
class SendCommandIT {
  static NgsGateway gateway;
  static String cert;

  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void startGateway() {
    gateway =
        NgsGateway.builder()
            .certInterval(Duration.ZERO)
            .reportDelay(Duration.ZERO)
            .ioThreads(1)
            .account(Account.builder("cli", "cli-password").build())
            .build();
    cert = "127.0.0.1:" + gateway.start().certPort();
  }

  @AfterAll
  static void stopGateway() {
    gateway.close();
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

  static String[] send(String... more) {
    String[] base = {
      "send", "--cert", cert, "--id", "cli", "--password", "cli-password", "--from", "15880000"
    };
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void smsPrintsTheAckAndTheReport() {
    Run r =
        run(
            send(
                "--type",
                "S",
                "--to",
                TestNumbers.DELIVERED_SK,
                "--text",
                "안녕하세요",
                "--wait-report"));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .containsPattern("ACK E_OK \\(0\\) serial=\\S+ to=01000000011")
        .containsPattern("REPORT E_OK \\(0\\) serial=\\S+ gwserial=\\S+ telco=SK");
    assertThat(r.out() + r.err()).doesNotContain("cli-password");
  }

  @Test
  void encryptedMmsWithImagesAsJson() throws Exception {
    Path jpg = dir.resolve("a.jpg");
    byte[] img = new byte[500];
    img[0] = (byte) 0xFF;
    img[1] = (byte) 0xD8;
    img[2] = (byte) 0xFF;
    Files.write(jpg, img);
    Run r =
        run(
            send(
                "--encrypt",
                "--type",
                "M",
                "--to",
                TestNumbers.DELIVERED_KT,
                "--subject",
                "제목",
                "--text",
                "본문",
                "--image",
                jpg.toString(),
                "--image",
                jpg.toString(),
                "--json",
                "--serial",
                "cli-mms-1"));
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.at("/ack/result").asText()).isEqualTo("E_OK");
    assertThat(j.at("/ack/serial").asText()).isEqualTo("cli-mms-1");
    assertThat(gateway.messagesAccepted("cli", "cli-mms-1")).isEqualTo(1);
  }

  @Test
  void alimTalkFallbackIsReportedWithItsFlags() {
    Run r =
        run(
            send(
                "--type",
                "A",
                "--to",
                TestNumbers.kakaoFailure(2103),
                "--text",
                "알림톡",
                "--sender-key",
                "key",
                "--template",
                "tpl",
                "--failover",
                "2",
                "--wait-report"));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("flags=K2103,TS");
  }

  @Test
  void undeliveredReportExitsOne() {
    Run r =
        run(
            send(
                "--type",
                "F",
                "--to",
                TestNumbers.UNKNOWN_SUBSCRIBER,
                "--text",
                "친구톡",
                "--sender-key",
                "k",
                "--wait-report"));
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("not delivered: E_UNKNOWN_SUBSCRIBER");
  }

  @Test
  void invalidInputExitsTwoWithTheReason() {
    Run r = run(send("--type", "S", "--to", TestNumbers.DELIVERED_SK, "--text", "가".repeat(50)));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("TEXT: SMS text is 100 bytes").contains("send it as LMS");
    Run w =
        run(
            send(
                "--type",
                "W",
                "--to",
                TestNumbers.DELIVERED_SK,
                "--text",
                "x",
                "--sender-key",
                "k"));
    assertThat(w.exit()).isEqualTo(2);
    assertThat(w.err()).contains("needs exactly one --image");
  }

  @Test
  void wrongPasswordExitsThree() {
    Run r =
        run(
            "send",
            "--cert",
            cert,
            "--id",
            "cli",
            "--password",
            "nope-nope",
            "--from",
            "15880000",
            "--type",
            "S",
            "--to",
            TestNumbers.DELIVERED_SK,
            "--text",
            "x");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err())
        .contains(
            "ngsign send: the NGS cert server refused the login (cert server " + cert + " as cli)")
        .contains("E_AUTH_FAIL")
        .contains("check the account ID and its password")
        .doesNotContain("nope-nope");
    assertThat(r.err().lines()).hasSize(2);
  }

  @Test
  void anUnreachableCertServerIsTwoLinesAndExitsThree() throws Exception {
    int closed;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort(); // free once closed: nothing listens there
    }
    Run r =
        run(
            "send",
            "--cert",
            "127.0.0.1:" + closed,
            "--id",
            "cli",
            "--password",
            "pw",
            "--from",
            "15880000",
            "--type",
            "S",
            "--to",
            TestNumbers.DELIVERED_SK,
            "--text",
            "x");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err())
        .startsWith(
            "ngsign send: cannot reach the NGS cert server (cert server 127.0.0.1:" + closed)
        .contains("check the cert server's host and port")
        .doesNotContain("\tat ");
    assertThat(r.err().lines()).hasSize(2);
  }

  /** Every MSGTYPE the protocol has, through {@code --type}, accepted by the gateway. */
  @org.junit.jupiter.params.ParameterizedTest(name = "--type {0}")
  @org.junit.jupiter.params.provider.EnumSource(dev.ngsign.ngs.protocol.packet.MessageType.class)
  void sendTakesEveryMessageType(dev.ngsign.ngs.protocol.packet.MessageType type) throws Exception {
    Path jpg = dir.resolve("p.jpg");
    byte[] img = new byte[500];
    img[0] = (byte) 0xFF;
    img[1] = (byte) 0xD8;
    img[2] = (byte) 0xFF;
    Files.write(jpg, img);
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                send(
                    "--type",
                    type.code(),
                    "--to",
                    type.isInternational() ? "2025550123" : TestNumbers.DELIVERED_SK,
                    "--text",
                    "본문 " + type,
                    "--serial",
                    "cli-type-" + type.ordinal())));
    if (type.isInternational()) {
      args.addAll(java.util.List.of("--nat-code", "1"));
    }
    if (type.isKakao()) {
      args.addAll(java.util.List.of("--sender-key", "cf1060fa976a7875eafae84083649af24f6ad3db"));
    }
    if (type == dev.ngsign.ngs.protocol.packet.MessageType.ALIMTALK
        || type == dev.ngsign.ngs.protocol.packet.MessageType.ALIMTALK_IMAGE) {
      args.addAll(java.util.List.of("--template", "tpl_01"));
    }
    if (type.isLongMessage() && !type.isKakao()) {
      args.addAll(java.util.List.of("--subject", "제목"));
    }
    boolean needsImage =
        switch (type) {
          case MMS, INTL_MMS, ALIMTALK_IMAGE, FRIENDTALK_IMAGE, FRIENDTALK_WIDE -> true;
          default -> false;
        };
    if (needsImage) {
      args.addAll(java.util.List.of("--image", jpg.toString()));
    }
    Run r = run(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("ACK E_OK");
    assertThat(gateway.messagesAccepted("cli", "cli-type-" + type.ordinal())).isEqualTo(1);
  }
}
