package dev.ngsign.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.agent.ConsolePassword;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ngsign agent console-password} and {@code ngsign demo --keep-running}: the demo, in a
 * child JVM as a user starts it, leaves the console up behind the printed password until it is
 * stopped the way Ctrl-C stops it (SIGTERM runs the same shutdown hook).
 */
class ConsoleCommandsIT {
  private static final Pattern CONSOLE =
      Pattern.compile("^console http://127\\.0\\.0\\.1:(\\d+)/$");
  private static final Pattern PASSWORD = Pattern.compile("the password (\\S+) \\(generated");

  @TempDir Path dir;

  @Test
  void console_password_prints_a_hash_of_the_password_read_from_stdin() {
    InputStream stdin = System.in;
    try {
      System.setIn(
          new ByteArrayInputStream("night shift password\n".getBytes(StandardCharsets.UTF_8)));
      AgentCommandsIT.Run r = AgentCommandsIT.run("agent", "console-password");
      assertThat(r.exit()).as(r.err()).isZero();
      String hash = r.out().strip();
      assertThat(hash).startsWith("pbkdf2-sha256$600000$").doesNotContain("night shift");
      assertThat(ConsolePassword.matches("night shift password".toCharArray(), hash)).isTrue();
      assertThat(r.err()).contains("password-hash").doesNotContain("night shift");

      System.setIn(new ByteArrayInputStream("short\n".getBytes(StandardCharsets.UTF_8)));
      AgentCommandsIT.Run bad = AgentCommandsIT.run("agent", "console-password");
      assertThat(bad.exit()).isEqualTo(2);
      assertThat(bad.out()).isEmpty();
      assertThat(bad.err()).contains("at least 12").doesNotContain("short");
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void console_port_without_keep_running_is_a_usage_error() {
    AgentCommandsIT.Run r = AgentCommandsIT.run("demo", "--console-port", "9999");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--console-port needs --keep-running");
  }

  @Test
  void demo_keep_running_serves_the_console_behind_the_printed_password_until_stopped()
      throws Exception {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    "dev.ngsign.cli.Main",
                    "demo",
                    "--keep-running",
                    "--data-dir",
                    dir.toString()))
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      CompletableFuture<String[]> found =
          CompletableFuture.supplyAsync(
              () -> {
                String port = null;
                try {
                  for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher c = CONSOLE.matcher(line);
                    if (c.matches()) {
                      port = c.group(1);
                    }
                    Matcher m = PASSWORD.matcher(line);
                    if (port != null && m.find()) {
                      return new String[] {port, m.group(1)};
                    }
                  }
                } catch (java.io.IOException e) {
                  throw new IllegalStateException(e);
                }
                throw new IllegalStateException("the demo ended without printing the console");
              });
      String[] portAndPassword = found.get(180, TimeUnit.SECONDS);
      String base = "http://127.0.0.1:" + portAndPassword[0];
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> refused = login(http, base, "not the password");
      assertThat(refused.statusCode()).isEqualTo(401);
      HttpResponse<String> ok = login(http, base, portAndPassword[1]);
      assertThat(ok.statusCode()).isEqualTo(303);
      String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/")).header("Cookie", cookie).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("data-account=\"demo\"");

      p.destroy(); // SIGTERM: the shutdown hook stops the agent and the gateway, as Ctrl-C does
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
  }

  private static HttpResponse<String> login(HttpClient http, String base, String password)
      throws Exception {
    String form = "operator=ci&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    return http.send(
        HttpRequest.newBuilder(URI.create(base + "/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Origin", base)
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
