package dev.ngsign.navercert.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ngsign.navercert.BarocertException;
import dev.ngsign.navercert.BarocertServiceException;
import dev.ngsign.navercert.BarocertValidationException;
import dev.ngsign.navercert.DeviceOSType;
import dev.ngsign.navercert.EncryptionMode;
import dev.ngsign.navercert.ErrorCodes;
import dev.ngsign.navercert.MultiSign;
import dev.ngsign.navercert.NavercertClient;
import dev.ngsign.navercert.Receipt;
import dev.ngsign.navercert.RequestStatus;
import dev.ngsign.navercert.Service;
import dev.ngsign.navercert.SignState;
import dev.ngsign.navercert.SignerCheck;
import dev.ngsign.navercert.Token;
import dev.ngsign.navercert.TokenType;
import dev.ngsign.navercert.TrustAnchors;
import dev.ngsign.navercert.Verdict;
import dev.ngsign.navercert.VerifyResult;
import dev.ngsign.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SDK ↔ simulator over real HTTP on 127.0.0.1: every rule of the issue, end to end. */
class EndToEndIT {
  private MutableClock clock;
  private NavercertServer server;
  private NavercertClient client;
  private RawWire raw;

  @BeforeEach
  void start() {
    clock = MutableClock.startingNow();
    server = Fixtures.server(clock).start();
    client = Fixtures.client(server, clock);
    raw = new RawWire(server.baseUrl(), clock);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void done_then_verify_returns_decrypted_person_and_verifiable_cms_per_document()
      throws Exception {
    MultiSign req = Fixtures.request(3);
    Receipt receipt = client.requestMultiSign(Fixtures.CLIENT_CODE, req).execute();
    assertThat(receipt.receiptID()).matches("\\d{32}");
    assertThat(receipt.scheme()).isNull();

    RequestStatus waiting =
        client.getMultiSignStatus(Fixtures.CLIENT_CODE, receipt.receiptID()).execute();
    assertThat(waiting.state()).isEqualTo(SignState.WAITING);
    assertThat(waiting.tokenTypes())
        .containsExactly(TokenType.TEXT, TokenType.TEXT, TokenType.TEXT);
    assertThat(waiting.expireIn()).isEqualTo(300);
    assertThat(Duration.between(clock.instant(), waiting.expireDT()).toSeconds())
        .isBetween(298L, 300L);
    assertThat(waiting.reqTitle()).isEqualTo("전자서명(복수) 요청");

    assertThat(server.pending())
        .extracting(PendingRequest::receiptID)
        .contains(receipt.receiptID());
    PendingRequest seen = server.request(receipt.receiptID());
    assertThat(seen.maskedName()).isEqualTo("홍*동");
    assertThat(seen.documents().get(0).token()).isEqualTo(req.tokens().get(0).token());

    server.sign(receipt.receiptID(), new SignerProfile("F", "hong@example.com", false));
    assertThat(
            client.getMultiSignStatus(Fixtures.CLIENT_CODE, receipt.receiptID()).execute().state())
        .isEqualTo(SignState.DONE);

    VerifyResult result =
        client.verifyMultiSign(Fixtures.CLIENT_CODE, receipt.receiptID()).execute();
    assertThat(result.state()).isEqualTo(SignState.DONE);
    assertThat(result.receiverName()).isEqualTo("홍길동");
    assertThat(result.receiverHP()).isEqualTo("01012341234");
    assertThat(result.receiverYear()).isEqualTo("1970");
    assertThat(result.receiverDay()).isEqualTo("0101");
    assertThat(result.receiverGender()).isEqualTo("F");
    assertThat(result.receiverEmail()).isEqualTo("hong@example.com");
    assertThat(result.receiverForeign()).isEqualTo("N");
    assertThat(result.ci()).isNotBlank();
    assertThat(result.toString()).doesNotContain("홍길동", "01012341234");
    assertThat(result.signedData()).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertVerifiableCms(result.signedDataDer(i), req.tokens().get(i).token());
    }
  }

  @Test
  void fifty_documents_of_2800_korean_characters_each() throws Exception {
    MultiSign.Builder b =
        MultiSign.builder()
            .receiverHP("01012341234")
            .receiverName("가".repeat(80))
            .receiverBirthday("19700101")
            .reqTitle("가".repeat(40))
            .reqMessage("나".repeat(500))
            .callCenterNum("1600-9854-12")
            .expireIn(1000);
    for (int i = 0; i < 50; i++) {
      b.addToken(Token.text(String.valueOf((char) ('가' + i)).repeat(2800)));
    }
    MultiSign req = b.build();
    String rid = client.requestMultiSign(Fixtures.CLIENT_CODE, req).execute().receiptID();
    assertThat(client.getMultiSignStatus(Fixtures.CLIENT_CODE, rid).execute().tokenTypes())
        .hasSize(50);
    server.sign(rid);
    VerifyResult result = client.verifyMultiSign(Fixtures.CLIENT_CODE, rid).execute();
    assertThat(result.signedData()).hasSize(50);
    assertThat(result.receiverName()).isEqualTo("가".repeat(80));
    assertVerifiableCms(result.signedDataDer(49), req.tokens().get(49).token());
  }

  @Test
  void refused_request_reports_state_3_and_verify_is_refused() {
    String rid =
        client.requestMultiSign(Fixtures.CLIENT_CODE, Fixtures.request(1)).execute().receiptID();
    server.refuse(rid);
    assertThat(client.getMultiSignStatus(Fixtures.CLIENT_CODE, rid).execute().state())
        .isEqualTo(SignState.REFUSED);
    assertCode(
        () -> client.verifyMultiSign(Fixtures.CLIENT_CODE, rid).execute(), ErrorCodes.REFUSED);
  }

  @Test
  void request_expires_at_expireIn_and_can_no_longer_be_signed_or_verified() {
    MultiSign req =
        MultiSign.builder()
            .receiverHP("01012341234")
            .receiverName("홍길동")
            .receiverBirthday("19700101")
            .reqTitle("t")
            .reqMessage("m")
            .callCenterNum("1600-9854")
            .expireIn(10)
            .addToken(Token.text("doc"))
            .build();
    String rid = client.requestMultiSign(Fixtures.CLIENT_CODE, req).execute().receiptID();
    clock.advance(Duration.ofSeconds(9));
    assertThat(client.getMultiSignStatus(Fixtures.CLIENT_CODE, rid).execute().state())
        .isEqualTo(SignState.WAITING);
    clock.advance(Duration.ofSeconds(1));
    assertThat(client.getMultiSignStatus(Fixtures.CLIENT_CODE, rid).execute().state())
        .isEqualTo(SignState.EXPIRED);
    assertThatThrownBy(() -> server.sign(rid))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(String.valueOf(ErrorCodes.EXPIRED));
    assertCode(
        () -> client.verifyMultiSign(Fixtures.CLIENT_CODE, rid).execute(), ErrorCodes.EXPIRED);
  }

  @Test
  void verify_after_expireDT_is_refused_even_when_signed() {
    String rid =
        client.requestMultiSign(Fixtures.CLIENT_CODE, Fixtures.request(1)).execute().receiptID();
    server.sign(rid);
    clock.advance(Duration.ofSeconds(301));
    assertThat(client.getMultiSignStatus(Fixtures.CLIENT_CODE, rid).execute().state())
        .isEqualTo(SignState.DONE);
    assertCode(
        () -> client.verifyMultiSign(Fixtures.CLIENT_CODE, rid).execute(), ErrorCodes.EXPIRED);
  }

  @Test
  void verify_twice_fails_the_second_time() {
    String rid =
        client.requestMultiSign(Fixtures.CLIENT_CODE, Fixtures.request(1)).execute().receiptID();
    server.sign(rid);
    client.verifyMultiSign(Fixtures.CLIENT_CODE, rid).execute();
    assertCode(
        () -> client.verifyMultiSign(Fixtures.CLIENT_CODE, rid).execute(),
        ErrorCodes.ALREADY_VERIFIED);
  }

  @Test
  void verify_before_done_fails() {
    String rid =
        client.requestMultiSign(Fixtures.CLIENT_CODE, Fixtures.request(1)).execute().receiptID();
    assertCode(
        () -> client.verifyMultiSign(Fixtures.CLIENT_CODE, rid).execute(),
        ErrorCodes.NOT_COMPLETED);
    server.sign(rid); // the failed attempt did not consume the one verify
    assertThat(client.verifyMultiSign(Fixtures.CLIENT_CODE, rid).execute().state())
        .isEqualTo(SignState.DONE);
  }

  @Test
  void concurrent_verify_calls_exactly_one_succeeds() throws Exception {
    String rid =
        client.requestMultiSign(Fixtures.CLIENT_CODE, Fixtures.request(2)).execute().receiptID();
    server.sign(rid);
    int n = 12;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Object>> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  try {
                    return client.verifyMultiSign(Fixtures.CLIENT_CODE, rid).execute();
                  } catch (BarocertServiceException e) {
                    return e;
                  }
                }));
      }
      go.countDown();
      int ok = 0;
      for (Future<Object> f : results) {
        Object o = f.get(30, TimeUnit.SECONDS);
        if (o instanceof VerifyResult) {
          ok++;
        } else {
          assertThat(((BarocertServiceException) o).code()).isEqualTo(ErrorCodes.ALREADY_VERIFIED);
        }
      }
      assertThat(ok).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void wrong_secret_key_fails_the_linkhub_signature() {
    NavercertClient bad =
        NavercertClient.builder()
            .linkId(Fixtures.LINK_ID)
            .secretKey(Fixtures.OTHER_SECRET)
            .serviceUrl(server.baseUrl())
            .authUrl(server.baseUrl())
            .clock(clock)
            .build();
    assertCode(
        () -> bad.requestMultiSign(Fixtures.CLIENT_CODE, Fixtures.request(1)).execute(),
        ErrorCodes.AUTH_SIGNATURE_INVALID);
  }

  @Test
  void unknown_link_id_is_rejected() {
    NavercertClient bad =
        NavercertClient.builder()
            .linkId("NOBODY")
            .secretKey(Fixtures.SECRET)
            .serviceUrl(server.baseUrl())
            .authUrl(server.baseUrl())
            .clock(clock)
            .build();
    assertCode(
        () -> bad.getMultiSignStatus(Fixtures.CLIENT_CODE, "0".repeat(32)).execute(),
        ErrorCodes.LINK_ID_UNKNOWN);
  }

  @Test
  void bad_x_bc_auth_is_rejected() {
    String token = raw.sessionToken(Fixtures.LINK_ID, Fixtures.SECRET, List.of("partner", "422"));
    byte[] body = RawWire.multiSignBody(Fixtures.SECRET, "01012341234");
    RawWire.Reply r = postMultiSign(token, body, clock.instant(), "AAAA" + "x".repeat(40));
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.error().code()).isEqualTo(ErrorCodes.BC_AUTH_INVALID);
    // signed for another path: also rejected
    RawWire.Reply r2 =
        postMultiSign(
            token,
            body,
            clock.instant(),
            dev.ngsign.navercert.internal.Hmac.bcAuth(
                java.util.Base64.getDecoder().decode(Fixtures.SECRET),
                body,
                dev.ngsign.navercert.internal.WireTime.BC_DATE.format(clock.instant()),
                "/NAVER/Sign/" + Fixtures.CLIENT_CODE));
    assertThat(r2.error().code()).isEqualTo(ErrorCodes.BC_AUTH_INVALID);
    // a body changed in one byte after signing: rejected
    java.time.Instant now = clock.instant();
    String sig =
        dev.ngsign.navercert.internal.Hmac.bcAuth(
            java.util.Base64.getDecoder().decode(Fixtures.SECRET),
            body,
            dev.ngsign.navercert.internal.WireTime.BC_DATE.format(now),
            "/NAVER/MultiSign/" + Fixtures.CLIENT_CODE);
    byte[] tampered = body.clone();
    tampered[tampered.length - 3] ^= 0x01;
    RawWire.Reply r3 = postMultiSign(token, tampered, now, sig);
    assertThat(r3.error().code()).isEqualTo(ErrorCodes.BC_AUTH_INVALID);
    RawWire.Reply r4 = postMultiSign(token, body, now, sig);
    assertThat(r4.status()).isEqualTo(200);
  }

  @Test
  void every_header_is_checked() {
    String tokenPath = "/BAROCERT/Token";
    byte[] tokenBody = "{\"scope\":[\"partner\",\"422\"]}".getBytes(StandardCharsets.UTF_8);
    String lhDate = dev.ngsign.navercert.internal.WireTime.LH_DATE.format(clock.instant());
    assertThat(
            raw.send(
                    "POST",
                    tokenPath,
                    java.util.Map.of("x-lh-date", lhDate, "x-lh-version", "2.0"),
                    tokenBody)
                .error()
                .code())
        .isEqualTo(ErrorCodes.AUTH_HEADER_INVALID);
    assertThat(
            raw.send(
                    "POST",
                    tokenPath,
                    java.util.Map.of(
                        "x-lh-date",
                        lhDate,
                        "x-lh-version",
                        "1.0",
                        "Authorization",
                        "LINKHUB " + Fixtures.LINK_ID + " x"),
                    tokenBody)
                .error()
                .code())
        .isEqualTo(ErrorCodes.AUTH_VERSION_INVALID);
    assertThat(
            raw.token(Fixtures.LINK_ID, Fixtures.SECRET, List.of("422"), clock.instant(), null)
                .error()
                .code())
        .isEqualTo(ErrorCodes.SCOPE_INVALID);

    String token = raw.sessionToken(Fixtures.LINK_ID, Fixtures.SECRET, List.of("partner", "422"));
    String statusPath = "/NAVER/MultiSign/" + Fixtures.CLIENT_CODE + "/" + "1".repeat(32);
    assertThat(
            raw.send("GET", statusPath, java.util.Map.of("x-bc-version", "2.1"), null)
                .error()
                .code())
        .isEqualTo(ErrorCodes.TOKEN_MISSING);
    assertThat(
            raw.send("GET", statusPath, java.util.Map.of("Authorization", "Bearer " + token), null)
                .error()
                .code())
        .isEqualTo(ErrorCodes.BC_VERSION_INVALID);
    assertThat(raw.get(token, statusPath).error().code()).isEqualTo(ErrorCodes.RECEIPT_NOT_FOUND);
    assertThat(raw.get(token, "/NAVER/MultiSign/12345/" + "1".repeat(32)).error().code())
        .isEqualTo(ErrorCodes.CLIENT_CODE_FORMAT);

    byte[] body = RawWire.multiSignBody(Fixtures.SECRET, "01012341234");
    String path = "/NAVER/MultiSign/" + Fixtures.CLIENT_CODE;
    String bcDate = dev.ngsign.navercert.internal.WireTime.BC_DATE.format(clock.instant());
    String auth =
        dev.ngsign.navercert.internal.Hmac.bcAuth(
            java.util.Base64.getDecoder().decode(Fixtures.SECRET), body, bcDate, path);
    RawWire.Reply badMode =
        raw.send(
            "POST",
            path,
            java.util.Map.of(
                "Authorization",
                "Bearer " + token,
                "x-bc-version",
                "2.1",
                "x-bc-date",
                bcDate,
                "x-bc-auth",
                auth,
                "x-bc-encryptionmode",
                "ECB"),
            body);
    assertThat(badMode.error().code()).isEqualTo(ErrorCodes.ENCRYPTION_MODE_INVALID);
    RawWire.Reply noDate =
        raw.send(
            "POST",
            path,
            java.util.Map.of(
                "Authorization",
                "Bearer " + token,
                "x-bc-version",
                "2.1",
                "x-bc-auth",
                auth,
                "x-bc-encryptionmode",
                "GCM"),
            body);
    assertThat(noDate.error().code()).isEqualTo(ErrorCodes.BC_DATE_INVALID);
    RawWire.Reply notJson =
        raw.post(
            token,
            Fixtures.SECRET,
            path,
            "nope".getBytes(StandardCharsets.UTF_8),
            clock.instant(),
            null);
    assertThat(notJson.error().code()).isEqualTo(ErrorCodes.BAD_REQUEST_BODY);
    assertThat(raw.send("GET", "/NAVER/Nothing", java.util.Map.of(), null).error().code())
        .isEqualTo(ErrorCodes.NOT_FOUND);
  }

  @Test
  void stale_dates_are_rejected() {
    RawWire.Reply t =
        raw.token(
            Fixtures.LINK_ID,
            Fixtures.SECRET,
            List.of("partner", "422"),
            clock.instant().minus(Duration.ofMinutes(6)),
            null);
    assertThat(t.error().code()).isEqualTo(ErrorCodes.AUTH_DATE_INVALID);
    String token = raw.sessionToken(Fixtures.LINK_ID, Fixtures.SECRET, List.of("partner", "422"));
    RawWire.Reply r =
        postMultiSign(
            token,
            RawWire.multiSignBody(Fixtures.SECRET, "01012341234"),
            clock.instant().plus(Duration.ofMinutes(6)),
            null);
    assertThat(r.error().code()).isEqualTo(ErrorCodes.BC_DATE_INVALID);
  }

  @Test
  void expired_token_is_rejected_and_the_sdk_refreshes_its_own() {
    String token = raw.sessionToken(Fixtures.LINK_ID, Fixtures.SECRET, List.of("partner", "422"));
    String rid =
        client.requestMultiSign(Fixtures.CLIENT_CODE, Fixtures.request(1)).execute().receiptID();
    clock.advance(Duration.ofMinutes(61));
    RawWire.Reply r = raw.get(token, "/NAVER/MultiSign/" + Fixtures.CLIENT_CODE + "/" + rid);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.error().code()).isEqualTo(ErrorCodes.TOKEN_EXPIRED);
    assertThat(client.getMultiSignStatus(Fixtures.CLIENT_CODE, rid).execute().state())
        .isEqualTo(SignState.EXPIRED);
    RawWire.Reply unknown = raw.get("nope", "/NAVER/MultiSign/" + Fixtures.CLIENT_CODE + "/" + rid);
    assertThat(unknown.error().code()).isEqualTo(ErrorCodes.TOKEN_INVALID);
  }

  @Test
  void token_scope_must_cover_the_service() {
    String token = raw.sessionToken(Fixtures.LINK_ID, Fixtures.SECRET, List.of("partner", "421"));
    RawWire.Reply r =
        postMultiSign(
            token, RawWire.multiSignBody(Fixtures.SECRET, "01012341234"), clock.instant(), null);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.error().code()).isEqualTo(ErrorCodes.SCOPE_DENIED);
  }

  @Test
  void client_code_of_another_link_id_is_rejected() {
    assertCode(
        () -> client.requestMultiSign(Fixtures.OTHER_CLIENT_CODE, Fixtures.request(1)).execute(),
        ErrorCodes.CLIENT_CODE_NOT_OWNED);
    String rid =
        client.requestMultiSign(Fixtures.CLIENT_CODE, Fixtures.request(1)).execute().receiptID();
    NavercertClient other =
        NavercertClient.builder()
            .linkId(Fixtures.OTHER_LINK_ID)
            .secretKey(Fixtures.OTHER_SECRET)
            .serviceUrl(server.baseUrl())
            .authUrl(server.baseUrl())
            .clock(clock)
            .build();
    assertCode(
        () -> other.getMultiSignStatus(Fixtures.CLIENT_CODE, rid).execute(),
        ErrorCodes.CLIENT_CODE_NOT_OWNED);
    assertCode(
        () -> other.getMultiSignStatus(Fixtures.OTHER_CLIENT_CODE, rid).execute(),
        ErrorCodes.RECEIPT_NOT_FOUND);
  }

  @Test
  void bad_input_is_rejected_before_the_network_and_by_the_server() {
    assertThatThrownBy(() -> client.getMultiSignStatus("12345", "0".repeat(32)).execute())
        .isInstanceOf(BarocertValidationException.class)
        .hasMessageContaining("12 digits");
    assertThatThrownBy(() -> client.verifyMultiSign(Fixtures.CLIENT_CODE, "123").execute())
        .isInstanceOf(BarocertValidationException.class)
        .hasMessageContaining("32 digits");
    // the server applies the same rules to what it decrypts
    String token = raw.sessionToken(Fixtures.LINK_ID, Fixtures.SECRET, List.of("partner", "422"));
    RawWire.Reply r =
        postMultiSign(
            token, RawWire.multiSignBody(Fixtures.SECRET, "010-1234-1234"), clock.instant(), null);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error().code()).isEqualTo(ErrorCodes.PHONE_LENGTH);
    RawWire.Reply undecryptable =
        postMultiSign(
            token,
            RawWire.multiSignBody(Fixtures.OTHER_SECRET, "01012341234"),
            clock.instant(),
            null);
    assertThat(undecryptable.error().code()).isEqualTo(ErrorCodes.DECRYPT_FAILED);
  }

  @Test
  void async_and_callback_forms_work() throws Exception {
    Receipt receipt =
        client
            .requestMultiSign(Fixtures.CLIENT_CODE, Fixtures.request(1))
            .future()
            .get(30, TimeUnit.SECONDS);
    CompletableFuture<RequestStatus> ok = new CompletableFuture<>();
    client
        .getMultiSignStatus(Fixtures.CLIENT_CODE, receipt.receiptID())
        .enqueue(ok::complete, ok::completeExceptionally);
    assertThat(ok.get(30, TimeUnit.SECONDS).state()).isEqualTo(SignState.WAITING);
    CompletableFuture<BarocertException> err = new CompletableFuture<>();
    client
        .verifyMultiSign(Fixtures.CLIENT_CODE, receipt.receiptID())
        .enqueue(
            r -> err.completeExceptionally(new AssertionError("verify must fail")), err::complete);
    assertThat(err.get(30, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(
            BarocertServiceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCodes.NOT_COMPLETED));
  }

  @Test
  void poll_until_final_completes_when_the_person_signs() throws Exception {
    String rid =
        client.requestMultiSign(Fixtures.CLIENT_CODE, Fixtures.request(1)).execute().receiptID();
    CompletableFuture<RequestStatus> done =
        client.pollUntilFinal(
            Service.MULTI_SIGN, Fixtures.CLIENT_CODE, rid, Duration.ofMillis(100));
    assertThat(done).isNotDone();
    server.sign(rid);
    assertThat(done.get(30, TimeUnit.SECONDS).state()).isEqualTo(SignState.DONE);
    String refused =
        client.requestMultiSign(Fixtures.CLIENT_CODE, Fixtures.request(1)).execute().receiptID();
    server.refuse(refused);
    assertThat(
            client
                .pollUntilFinal(
                    Service.MULTI_SIGN, Fixtures.CLIENT_CODE, refused, Duration.ofSeconds(1))
                .get(30, TimeUnit.SECONDS)
                .state())
        .isEqualTo(SignState.REFUSED);
    assertThat(
            client.pollUntilFinal(
                Service.MULTI_SIGN, Fixtures.CLIENT_CODE, refused, Duration.ofMillis(10)))
        .isCompletedExceptionally();
  }

  @Test
  void cbc_mode_app_to_app_and_pdf_tokens_work() throws Exception {
    NavercertClient cbc =
        NavercertClient.builder()
            .linkId(Fixtures.LINK_ID)
            .secretKey(Fixtures.SECRET)
            .serviceUrl(server.baseUrl())
            .authUrl(server.baseUrl())
            .clock(clock)
            .encryptionMode(EncryptionMode.CBC)
            .build();
    byte[] pdf = "%PDF-1.4 fake".getBytes(StandardCharsets.US_ASCII);
    MultiSign req =
        MultiSign.builder()
            .receiverHP("010-9876-5432")
            .receiverName("김철수")
            .receiverBirthday("20000229")
            .reqTitle("PDF 계약")
            .reqMessage("PDF 서명")
            .callCenterNum("15881234")
            .expireIn(600)
            .addToken(Token.pdf(pdf))
            .addToken(Token.hash(Token.sha256Base64Url(pdf)))
            .appToApp(DeviceOSType.IOS, "myapp://signed")
            .build();
    Receipt receipt = cbc.requestMultiSign(Fixtures.CLIENT_CODE, req).execute();
    assertThat(receipt.scheme()).startsWith("navercert-sim://");
    assertThat(receipt.marketUrl()).isEqualTo(server.appUrl());
    RequestStatus st = cbc.getMultiSignStatus(Fixtures.CLIENT_CODE, receipt.receiptID()).execute();
    assertThat(st.appUseYN()).isTrue();
    assertThat(st.deviceOSType()).isEqualTo(DeviceOSType.IOS);
    assertThat(st.returnURL()).isEqualTo("myapp://signed");
    assertThat(st.tokenTypes()).containsExactly(TokenType.PDF, TokenType.HASH);
    server.sign(receipt.receiptID());
    VerifyResult res = cbc.verifyMultiSign(Fixtures.CLIENT_CODE, receipt.receiptID()).execute();
    assertThat(res.receiverHP()).isEqualTo("01098765432");
    assertThat(res.receiverBirthday()).isEqualTo(java.time.LocalDate.of(2000, 2, 29));
    // PDF and HASH are signed detached over the digest: BouncyCastle's ordinary detached
    // verification
    // over the PDF bytes themselves passes, and SignerCheck accepts both documents
    for (int i = 0; i < 2; i++) {
      CMSSignedData detached =
          new CMSSignedData(new CMSProcessableByteArray(pdf), res.signedDataDer(i));
      assertThat(detached.isDetachedSignature()).isTrue();
      SignerInformation si = detached.getSignerInfos().getSigners().iterator().next();
      @SuppressWarnings("unchecked")
      X509CertificateHolder cert =
          (X509CertificateHolder)
              detached.getCertificates().getMatches(si.getSID()).iterator().next();
      assertThat(si.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert))).isTrue();
    }
    Verdict verdict =
        SignerCheck.builder()
            .trustAnchors(TrustAnchors.of(server.caCertificate()))
            .build()
            .check(SignerCheck.Expected.of(req), res);
    assertThat(verdict.ok()).as(verdict.toString()).isTrue();
  }

  @Test
  void state_survives_a_restart(@TempDir Path dir) {
    server.close();
    server = Fixtures.server(clock).dataDir(dir).start();
    client = Fixtures.client(server, clock);
    String caPem = server.caCertificatePem();
    String waiting =
        client.requestMultiSign(Fixtures.CLIENT_CODE, Fixtures.request(2)).execute().receiptID();
    String done =
        client.requestMultiSign(Fixtures.CLIENT_CODE, Fixtures.request(1)).execute().receiptID();
    server.sign(done);
    client.verifyMultiSign(Fixtures.CLIENT_CODE, done).execute();
    server.close();

    // same data dir, no accounts given: accounts, CA, tokens and requests come back
    server = NavercertServer.builder().dataDir(dir).clock(clock).start();
    assertThat(server.accounts()).extracting(Account::linkId).contains(Fixtures.LINK_ID);
    assertThat(server.caCertificatePem()).isEqualTo(caPem);
    assertThat(Files.exists(dir.resolve("ca.pem"))).isTrue();
    client = Fixtures.client(server, clock);
    assertThat(client.getMultiSignStatus(Fixtures.CLIENT_CODE, waiting).execute().state())
        .isEqualTo(SignState.WAITING);
    assertCode(
        () -> client.verifyMultiSign(Fixtures.CLIENT_CODE, done).execute(),
        ErrorCodes.ALREADY_VERIFIED);
    server.sign(waiting);
    assertThat(client.verifyMultiSign(Fixtures.CLIENT_CODE, waiting).execute().signedData())
        .hasSize(2);
  }

  private void assertVerifiableCms(byte[] der, String expectedContent) throws Exception {
    CMSSignedData sd = new CMSSignedData(der);
    assertThat(new String((byte[]) sd.getSignedContent().getContent(), StandardCharsets.UTF_8))
        .isEqualTo(expectedContent);
    SignerInformation si = sd.getSignerInfos().getSigners().iterator().next();
    @SuppressWarnings("unchecked")
    Collection<X509CertificateHolder> match = sd.getCertificates().getMatches(si.getSID());
    X509CertificateHolder signerCert = match.iterator().next();
    assertThat(si.verify(new JcaSimpleSignerInfoVerifierBuilder().build(signerCert))).isTrue();
    X509CertificateHolder caHolder = new JcaX509CertificateHolder(server.caCertificate());
    assertThat(signerCert.getIssuer()).isEqualTo(caHolder.getSubject());
    assertThat(
            signerCert.isSignatureValid(
                new JcaContentVerifierProviderBuilder().build(server.caCertificate())))
        .isTrue();
    assertThat(sd.getCertificates().getMatches(null)).hasSize(2);
  }

  private static void assertCode(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, long code) {
    AtomicReference<Throwable> t = new AtomicReference<>();
    assertThatThrownBy(call).isInstanceOf(BarocertServiceException.class).satisfies(e -> t.set(e));
    assertThat(((BarocertServiceException) t.get()).code()).as(t.get().toString()).isEqualTo(code);
  }

  /**
   * A raw POST of {@code body} to this client code's MultiSign request, dated {@code date}, signed
   * with the account's secret, or with {@code bcAuthOverride} when given.
   */
  private RawWire.Reply postMultiSign(
      String token, byte[] body, java.time.Instant date, String bcAuthOverride) {
    return raw.post(
        token,
        Fixtures.SECRET,
        "/NAVER/MultiSign/" + Fixtures.CLIENT_CODE,
        body,
        date,
        bcAuthOverride);
  }
}
