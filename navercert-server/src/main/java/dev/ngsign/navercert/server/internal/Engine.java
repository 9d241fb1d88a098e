package dev.ngsign.navercert.server.internal;

import static dev.ngsign.navercert.ErrorCodes.*;

import dev.ngsign.navercert.BarocertValidationException;
import dev.ngsign.navercert.DeviceOSType;
import dev.ngsign.navercert.EncryptionMode;
import dev.ngsign.navercert.SignState;
import dev.ngsign.navercert.TokenType;
import dev.ngsign.navercert.internal.Checks;
import dev.ngsign.navercert.internal.FieldCipher;
import dev.ngsign.navercert.internal.Masking;
import dev.ngsign.navercert.internal.Wire;
import dev.ngsign.navercert.internal.WireTime;
import dev.ngsign.navercert.server.Account;
import dev.ngsign.navercert.server.PendingRequest;
import dev.ngsign.navercert.server.SignerProfile;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's rules, free of HTTP: request intake (decrypt + validate), status with expiry,
 * verify once and only when done and unexpired, and the signer's actions. Logs receipt IDs and
 * counts, never personal data.
 */
public final class Engine {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final DateTimeFormatter RECEIPT_PREFIX =
      DateTimeFormatter.ofPattern("yyMMddHHmmss", Locale.ROOT).withZone(WireTime.KST);

  /** The three request kinds and their path segment and scope. */
  public enum Kind {
    MULTI("MultiSign", "422"),
    SIGN("Sign", "422"),
    IDENTITY("Identity", "421");

    public final String segment;
    public final String scope;

    Kind(String segment, String scope) {
      this.segment = segment;
      this.scope = scope;
    }

    public static Kind ofSegment(String s) {
      for (Kind k : values()) {
        if (k.segment.equals(s)) {
          return k;
        }
      }
      return null;
    }
  }

  public static final String CALL_CENTER_NAME = "ngsign 시뮬레이터";

  private final Store store;
  private final SimulatorCa ca;
  private final Clock clock;
  private final String baseUrl;

  public Engine(Store store, SimulatorCa ca, Clock clock, String baseUrl) {
    this.store = store;
    this.ca = ca;
    this.clock = clock;
    this.baseUrl = baseUrl;
  }

  public Clock clock() {
    return clock;
  }

  // ------------------------------------------------------------------ intake

  public Wire.Receipt requestMulti(
      Account acc, String clientCode, Wire.MultiSignRequest w, EncryptionMode mode) {
    Decryptor d = new Decryptor(acc, mode);
    return validated(
        () -> {
          List<Wire.Token> toks = w.tokens() == null ? List.of() : w.tokens();
          Checks.tokenCount(toks.size());
          List<StoredRequest.Doc> docs = new ArrayList<>();
          for (int i = 0; i < toks.size(); i++) {
            Wire.Token t = toks.get(i);
            TokenType type = TokenType.parse(t == null ? null : t.tokenType());
            String token = Checks.token(i, type, d.dec(t.token()));
            docs.add(new StoredRequest.Doc(type.name(), token));
          }
          return intake(
              Kind.MULTI,
              acc,
              clientCode,
              d.dec(w.receiverHP()),
              d.dec(w.receiverName()),
              d.dec(w.receiverBirthday()),
              Checks.title(w.reqTitle()),
              Checks.message(d.dec(w.reqMessage())),
              w.callCenterNum(),
              w.expireIn(),
              Boolean.TRUE.equals(w.appUseYN()),
              w.deviceOSType(),
              w.returnURL(),
              docs);
        });
  }

  public Wire.Receipt requestSign(
      Account acc, String clientCode, Wire.SignRequest w, EncryptionMode mode) {
    Decryptor d = new Decryptor(acc, mode);
    return validated(
        () -> {
          TokenType type = TokenType.parse(w.tokenType());
          String token = Checks.token(0, type, d.dec(w.token()));
          return intake(
              Kind.SIGN,
              acc,
              clientCode,
              d.dec(w.receiverHP()),
              d.dec(w.receiverName()),
              d.dec(w.receiverBirthday()),
              Checks.title(w.reqTitle()),
              Checks.message(d.dec(w.reqMessage())),
              w.callCenterNum(),
              w.expireIn(),
              Boolean.TRUE.equals(w.appUseYN()),
              w.deviceOSType(),
              w.returnURL(),
              List.of(new StoredRequest.Doc(type.name(), token)));
        });
  }

  public Wire.Receipt requestIdentity(
      Account acc, String clientCode, Wire.IdentityRequest w, EncryptionMode mode) {
    Decryptor d = new Decryptor(acc, mode);
    return validated(
        () ->
            intake(
                Kind.IDENTITY,
                acc,
                clientCode,
                d.dec(w.receiverHP()),
                d.dec(w.receiverName()),
                d.dec(w.receiverBirthday()),
                "본인인증",
                null,
                w.callCenterNum(),
                w.expireIn(),
                Boolean.TRUE.equals(w.appUseYN()),
                w.deviceOSType(),
                w.returnURL(),
                List.of()));
  }

  private Wire.Receipt intake(
      Kind kind,
      Account acc,
      String clientCode,
      String hp,
      String name,
      String birthday,
      String title,
      String message,
      String callCenterNum,
      Integer expireIn,
      boolean appUse,
      String deviceOs,
      String returnUrl,
      List<StoredRequest.Doc> docs) {
    Checks.phone(hp);
    Checks.name(name);
    Checks.birthday(birthday);
    Checks.callCenterNum(callCenterNum);
    int exp = Checks.expireIn(expireIn);
    String os = null;
    if (appUse) {
      if (deviceOs == null || deviceOs.isBlank()) {
        throw new BarocertValidationException(
            "deviceOSType (ANDROID or IOS) is required for app-to-app signing", DEVICE_OS_INVALID);
      }
      os = DeviceOSType.parse(deviceOs).name();
      Checks.returnUrl(returnUrl);
    } else if (returnUrl != null && !returnUrl.isEmpty()) {
      Checks.returnUrl(returnUrl);
    }
    Instant now = clock.instant();
    long created = now.toEpochMilli();
    long expireAt = created + exp * 1000L;
    while (true) {
      String rid = newReceiptId(now);
      StoredRequest r =
          new StoredRequest(
              rid,
              kind.name(),
              clientCode,
              acc.linkId(),
              SignState.WAITING.code(),
              exp,
              created,
              expireAt,
              title,
              message,
              callCenterNum,
              returnUrl == null || returnUrl.isEmpty() ? null : returnUrl,
              os,
              appUse,
              name,
              hp,
              birthday,
              docs,
              false,
              List.of(),
              null,
              null,
              null,
              null);
      if (store.insert(r)) {
        LOG.info(
            "{} request {} for client {} ({} document(s), expires in {} s)",
            kind.segment,
            rid,
            clientCode,
            docs.size(),
            exp);
        return appUse
            ? new Wire.Receipt(rid, scheme(rid), baseUrl + "/app")
            : new Wire.Receipt(rid, null, null);
      }
    }
  }

  private static String scheme(String rid) {
    return "navercert-sim://sign?receiptID=" + rid;
  }

  private static String newReceiptId(Instant now) {
    StringBuilder sb = new StringBuilder(RECEIPT_PREFIX.format(now));
    while (sb.length() < Checks.RECEIPT_ID_LENGTH) {
      sb.append(RANDOM.nextInt(10));
    }
    return sb.toString();
  }

  private interface Intake {
    Wire.Receipt run();
  }

  private static Wire.Receipt validated(Intake i) {
    try {
      return i.run();
    } catch (BarocertValidationException e) {
      throw new ApiError(400, e.rule().orElse(BAD_REQUEST_BODY), e.getMessage());
    }
  }

  /** Decrypts fields under the account's key; missing fields become "" for the checks. */
  private static final class Decryptor {
    private final byte[] key;
    private final EncryptionMode mode;

    Decryptor(Account acc, EncryptionMode mode) {
      this.key = acc.keyBytes();
      this.mode = mode;
    }

    String dec(String cipher) {
      if (cipher == null || cipher.isEmpty()) {
        return "";
      }
      try {
        return FieldCipher.decrypt(mode, key, cipher);
      } catch (GeneralSecurityException e) {
        throw new ApiError(
            400,
            DECRYPT_FAILED,
            "an encrypted field cannot be decrypted with this LinkID's SecretKey in "
                + mode
                + " mode");
      }
    }
  }

  // ------------------------------------------------------------------ status / verify

  public Wire.Status status(Kind kind, String clientCode, String receiptId) {
    StoredRequest r = load(kind, clientCode, receiptId);
    return new Wire.Status(
        r.receiptId(),
        r.clientCode(),
        r.state(),
        r.expireIn(),
        CALL_CENTER_NAME,
        r.callCenterNum(),
        kind == Kind.IDENTITY ? null : r.reqTitle(),
        r.returnUrl(),
        kind == Kind.MULTI ? r.docs().stream().map(StoredRequest.Doc::tokenType).toList() : null,
        kind == Kind.SIGN ? r.docs().get(0).tokenType() : null,
        WireTime.EXPIRE_DT.format(Instant.ofEpochMilli(r.expireAt())),
        r.appUse() ? scheme(r.receiptId()) : null,
        r.deviceOs(),
        r.appUse());
  }

  public Wire.Result verify(
      Kind kind, Account acc, String clientCode, String receiptId, EncryptionMode mode) {
    StoredRequest loaded = load(kind, clientCode, receiptId);
    long now = clock.millis();
    if (!store.markVerified(receiptId, now)) {
      StoredRequest r = store.find(receiptId).orElseThrow();
      if (r.verified()) {
        throw new ApiError(
            400, ALREADY_VERIFIED, "this signature was already verified (verify is allowed once)");
      }
      switch (r.state()) {
        case 0:
          throw new ApiError(400, NOT_COMPLETED, "the person has not signed yet");
        case 2:
          throw new ApiError(400, EXPIRED, "the request expired before it was signed");
        case 3:
          throw new ApiError(400, REFUSED, "the person refused to sign");
        case 4:
          throw new ApiError(400, FAILED, "the signature failed");
        default:
          throw new ApiError(400, EXPIRED, "verify is not allowed after expireDT");
      }
    }
    // signatures and profile are final once DONE: reuse the row unless it was read before signing
    StoredRequest r =
        loaded.state() == SignState.DONE.code() ? loaded : store.find(receiptId).orElseThrow();
    LOG.info("{} {} verified for client {}", kind.segment, receiptId, clientCode);
    byte[] key = acc.keyBytes();
    java.util.function.Function<String, String> enc =
        v -> v == null ? null : FieldCipher.encrypt(mode, key, v);
    return new Wire.Result(
        r.receiptId(),
        SignState.DONE.code(),
        kind == Kind.MULTI ? r.signed() : null,
        kind == Kind.MULTI ? null : r.signed().get(0),
        enc.apply(r.ci()),
        enc.apply(r.receiverName()),
        enc.apply(r.receiverBirthday().substring(0, 4)),
        enc.apply(r.receiverBirthday().substring(4, 8)),
        enc.apply(r.receiverHp()),
        enc.apply(r.gender()),
        enc.apply(r.email()),
        enc.apply(r.foreign()));
  }

  private StoredRequest load(Kind kind, String clientCode, String receiptId) {
    if (receiptId == null || !receiptId.matches("\\d{32}")) {
      throw new ApiError(400, RECEIPT_ID_FORMAT, "receiptID must be exactly 32 digits");
    }
    StoredRequest r =
        store
            .find(receiptId)
            .filter(x -> x.clientCode().equals(clientCode) && x.kind().equals(kind.name()))
            .orElseThrow(
                () ->
                    new ApiError(
                        404, RECEIPT_NOT_FOUND, "no such receipt ID for this client code"));
    return applyExpiry(r, clock.millis());
  }

  /** WAITING past expireAt reads (and is stored) as EXPIRED. */
  private StoredRequest applyExpiry(StoredRequest r, long now) {
    if (r.state() == SignState.WAITING.code() && r.expireAt() <= now) {
      store.expireOne(r.receiptId(), now);
      return r.withState(SignState.EXPIRED.code());
    }
    return r;
  }

  // ------------------------------------------------------------------ signer side

  public List<PendingRequest> list(boolean waitingOnly, int limit) {
    store.expire(clock.millis());
    List<StoredRequest> rows =
        waitingOnly ? store.byState(SignState.WAITING.code(), limit) : store.recent(limit);
    return rows.stream().map(Engine::view).toList();
  }

  public PendingRequest get(String receiptId) {
    return view(find(receiptId, clock.millis()));
  }

  private StoredRequest find(String receiptId, long now) {
    return applyExpiry(
        store
            .find(receiptId)
            .orElseThrow(() -> new ApiError(404, RECEIPT_NOT_FOUND, "no such receipt ID")),
        now);
  }

  /** The person signs: CMS SignedData per document, state DONE. */
  public PendingRequest sign(String receiptId, SignerProfile profile) {
    long now = clock.millis();
    StoredRequest r = find(receiptId, now);
    requireWaiting(r);
    List<SimulatorCa.Document> docs = new ArrayList<>();
    if (r.docs().isEmpty()) {
      docs.add(SimulatorCa.Document.text(r.receiptId())); // identity: sign the receipt ID
    } else {
      r.docs()
          .forEach(
              d -> docs.add(SimulatorCa.Document.of(TokenType.parse(d.tokenType()), d.token())));
    }
    String ci = ci(r);
    List<String> signed =
        ca.signAll(ci, r.receiverName(), Instant.ofEpochMilli(now), docs).stream()
            .map(b -> Base64.getEncoder().encodeToString(b))
            .toList();
    if (!store.markSigned(
        receiptId,
        now,
        signed,
        profile.gender(),
        profile.email(),
        profile.foreign() ? "Y" : "N",
        ci)) {
      requireWaiting(store.find(receiptId).orElseThrow());
      throw new ApiError(409, NOT_WAITING, "the request is no longer waiting");
    }
    LOG.info("{} signed ({} document(s))", receiptId, signed.size());
    return view(r.withState(SignState.DONE.code()));
  }

  /** The person refuses (state 3) or the provider fails (state 4). */
  public PendingRequest finish(String receiptId, SignState state) {
    long now = clock.millis();
    StoredRequest r = find(receiptId, now);
    requireWaiting(r);
    if (!store.markFinal(receiptId, state.code(), now)) {
      requireWaiting(store.find(receiptId).orElseThrow());
      throw new ApiError(409, NOT_WAITING, "the request is no longer waiting");
    }
    LOG.info("{} {}", receiptId, state);
    return view(r.withState(state.code()));
  }

  private static void requireWaiting(StoredRequest r) {
    if (r.state() == SignState.EXPIRED.code()) {
      throw new ApiError(409, EXPIRED, "the request has expired");
    }
    if (r.state() != SignState.WAITING.code()) {
      throw new ApiError(
          409,
          NOT_WAITING,
          "the request is no longer waiting (state " + SignState.fromCode(r.state()) + ")");
    }
  }

  /** Simulated CI: Base64(SHA-512(name|birthday|phone)), stable per person like the real one. */
  private static String ci(StoredRequest r) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-512")
              .digest(
                  ("ngsign-ci|"
                          + r.receiverName()
                          + "|"
                          + r.receiverBirthday()
                          + "|"
                          + r.receiverHp())
                      .getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(h);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static PendingRequest view(StoredRequest r) {
    return new PendingRequest(
        r.receiptId(),
        r.clientCode(),
        r.kind(),
        SignState.fromCode(r.state()),
        r.reqTitle(),
        r.reqMessage(),
        r.callCenterNum(),
        maskName(r.receiverName()),
        maskPhone(r.receiverHp()),
        Instant.ofEpochMilli(r.expireAt()),
        r.docs().stream().map(d -> new PendingRequest.Document(d.tokenType(), d.token())).toList());
  }

  static String maskName(String n) {
    return Masking.name(n);
  }

  static String maskPhone(String p) {
    return p.length() == 11 ? Masking.phone(p) : "***";
  }
}
