package dev.ngsign.ngs.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The console password hash: matches only its password, salted, and refuses malformed hashes. */
class ConsolePasswordTest {
  @TestFactory
  Stream<DynamicTest> a_hash_matches_its_password_and_no_other() {
    return IntStream.range(0, 8)
        .mapToObj(
            seed ->
                DynamicTest.dynamicTest(
                    "seed " + seed,
                    () -> {
                      Random r = new Random(seed);
                      String pw = randomPassword(r);
                      String hash = ConsolePassword.hash(pw.toCharArray(), 10_000);
                      assertThat(hash).startsWith("pbkdf2-sha256$10000$").doesNotContain(pw);
                      assertThat(ConsolePassword.matches(pw.toCharArray(), hash)).isTrue();
                      // one character changed, one removed, one added: all refused
                      char[] changed = pw.toCharArray();
                      int at = r.nextInt(changed.length);
                      changed[at] = (char) (changed[at] == 'a' ? 'b' : 'a');
                      assertThat(ConsolePassword.matches(changed, hash)).isFalse();
                      assertThat(ConsolePassword.matches(pw.substring(1).toCharArray(), hash))
                          .isFalse();
                      assertThat(ConsolePassword.matches((pw + "x").toCharArray(), hash)).isFalse();
                      // salted: the same password hashes differently each time
                      assertThat(ConsolePassword.hash(pw.toCharArray(), 10_000)).isNotEqualTo(hash);
                    }));
  }

  @Test
  void korean_passwords_work() {
    String pw = "비밀번호는열두글자이상입니다";
    String hash = ConsolePassword.hash(pw.toCharArray(), 10_000);
    assertThat(ConsolePassword.matches(pw.toCharArray(), hash)).isTrue();
    assertThat(ConsolePassword.matches("비밀번호는열두글자이상입니까".toCharArray(), hash)).isFalse();
  }

  @Test
  void short_passwords_and_weak_or_malformed_hashes_are_refused_without_echoing_them() {
    assertThatThrownBy(() -> ConsolePassword.hash("elevenchars".toCharArray()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("at least 12")
        .hasMessageNotContaining("elevenchars");
    assertThatThrownBy(() -> ConsolePassword.checkFormat("hunter2hunter2"))
        .isInstanceOf(ConfigException.class)
        .hasMessageNotContaining("hunter2");
    String weak =
        ConsolePassword.hash("twelve chars".toCharArray(), 10_000).replace("$10000$", "$1000$");
    assertThatThrownBy(() -> ConsolePassword.checkFormat(weak))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("too few");
    assertThatThrownBy(() -> ConsolePassword.checkFormat("pbkdf2-sha256$10000$@@@$@@@"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("base64");
  }

  @Test
  void generated_passwords_are_long_enough_and_differ() {
    String a = ConsolePassword.generate();
    assertThat(a).hasSize(20).matches("[A-Za-z0-9]+");
    assertThat(ConsolePassword.generate()).isNotEqualTo(a);
  }

  private static String randomPassword(Random r) {
    int n = 12 + r.nextInt(30);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append((char) (r.nextBoolean() ? 0x21 + r.nextInt(94) : 0xAC00 + r.nextInt(11172)));
    }
    return sb.toString();
  }
}
