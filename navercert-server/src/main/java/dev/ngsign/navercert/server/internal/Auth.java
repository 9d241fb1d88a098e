package dev.ngsign.navercert.server.internal;

import static dev.ngsign.navercert.ErrorCodes.*;

import dev.ngsign.navercert.EncryptionMode;
import dev.ngsign.navercert.internal.Hmac;
import dev.ngsign.navercert.internal.Wire;
import dev.ngsign.navercert.internal.WireTime;
import dev.ngsign.navercert.server.Account;
import io.netty.handler.codec.http.HttpHeaders;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every header and signature check of the auth service and the service API, each failing with the
 * code in {@link dev.ngsign.navercert.ErrorCodes}. Messages never echo secrets or signatures.
 */
public final class Auth {
  public static final String LH_VERSION = "2.0";
  public static final String BC_VERSION = "2.1";
  public static final String TOKEN_PATH = "/BAROCERT/Token";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, Account> byLinkId = new LinkedHashMap<>();
  private final Map<String, String> ownerOfClientCode = new LinkedHashMap<>();
  private final Store store;
  private final Clock clock;
  private final Duration tokenTtl;
  private final Duration maxSkew;

  public Auth(
      List<Account> accounts, Store store, Clock clock, Duration tokenTtl, Duration maxSkew) {
    for (Account a : accounts) {
      byLinkId.put(a.linkId(), a);
      for (String cc : a.clientCodes()) {
        ownerOfClientCode.putIfAbsent(cc, a.linkId());
      }
    }
    this.store = store;
    this.clock = clock;
    this.tokenTtl = tokenTtl;
    this.maxSkew = maxSkew;
  }

  /** POST /BAROCERT/Token: checks the LINKHUB signature and issues a session token. */
  public Wire.SessionToken issue(HttpHeaders h, byte[] body) {
    String authz = h.get("Authorization");
    if (authz == null) {
      throw new ApiError(401, AUTH_HEADER_INVALID, "Authorization header is missing");
    }
    String[] parts = authz.trim().split(" ");
    if (parts.length != 3 || !"LINKHUB".equals(parts[0])) {
      throw new ApiError(
          401, AUTH_HEADER_INVALID, "Authorization must be 'LINKHUB {LinkID} {signature}'");
    }
    Account acc = byLinkId.get(parts[1]);
    if (acc == null) {
      throw new ApiError(401, LINK_ID_UNKNOWN, "unknown LinkID");
    }
    if (!LH_VERSION.equals(h.get("x-lh-version"))) {
      throw new ApiError(400, AUTH_VERSION_INVALID, "x-lh-version must be 2.0");
    }
    String date = h.get("x-lh-date");
    checkDate(date, AUTH_DATE_INVALID, "x-lh-date");
    String forwarded = h.get("x-lh-forwarded");
    String expected =
        Hmac.linkhubSignature(acc.keyBytes(), body, date, forwarded, LH_VERSION, TOKEN_PATH);
    if (!Hmac.matches(expected, parts[2])) {
      throw new ApiError(401, AUTH_SIGNATURE_INVALID, "the LINKHUB signature does not match");
    }
    Wire.TokenRequest req = JsonBody.object(body, Wire.TokenRequest.class, "the token request");
    if (req.scope() == null || !req.scope().contains("partner")) {
      throw new ApiError(400, SCOPE_INVALID, "scope must include 'partner'");
    }
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    Instant now = clock.instant();
    Instant exp = now.plus(tokenTtl);
    store.purgeSessions(now.toEpochMilli());
    store.saveSession(new Store.Session(token, acc.linkId(), req.scope(), exp.toEpochMilli()));
    return new Wire.SessionToken(
        token,
        "BAROCERT",
        acc.linkId(),
        acc.clientCodes().get(0),
        forwarded == null ? "*" : forwarded,
        WireTime.BC_DATE.format(exp),
        req.scope());
  }

  /** The account behind a service call, after token, version, scope and client code checks. */
  public Account service(HttpHeaders h, String scope, String clientCode) {
    String authz = h.get("Authorization");
    if (authz == null || authz.isBlank()) {
      throw new ApiError(401, TOKEN_MISSING, "no bearer token (Authorization: Bearer ...)");
    }
    if (!authz.startsWith("Bearer ")) {
      throw new ApiError(401, TOKEN_INVALID, "Authorization must be 'Bearer {session_token}'");
    }
    Store.Session s =
        store
            .session(authz.substring(7).trim())
            .orElseThrow(() -> new ApiError(401, TOKEN_INVALID, "unknown session token"));
    if (s.expiresAt() <= clock.millis()) {
      throw new ApiError(401, TOKEN_EXPIRED, "the session token has expired");
    }
    if (!BC_VERSION.equals(h.get("x-bc-version"))) {
      throw new ApiError(400, BC_VERSION_INVALID, "x-bc-version must be 2.1");
    }
    if (!s.scope().contains(scope)) {
      throw new ApiError(403, SCOPE_DENIED, "the token's scope does not include service " + scope);
    }
    if (clientCode == null || !clientCode.matches("\\d{12}")) {
      throw new ApiError(400, CLIENT_CODE_FORMAT, "clientCode must be exactly 12 digits");
    }
    Account acc = byLinkId.get(s.linkId());
    if (acc == null || !acc.clientCodes().contains(clientCode)) {
      throw new ApiError(
          403,
          CLIENT_CODE_NOT_OWNED,
          "client code " + clientCode + " is not registered to this LinkID");
    }
    return acc;
  }

  /** The POST checks: x-bc-date fresh, encryption mode known, x-bc-auth over body and path. */
  public EncryptionMode post(HttpHeaders h, Account acc, String path, byte[] body) {
    String date = h.get("x-bc-date");
    checkDate(date, BC_DATE_INVALID, "x-bc-date");
    String modeHeader = h.get("x-bc-encryptionmode");
    EncryptionMode mode;
    if (modeHeader == null || modeHeader.isBlank()) {
      mode = EncryptionMode.GCM;
    } else {
      try {
        mode = EncryptionMode.valueOf(modeHeader.trim().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ApiError(400, ENCRYPTION_MODE_INVALID, "x-bc-encryptionmode must be GCM or CBC");
      }
    }
    String expected = Hmac.bcAuth(acc.keyBytes(), body, date, path);
    if (!Hmac.matches(expected, h.get("x-bc-auth"))) {
      throw new ApiError(401, BC_AUTH_INVALID, "x-bc-auth is missing or does not match");
    }
    return mode;
  }

  private void checkDate(String value, long code, String header) {
    Instant t = WireTime.parseUtc(value);
    if (t == null) {
      throw new ApiError(401, code, header + " is missing or malformed");
    }
    Duration skew = Duration.between(t, clock.instant()).abs();
    if (skew.compareTo(maxSkew) > 0) {
      throw new ApiError(
          401, code, header + " is " + skew.toSeconds() + " s away from the server's clock");
    }
  }
}
