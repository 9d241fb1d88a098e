package dev.ngsign.cli.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ngsign.cli.Main;
import dev.ngsign.ngs.gateway.Account;
import dev.ngsign.ngs.protocol.codec.PacketCodec;
import dev.ngsign.ngs.protocol.crypto.PasswordHash;
import dev.ngsign.ngs.protocol.packet.Bind;
import dev.ngsign.ngs.protocol.packet.BindAck;
import dev.ngsign.ngs.protocol.packet.Cert;
import dev.ngsign.ngs.protocol.packet.CertAck;
import dev.ngsign.ngs.protocol.packet.Event;
import dev.ngsign.ngs.protocol.packet.NgsVersion;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import dev.ngsign.ngs.protocol.packet.SessionMode;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ngsign gateway} in its own JVM: the ready line, a CERT over a real socket, clean SIGTERM.
 */
class GatewayCommandIT {
  @TempDir Path dir;

  @Test
  void startsPrintsReadyAnswersCertAndStopsOnSigterm() throws Exception {
    Process p =
        new ProcessBuilder(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "gateway",
                "--cert-port",
                "0",
                "--deliver-port",
                "0",
                "--report-port",
                "0",
                "--admin-port",
                "0",
                "--account",
                "testid:se:cret:80,30,30",
                "--data-dir",
                dir.toString(),
                "--report-delay-ms",
                "10")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      Matcher m =
          Pattern.compile("^ready cert=(\\d+) deliver=(\\d+) report=(\\d+) admin=(\\d+)$")
              .matcher(line);
      assertThat(m.matches()).as(line).isTrue();
      int certPort = Integer.parseInt(m.group(1));
      try (Socket s = new Socket("127.0.0.1", certPort)) {
        s.setSoTimeout(5_000);
        s.getOutputStream()
            .write(
                PacketCodec.toBytes(
                    new Cert(
                        "testid",
                        PasswordHash.of("se:cret").pwdField(12),
                        NgsVersion.VERSION,
                        12)));
        byte[] frame = new byte[14 + 125];
        new DataInputStream(s.getInputStream()).readFully(frame);
        CertAck ack = (CertAck) PacketCodec.fromBytes(frame);
        assertThat(ack.isOk()).isTrue();
        assertThat(ack.deliverPort()).isEqualTo(Integer.parseInt(m.group(2)));
        try (Socket dlv = new Socket("127.0.0.1", ack.deliverPort())) {
          dlv.setSoTimeout(10_000);
          dlv.getOutputStream()
              .write(
                  PacketCodec.toBytes(
                      new Bind(
                          "testid",
                          PasswordHash.of("se:cret").pwdField(12),
                          ack.certKey(),
                          SessionMode.PLAIN,
                          SessionKind.DELIVER,
                          NgsVersion.VERSION,
                          12)));
          DataInputStream in = new DataInputStream(dlv.getInputStream());
          byte[] bindAck = new byte[14 + 59];
          in.readFully(bindAck);
          assertThat(((BindAck) PacketCodec.fromBytes(bindAck)).isOk()).isTrue();
          p.destroy(); // SIGTERM: the session is told before the gateway stops
          byte[] event = new byte[14 + 90];
          in.readFully(event);
          assertThat(((Event) PacketCodec.fromBytes(event)).data()).startsWith("1016 ");
        }
      }
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(dir.resolve("CURRENT")).as("the store (RocksDB) in the data directory").exists();
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void parsesAccountSpecs() {
    Account a = GatewayCommand.parseAccount("id1:pw:with:colons:10,20,30");
    assertThat(a.id()).isEqualTo("id1");
    assertThat(a.tps()).isEqualTo(new TpsLimits(10, 20, 30));
    assertThat(a.passwordHash()).isEqualTo(PasswordHash.of("pw:with:colons"));
    assertThat(GatewayCommand.parseAccount("id2:pw").tps()).isEqualTo(Account.UNLIMITED);
    assertThatThrownBy(() -> GatewayCommand.parseAccount("nopassword"))
        .hasMessageNotContaining("nopassword:");
    assertThatThrownBy(() -> GatewayCommand.parseAccount("id:"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void zeroConfigNeedsAnAccount() {
    StringWriter err = new StringWriter();
    int code =
        Main.commandLine().setErr(new PrintWriter(err)).execute("gateway", "--cert-port", "0");
    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("--account");
  }

  @Test
  void benchRunsInProcessAndEndsWithMessagesPerSecond() {
    StringWriter out = new StringWriter();
    int code =
        Main.commandLine()
            .setOut(new PrintWriter(out))
            .execute(
                "bench",
                "--in-process",
                "--sessions",
                "2",
                "--window",
                "32",
                "--messages",
                "4000",
                "--max-seconds",
                "60");
    assertThat(code).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(lines.size() - 1)).matches("\\d+ msg/s");
    assertThat(out.toString())
        .contains("warmup=4000 acked=8000") // as many warm-up messages first
        .contains("latency DELIVER->DELIVER_ACK: p50 ");
  }

  @Test
  void configFileWorksToo() throws Exception {
    Path f = dir.resolve("gw.yaml");
    Files.writeString(f, "accounts: [{id: a, password: b}]\nunknownKey: 1\n");
    StringWriter err = new StringWriter();
    int code =
        Main.commandLine()
            .setErr(new PrintWriter(err))
            .execute("gateway", "--config", f.toString());
    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("unknownKey");
  }
}
