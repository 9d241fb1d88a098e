package dev.ngsign.navercert.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.ngsign.navercert.ErrorCodes;
import dev.ngsign.navercert.internal.Hmac;
import dev.ngsign.navercert.internal.WireTime;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Regression (issue 16.7): a JSON body of {@code null}, an array, a scalar or an object with fields
 * of the wrong JSON type, correctly signed, is answered 400 with Barocert's error body on every
 * endpoint that takes JSON — never a 500 with a NullPointerException.
 */
class BadJsonBodyIT {
  private static final List<String> SHAPES =
      List.of(
          "null",
          "[]",
          "[{}]",
          "[null]",
          "\"text\"",
          "42",
          "true",
          "{\"tokens\":\"not a list\"}",
          "{\"tokens\":[1,2]}",
          "{\"expireIn\":\"soon\"}",
          "{\"scope\":{\"a\":1}}",
          "{\"gender\":[\"M\"]}",
          "{",
          "");

  private static NavercertServer server;
  private static RawWire raw;
  private static final Clock CLOCK = Clock.systemUTC();

  @BeforeAll
  static void start() {
    server = Fixtures.server(CLOCK).start();
    raw = new RawWire(server.baseUrl(), CLOCK);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @TestFactory
  Stream<DynamicTest> every_json_endpoint_answers_400_with_the_error_body() {
    String token =
        raw.sessionToken(Fixtures.LINK_ID, Fixtures.SECRET, List.of("partner", "421", "422"));
    List<DynamicTest> tests = new ArrayList<>();
    for (String shape : SHAPES) {
      byte[] body = shape.getBytes(StandardCharsets.UTF_8);
      tests.add(
          dynamicTest("POST /BAROCERT/Token " + shape, () -> assert400(shape, tokenRequest(body))));
      for (String service : List.of("MultiSign", "Sign", "Identity")) {
        String path = "/NAVER/" + service + "/" + Fixtures.CLIENT_CODE;
        tests.add(
            dynamicTest(
                "POST " + path + " " + shape,
                () ->
                    assert400(
                        shape,
                        raw.post(token, Fixtures.SECRET, path, body, CLOCK.instant(), null))));
      }
      if (!shape.isEmpty()) { // an empty body is the operator API's "default profile"
        tests.add(
            dynamicTest(
                "POST /operator/requests/{rid}/sign " + shape,
                () -> {
                  String rid =
                      Fixtures.client(server, CLOCK)
                          .requestMultiSign(Fixtures.CLIENT_CODE, Fixtures.request(1))
                          .execute()
                          .receiptID();
                  assert400(
                      shape,
                      raw.send("POST", "/operator/requests/" + rid + "/sign", Map.of(), body));
                  // the bad body did not sign it
                  assertThat(server.request(rid).state().name()).isEqualTo("WAITING");
                }));
      }
    }
    return tests.stream();
  }

  private static RawWire.Reply tokenRequest(byte[] body) {
    String d = WireTime.LH_DATE.format(CLOCK.instant());
    String sig =
        Hmac.linkhubSignature(
            Base64.getDecoder().decode(Fixtures.SECRET), body, d, null, "2.0", "/BAROCERT/Token");
    return raw.send(
        "POST",
        "/BAROCERT/Token",
        Map.of(
            "x-lh-date",
            d,
            "x-lh-version",
            "2.0",
            "Authorization",
            "LINKHUB " + Fixtures.LINK_ID + " " + sig),
        body);
  }

  /**
   * Not an object: "the body is not the expected JSON". An object with wrong fields may break a
   * rule first.
   */
  private static void assert400(String shape, RawWire.Reply r) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.error()).isNotNull();
    boolean object = shape.startsWith("{") && shape.endsWith("}");
    if (object) {
      assertThat(r.error().code()).as(r.body()).isNegative().isNotEqualTo(ErrorCodes.INTERNAL);
    } else {
      assertThat(r.error().code()).as(r.body()).isEqualTo(ErrorCodes.BAD_REQUEST_BODY);
    }
    assertThat(r.error().message()).isNotBlank().doesNotContain("Exception");
  }
}
