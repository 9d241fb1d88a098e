package dev.ngsign.navercert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Deliverable 2: every rule, checked when the request is built, with a clear message. */
class MultiSignTest {

  static MultiSign.Builder valid() {
    return MultiSign.builder()
        .receiverHP("01012341234")
        .receiverName("홍길동")
        .receiverBirthday("19700101")
        .reqTitle("제목")
        .reqMessage("메시지")
        .callCenterNum("1600-9854")
        .expireIn(300)
        .addToken(Token.text("문서"));
  }

  static Stream<Arguments> broken() {
    return Stream.of(
        rule(
            "phone too short",
            b -> b.receiverHP("0101234"),
            "receiverHP must be a mobile number of exactly 11 digits",
            ErrorCodes.PHONE_LENGTH),
        rule(
            "phone letters",
            b -> b.receiverHP("0101234abcd"),
            "receiverHP must be a mobile number of exactly 11 digits",
            ErrorCodes.PHONE_LENGTH),
        rule(
            "phone with dots",
            b -> b.receiverHP("010.1234.1234"),
            "also accept it with hyphens or spaces",
            ErrorCodes.PHONE_LENGTH),
        rule(
            "phone missing",
            b -> b.receiverHP(null),
            "receiverHP is required",
            ErrorCodes.PHONE_MISSING),
        rule(
            "name missing",
            b -> b.receiverName(" "),
            "receiverName is required",
            ErrorCodes.NAME_MISSING),
        rule("name > 80", b -> b.receiverName("가".repeat(81)), "1 to 80", ErrorCodes.NAME_TOO_LONG),
        rule(
            "birthday format",
            b -> b.receiverBirthday("1970-01-01"),
            "8 digits, yyyyMMdd",
            ErrorCodes.BIRTHDAY_FORMAT),
        rule(
            "birthday not a date",
            b -> b.receiverBirthday("19700230"),
            "real date",
            ErrorCodes.BIRTHDAY_FORMAT),
        rule(
            "birthday 13th month",
            b -> b.receiverBirthday("19701301"),
            "real date",
            ErrorCodes.BIRTHDAY_FORMAT),
        rule(
            "title > 40",
            b -> b.reqTitle("x".repeat(41)),
            "reqTitle must be 1 to 40",
            ErrorCodes.TITLE_INVALID),
        rule(
            "title missing",
            b -> b.reqTitle(null),
            "reqTitle is required",
            ErrorCodes.TITLE_INVALID),
        rule(
            "message > 500",
            b -> b.reqMessage("x".repeat(501)),
            "1 to 500",
            ErrorCodes.MESSAGE_INVALID),
        rule(
            "call centre > 12",
            b -> b.callCenterNum("1234567890123"),
            "1 to 12",
            ErrorCodes.CALL_CENTER_INVALID),
        rule(
            "expireIn 0", b -> b.expireIn(0), "between 1 and 1000", ErrorCodes.EXPIRE_IN_TOO_SHORT),
        rule(
            "expireIn 1001",
            b -> b.expireIn(1001),
            "between 1 and 1000",
            ErrorCodes.EXPIRE_IN_TOO_LONG),
        rule(
            "no tokens",
            b -> b.tokens(java.util.List.of()),
            "at least one token",
            ErrorCodes.TOKEN_MISSING_DOC),
        rule(
            "51 tokens",
            b -> {
              for (int i = 0; i < 50; i++) {
                b.addToken(Token.text("d" + i));
              }
            },
            "at most 50 tokens",
            ErrorCodes.TOKEN_COUNT),
        rule(
            "app-to-app without OS",
            b -> b.appToApp(null, "myapp://x"),
            "deviceOSType",
            ErrorCodes.DEVICE_OS_INVALID),
        rule(
            "app-to-app https",
            b -> b.appToApp(DeviceOSType.ANDROID, "https://partner.example/back"),
            "not http/https",
            ErrorCodes.RETURN_URL_WEB),
        rule(
            "app-to-app no URL",
            b -> b.appToApp(DeviceOSType.IOS, null),
            "returnURL",
            ErrorCodes.RETURN_URL_MISSING));
  }

  private static Arguments rule(
      String name, Consumer<MultiSign.Builder> breakIt, String message, long code) {
    return Arguments.of(name, breakIt, message, code);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("broken")
  void each_rule_is_enforced_with_a_clear_message(
      String name, Consumer<MultiSign.Builder> breakIt, String message, long code) {
    MultiSign.Builder b = valid();
    breakIt.accept(b);
    assertThatThrownBy(b::build)
        .isInstanceOf(BarocertValidationException.class)
        .hasMessageContaining(message)
        .satisfies(
            e -> {
              BarocertValidationException v = (BarocertValidationException) e;
              assertThat(v.rule()).hasValue(code);
              assertThat(v.getMessage()).doesNotContain("홍길동", "01012341234");
            });
  }

  @Test
  void limits_themselves_are_accepted() {
    MultiSign m =
        valid()
            .receiverName("가".repeat(80))
            .reqTitle("x".repeat(40))
            .reqMessage("x".repeat(500))
            .callCenterNum("123456789012")
            .expireIn(1000)
            .receiverHP("010-1234-1234")
            .receiverBirthday("20000229")
            .appToApp(DeviceOSType.ANDROID, "myapp://signed")
            .build();
    assertThat(m.receiverHP()).isEqualTo("01012341234");
    MultiSign.Builder fifty = valid();
    for (int i = 0; i < 49; i++) {
      fifty.addToken(Token.text("d" + i));
    }
    assertThat(fifty.build().tokens()).hasSize(50);
    assertThat(valid().expireIn(1).build().expireIn()).isEqualTo(1);
  }

  @Test
  void tokens_are_checked_too() {
    assertThatThrownBy(() -> Token.text("")).isInstanceOf(BarocertValidationException.class);
    assertThatThrownBy(() -> Token.text("x".repeat(2801))).hasMessageContaining("2800");
    assertThat(Token.text("x".repeat(2800)).token()).hasSize(2800);
    assertThatThrownBy(() -> TokenType.parse("DOC")).hasMessageContaining("unknown token type");
    // HASH and PDF: a SHA-256 in Base64url without padding, and the message says exactly that
    String sha = "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0";
    assertThat(Token.hash(sha).digest()).hasSize(32);
    for (String bad :
        new String[] {
          sha + "=",
          sha.substring(1),
          sha.replace('-', '+'),
          "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa1",
          "abc"
        }) {
      assertThatThrownBy(() -> Token.hash(bad))
          .isInstanceOf(BarocertValidationException.class)
          .hasMessageContaining("SHA-256 in Base64url without padding: exactly 43 characters")
          .satisfies(
              e ->
                  assertThat(((BarocertValidationException) e).rule())
                      .hasValue(ErrorCodes.TOKEN_HASH_FORMAT));
    }
    assertThat(TokenType.parse("pdf")).isEqualTo(TokenType.PDF);
  }

  @Test
  void pdf_tokens_are_hashed_sha256_base64url_without_padding(@TempDir Path dir) throws Exception {
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
    assertThat(Token.pdf(abc))
        .isEqualTo(new Token(TokenType.PDF, "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0"));
    Path f = dir.resolve("contract.pdf");
    Files.write(f, abc);
    assertThat(Token.pdf(f).token()).isEqualTo("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
  }

  @Test
  void to_string_hides_personal_data_message_and_tokens() {
    MultiSign m =
        valid().reqMessage("비밀 메시지").tokens(java.util.List.of(Token.text("계약 본문"))).build();
    assertThat(m.toString())
        .doesNotContain("홍길동", "01012341234", "19700101", "비밀 메시지", "계약 본문")
        .contains("제목");
  }

  @Test
  void states_round_trip_their_codes() {
    for (SignState s : SignState.values()) {
      assertThat(SignState.fromCode(s.code())).isSameAs(s);
    }
    assertThat(SignState.DONE.code()).isEqualTo(1);
    assertThat(SignState.REFUSED.code()).isEqualTo(3);
    assertThatThrownBy(() -> SignState.fromCode(9)).isInstanceOf(IllegalArgumentException.class);
  }
}
