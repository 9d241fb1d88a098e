package dev.ngsign.navercert.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ngsign.navercert.BarocertException;
import dev.ngsign.navercert.BarocertServiceException;
import dev.ngsign.navercert.BarocertValidationException;
import dev.ngsign.navercert.DeviceOSType;
import dev.ngsign.navercert.ErrorCodes;
import dev.ngsign.navercert.Identity;
import dev.ngsign.navercert.NavercertClient;
import dev.ngsign.navercert.Receipt;
import dev.ngsign.navercert.RequestStatus;
import dev.ngsign.navercert.Service;
import dev.ngsign.navercert.Sign;
import dev.ngsign.navercert.SignState;
import dev.ngsign.navercert.SignerCheck;
import dev.ngsign.navercert.Token;
import dev.ngsign.navercert.TokenType;
import dev.ngsign.navercert.TrustAnchors;
import dev.ngsign.navercert.Verdict;
import dev.ngsign.navercert.VerifyResult;
import dev.ngsign.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 19.3: single sign and identity through the SDK against the simulator over real HTTP, in all
 * three faces (execute, future, enqueue), each ending with SignerCheck on the result; and the
 * signer check of a multi-sign against the simulator's CA (19.1 end to end).
 */
class ServicesIT {
  private MutableClock clock;
  private NavercertServer server;
  private NavercertClient client;
  private SignerCheck check;

  @BeforeEach
  void start() {
    clock = MutableClock.startingNow();
    server = Fixtures.server(clock).start();
    client = Fixtures.client(server, clock);
    check =
        SignerCheck.builder()
            .trustAnchors(TrustAnchors.fromPem(server.caCertificatePem()))
            .clock(clock)
            .build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static Sign.Builder sign() {
    return Sign.builder()
        .receiverHP("010-1234-1234")
        .receiverName("홍길동")
        .receiverBirthday("19700101")
        .reqTitle("전자서명(단건)")
        .reqMessage("계약서에 서명해 주세요")
        .callCenterNum("1600-9854")
        .expireIn(300);
  }

  static Identity.Builder identity() {
    return Identity.builder()
        .receiverHP("01012341234")
        .receiverName("홍길동")
        .receiverBirthday("19700101")
        .callCenterNum("1600-9854")
        .expireIn(300);
  }

  @Test
  void single_sign_text_blocking_request_status_verify_and_check() {
    Sign req = sign().token(Token.text("본인은 약관에 동의합니다.")).build();
    Receipt receipt = client.requestSign(Fixtures.CLIENT_CODE, req).execute();
    RequestStatus waiting =
        client.getSignStatus(Fixtures.CLIENT_CODE, receipt.receiptID()).execute();
    assertThat(waiting.state()).isEqualTo(SignState.WAITING);
    assertThat(waiting.tokenTypes()).containsExactly(TokenType.TEXT);
    assertThat(waiting.reqTitle()).isEqualTo("전자서명(단건)");
    assertThat(server.request(receipt.receiptID()).kind()).isEqualTo("SIGN");
    server.sign(receipt.receiptID());
    VerifyResult result = client.verifySign(Fixtures.CLIENT_CODE, receipt.receiptID()).execute();
    assertThat(result.signedData()).hasSize(1);
    Verdict verdict = check.check(SignerCheck.Expected.of(req), result);
    assertThat(verdict.ok()).as(verdict.toString()).isTrue();
    // a multi-sign receipt path does not find a single-sign receipt
    assertThatThrownBy(
            () -> client.getMultiSignStatus(Fixtures.CLIENT_CODE, receipt.receiptID()).execute())
        .isInstanceOfSatisfying(
            BarocertServiceException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCodes.RECEIPT_NOT_FOUND);
              assertThat(e.httpStatus()).isEqualTo(404);
              assertThat(e.body()).contains("-45000007");
            });
  }

  @Test
  void single_sign_pdf_with_futures_app_to_app() throws Exception {
    byte[] pdf = "%PDF-1.7 single".getBytes(StandardCharsets.US_ASCII);
    Sign req =
        sign().token(Token.pdf(pdf)).appToApp(DeviceOSType.ANDROID, "partner://done").build();
    Receipt receipt =
        client.requestSign(Fixtures.CLIENT_CODE, req).future().get(30, TimeUnit.SECONDS);
    assertThat(receipt.scheme()).startsWith("navercert-sim://");
    RequestStatus st =
        client
            .getSignStatus(Fixtures.CLIENT_CODE, receipt.receiptID())
            .future()
            .get(30, TimeUnit.SECONDS);
    assertThat(st.tokenTypes()).containsExactly(TokenType.PDF);
    assertThat(st.deviceOSType()).isEqualTo(DeviceOSType.ANDROID);
    server.sign(receipt.receiptID());
    VerifyResult result =
        client
            .verifySign(Fixtures.CLIENT_CODE, receipt.receiptID())
            .future()
            .get(30, TimeUnit.SECONDS);
    Verdict verdict = check.check(SignerCheck.Expected.of(req), result);
    assertThat(verdict.ok()).as(verdict.toString()).isTrue();
    // the same signature does not sign another PDF
    Sign other =
        sign().token(Token.pdf("%PDF-1.7 other".getBytes(StandardCharsets.US_ASCII))).build();
    assertThat(check.check(SignerCheck.Expected.of(other), result).failures())
        .extracting(Verdict.Check::kind)
        .contains(Verdict.Kind.CONTENT);
  }

  @Test
  void identity_with_callbacks_then_check() throws Exception {
    Identity req = identity().build();
    CompletableFuture<Receipt> receipt = new CompletableFuture<>();
    client
        .requestIdentity(Fixtures.CLIENT_CODE, req)
        .enqueue(receipt::complete, receipt::completeExceptionally);
    String rid = receipt.get(30, TimeUnit.SECONDS).receiptID();
    CompletableFuture<RequestStatus> status = new CompletableFuture<>();
    client
        .getIdentityStatus(Fixtures.CLIENT_CODE, rid)
        .enqueue(status::complete, status::completeExceptionally);
    assertThat(status.get(30, TimeUnit.SECONDS).tokenTypes()).isEmpty();
    CompletableFuture<BarocertException> early = new CompletableFuture<>();
    client
        .verifyIdentity(Fixtures.CLIENT_CODE, rid)
        .enqueue(r -> early.complete(null), early::complete);
    assertThat(early.get(30, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(
            BarocertServiceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCodes.NOT_COMPLETED));
    server.sign(rid);
    CompletableFuture<VerifyResult> result = new CompletableFuture<>();
    client
        .verifyIdentity(Fixtures.CLIENT_CODE, rid)
        .enqueue(result::complete, result::completeExceptionally);
    VerifyResult r = result.get(30, TimeUnit.SECONDS);
    assertThat(r.receiverName()).isEqualTo("홍길동");
    Verdict verdict = check.check(SignerCheck.Expected.of(req, rid), r);
    assertThat(verdict.ok()).as(verdict.toString()).isTrue();
    // polling works for every service
    String refused = client.requestIdentity(Fixtures.CLIENT_CODE, req).execute().receiptID();
    server.refuse(refused);
    assertThat(
            client
                .pollUntilFinal(
                    Service.IDENTITY, Fixtures.CLIENT_CODE, refused, Duration.ofMillis(100))
                .get(30, TimeUnit.SECONDS)
                .state())
        .isEqualTo(SignState.REFUSED);
  }

  @Test
  void multi_sign_check_catches_another_person_and_accepts_the_requested_one() {
    var req = Fixtures.request(3);
    String rid = client.requestMultiSign(Fixtures.CLIENT_CODE, req).execute().receiptID();
    server.sign(rid);
    VerifyResult result = client.verifyMultiSign(Fixtures.CLIENT_CODE, rid).execute();
    assertThat(check.check(SignerCheck.Expected.of(req), result).ok()).isTrue();
    Verdict other =
        check.check(
            new SignerCheck.Expected("홍길순", "19700101", "010-1234-1234", req.tokens()), result);
    assertThat(other.failures()).extracting(Verdict.Check::kind).containsExactly(Verdict.Kind.NAME);
    // a CA the simulator did not use is not trusted
    SignerCheck strangerCa =
        SignerCheck.builder()
            .trustAnchors(
                TrustAnchors.of(dev.ngsign.navercert.server.internal.SimulatorCaAccess.freshCa()))
            .build();
    assertThat(strangerCa.check(SignerCheck.Expected.of(req), result).failures())
        .extracting(Verdict.Check::kind)
        .containsOnly(Verdict.Kind.CHAIN);
  }

  @Test
  void sign_and_identity_validate_before_the_network() {
    assertThatThrownBy(() -> sign().build())
        .isInstanceOf(BarocertValidationException.class)
        .hasMessageContaining("token (the document) is required");
    assertThatThrownBy(() -> identity().receiverHP("010-1234").build())
        .isInstanceOf(BarocertValidationException.class)
        .hasMessageContaining("exactly 11 digits");
    assertThatThrownBy(
            () -> sign().token(Token.text("x")).appToApp(DeviceOSType.IOS, "https://x").build())
        .isInstanceOf(BarocertValidationException.class)
        .hasMessageContaining("not http/https");
  }
}
