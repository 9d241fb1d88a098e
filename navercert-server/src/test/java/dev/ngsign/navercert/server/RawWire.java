package dev.ngsign.navercert.server;

import dev.ngsign.navercert.EncryptionMode;
import dev.ngsign.navercert.internal.FieldCipher;
import dev.ngsign.navercert.internal.Hmac;
import dev.ngsign.navercert.internal.Json;
import dev.ngsign.navercert.internal.Wire;
import dev.ngsign.navercert.internal.WireTime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Hand-made wire calls, for the cases a well-behaved SDK cannot produce: bad signatures, stale
 * dates, narrowed scopes, foreign client codes, server-side validation.
 */
final class RawWire {
  record Reply(int status, Wire.Error error, String body) {}

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;
  private final Clock clock;

  RawWire(String base, Clock clock) {
    this.base = base;
    this.clock = clock;
  }

  Reply token(String linkId, String secret, List<String> scope, Instant date, String sigOverride) {
    byte[] body = Json.write(new Wire.TokenRequest(null, scope));
    String d = WireTime.LH_DATE.format(date);
    String sig =
        sigOverride != null
            ? sigOverride
            : Hmac.linkhubSignature(
                Base64.getDecoder().decode(secret), body, d, null, "2.0", "/BAROCERT/Token");
    return send(
        "POST",
        "/BAROCERT/Token",
        Map.of(
            "x-lh-date",
            d,
            "x-lh-version",
            "2.0",
            "Authorization",
            "LINKHUB " + linkId + " " + sig),
        body);
  }

  String sessionToken(String linkId, String secret, List<String> scope) {
    Reply r = token(linkId, secret, scope, clock.instant(), null);
    if (r.status() != 200) {
      throw new IllegalStateException("token: " + r.body());
    }
    try {
      return Json.read(r.body().getBytes(StandardCharsets.UTF_8), Wire.SessionToken.class)
          .session_token();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A signed service POST; bcAuthOverride/dateOverride replace the computed values when non-null.
   */
  Reply post(
      String token, String secret, String path, byte[] body, Instant date, String bcAuthOverride) {
    String d = WireTime.BC_DATE.format(date);
    String auth =
        bcAuthOverride != null
            ? bcAuthOverride
            : Hmac.bcAuth(Base64.getDecoder().decode(secret), body, d, path);
    return send(
        "POST",
        path,
        Map.of(
            "Authorization",
            "Bearer " + token,
            "x-bc-date",
            d,
            "x-bc-version",
            "2.1",
            "x-bc-auth",
            auth,
            "x-bc-encryptionmode",
            "GCM",
            "Content-Type",
            "application/json; charset=utf8"),
        body);
  }

  Reply get(String token, String path) {
    return send(
        "GET", path, Map.of("Authorization", "Bearer " + token, "x-bc-version", "2.1"), null);
  }

  /** A MultiSign body with every field encrypted under {@code secret}; phone as given. */
  static byte[] multiSignBody(String secret, String phone) {
    byte[] key = Base64.getDecoder().decode(secret);
    java.util.function.Function<String, String> e =
        v -> FieldCipher.encrypt(EncryptionMode.GCM, key, v);
    return Json.write(
        new Wire.MultiSignRequest(
            e.apply(phone),
            e.apply("홍길동"),
            e.apply("19700101"),
            "제목",
            e.apply("메시지"),
            "1600-9854",
            300,
            null,
            null,
            false,
            List.of(new Wire.Token(e.apply("문서"), "TEXT"))));
  }

  Reply send(String method, String path, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    headers.forEach(b::header);
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      Wire.Error err = null;
      if (r.statusCode() != 200) {
        err = Json.read(r.body().getBytes(StandardCharsets.UTF_8), Wire.Error.class);
      }
      return new Reply(r.statusCode(), err, r.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
