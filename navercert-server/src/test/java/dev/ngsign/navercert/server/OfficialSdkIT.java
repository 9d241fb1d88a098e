package dev.ngsign.navercert.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.barocert.BarocertException;
import com.barocert.navercert.NavercertServiceImp;
import com.barocert.navercert.sign.MultiSign;
import com.barocert.navercert.sign.MultiSignReceipt;
import com.barocert.navercert.sign.MultiSignResult;
import com.barocert.navercert.sign.MultiSignStatus;
import com.barocert.navercert.sign.MultiSignTokens;
import com.barocert.navercert.sign.Sign;
import com.barocert.navercert.sign.SignReceipt;
import com.barocert.navercert.sign.SignResult;
import dev.ngsign.navercert.EncryptionMode;
import dev.ngsign.navercert.ErrorCodes;
import dev.ngsign.navercert.internal.FieldCipher;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Barocert's own Java SDK (kr.co.linkhub:barocert-sdk 1.5.0), unmodified, pointed at the simulator
 * with setServiceURL / setAuthURL, for all three services (MultiSign, Sign, Identity): request,
 * status, verify, an error reply it must parse — and our SignerCheck accepts what it received.
 */
@SuppressWarnings(
    "deprecation") // the SDK marks some getters deprecated; we test what partners call
class OfficialSdkIT {
  private NavercertServer server;
  private NavercertServiceImp sdk;
  private String secret;
  private final String clientCode = "023090000021";

  @BeforeEach
  void start() {
    // The SDK caches tokens in a static map keyed by LinkID: a fresh LinkID per test keeps them
    // apart.
    String linkId = "BAROCERT_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    secret = Account.generate().secretKey();
    server = NavercertServer.builder().account(new Account(linkId, secret, clientCode)).start();
    sdk = new NavercertServiceImp();
    sdk.setLinkID(linkId);
    sdk.setSecretKey(secret);
    sdk.setServiceURL(server.baseUrl());
    sdk.setAuthURL(server.baseUrl());
    sdk.setIPRestrictOnOff(false); // sends x-lh-forwarded: *, signed too
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void request_status_verify_with_barocerts_sdk() throws Exception {
    MultiSign request = new MultiSign();
    request.setReceiverHP(sdk.encrypt("01012341234"));
    request.setReceiverName(sdk.encrypt("홍길동"));
    request.setReceiverBirthday(sdk.encrypt("19700101"));
    request.setReqTitle("전자서명(복수) 요청 메시지 제목");
    request.setReqMessage(sdk.encrypt("전자서명(복수) 요청 메시지"));
    request.setCallCenterNum("1600-9854");
    request.setExpireIn(1000);
    for (int i = 1; i <= 3; i++) {
      MultiSignTokens t = new MultiSignTokens();
      t.setTokenType("TEXT");
      t.setToken(sdk.encrypt("전자서명(복수) 요청 원문 " + i));
      request.addToken(t);
    }
    MultiSignTokens hashed = new MultiSignTokens();
    hashed.setTokenType("HASH");
    hashed.setToken(sdk.encrypt(sdk.sha256_base64url("원문 4")));
    request.addToken(hashed);
    request.setAppUseYN(false);

    MultiSignReceipt receipt = sdk.requestMultiSign(clientCode, request);
    assertThat(receipt.getReceiptID()).matches("\\d{32}");

    MultiSignStatus status = sdk.getMultiSignStatus(clientCode, receipt.getReceiptID());
    assertThat(status.getState()).isEqualTo(0);
    assertThat(status.getClientCode()).isEqualTo(clientCode);
    assertThat(status.getTokenTypes()).containsExactly("TEXT", "TEXT", "TEXT", "HASH");
    assertThat(status.getExpireDT()).matches("\\d{14}");
    assertThat(server.request(receipt.getReceiptID()).documents().get(3).token())
        .isEqualTo(sdk.sha256_base64url("원문 4"));

    server.sign(receipt.getReceiptID());
    assertThat(sdk.getMultiSignStatus(clientCode, receipt.getReceiptID()).getState()).isEqualTo(1);

    MultiSignResult result = sdk.verifyMultiSign(clientCode, receipt.getReceiptID());
    assertThat(result.getState()).isEqualTo(1);
    assertThat(result.getMultiSignedData()).hasSize(4);
    byte[] key = Base64.getDecoder().decode(secret);
    assertThat(FieldCipher.decrypt(EncryptionMode.GCM, key, result.getReceiverName()))
        .isEqualTo("홍길동");
    assertThat(FieldCipher.decrypt(EncryptionMode.GCM, key, result.getReceiverHP()))
        .isEqualTo("01012341234");
    assertThat(FieldCipher.decrypt(EncryptionMode.GCM, key, result.getReceiverYear()))
        .isEqualTo("1970");

    // our SignerCheck accepts what Barocert's SDK received: the four documents, the person, the CA
    dev.ngsign.navercert.VerifyResult ours =
        new dev.ngsign.navercert.VerifyResult(
            result.getReceiptID(),
            dev.ngsign.navercert.SignState.DONE,
            dec(result.getReceiverName()),
            dec(result.getReceiverYear()),
            dec(result.getReceiverDay()),
            dec(result.getReceiverHP()),
            dec(result.getReceiverGender()),
            null,
            dec(result.getReceiverForeign()),
            null,
            result.getMultiSignedData());
    List<dev.ngsign.navercert.Token> docs = new java.util.ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      docs.add(dev.ngsign.navercert.Token.text("전자서명(복수) 요청 원문 " + i));
    }
    docs.add(dev.ngsign.navercert.Token.hash(sdk.sha256_base64url("원문 4")));
    dev.ngsign.navercert.Verdict verdict =
        checker()
            .check(
                new dev.ngsign.navercert.SignerCheck.Expected(
                    "홍길동", "19700101", "01012341234", docs),
                ours);
    assertThat(verdict.ok()).as(verdict.toString()).isTrue();

    // verify is allowed once: the SDK parses the error reply into its own exception
    assertThatThrownBy(() -> sdk.verifyMultiSign(clientCode, receipt.getReceiptID()))
        .isInstanceOf(BarocertException.class)
        .satisfies(
            e ->
                assertThat(((BarocertException) e).getCode())
                    .isEqualTo(ErrorCodes.ALREADY_VERIFIED));
  }

  @Test
  void single_sign_with_barocerts_sdk() throws Exception {
    Sign request = new Sign();
    request.setReceiverHP(sdk.encrypt("01012341234"));
    request.setReceiverName(sdk.encrypt("홍길동"));
    request.setReceiverBirthday(sdk.encrypt("19700101"));
    request.setReqTitle("전자서명(단건)");
    request.setReqMessage(sdk.encrypt("전자서명(단건) 요청 메시지"));
    request.setCallCenterNum("1600-9854");
    request.setExpireIn(300);
    request.setTokenType("HASH");
    request.setToken(sdk.encrypt(sdk.sha256_base64url("전자서명(단건) 요청 원문")));
    SignReceipt receipt = sdk.requestSign(clientCode, request);
    assertThat(sdk.getSignStatus(clientCode, receipt.getReceiptID()).getTokenType())
        .isEqualTo("HASH");
    server.sign(receipt.getReceiptID());
    SignResult result = sdk.verifySign(clientCode, receipt.getReceiptID());
    assertThat(result.getSignedData()).isNotBlank();
    assertThat(server.pending()).isEmpty();
    dev.ngsign.navercert.Verdict verdict =
        checker()
            .check(
                new dev.ngsign.navercert.SignerCheck.Expected(
                    "홍길동",
                    "19700101",
                    "01012341234",
                    List.of(
                        dev.ngsign.navercert.Token.hash(sdk.sha256_base64url("전자서명(단건) 요청 원문")))),
                new dev.ngsign.navercert.VerifyResult(
                    result.getReceiptID(),
                    dev.ngsign.navercert.SignState.DONE,
                    dec(result.getReceiverName()),
                    dec(result.getReceiverYear()),
                    dec(result.getReceiverDay()),
                    dec(result.getReceiverHP()),
                    dec(result.getReceiverGender()),
                    null,
                    dec(result.getReceiverForeign()),
                    null,
                    List.of(result.getSignedData())));
    assertThat(verdict.ok()).as(verdict.toString()).isTrue();
  }

  @Test
  void identity_with_barocerts_sdk() throws Exception {
    com.barocert.navercert.identity.Identity request =
        new com.barocert.navercert.identity.Identity();
    request.setReceiverHP(sdk.encrypt("01012341234"));
    request.setReceiverName(sdk.encrypt("홍길동"));
    request.setReceiverBirthday(sdk.encrypt("19700101"));
    request.setCallCenterNum("1600-9854");
    request.setExpireIn(300);
    String rid = sdk.requestIdentity(clientCode, request).getReceiptID();
    assertThat(sdk.getIdentityStatus(clientCode, rid).getState()).isEqualTo(0);
    // a MultiSign receipt is not an Identity receipt and vice versa
    assertThatThrownBy(() -> sdk.getMultiSignStatus(clientCode, rid))
        .isInstanceOf(BarocertException.class)
        .satisfies(
            e ->
                assertThat(((BarocertException) e).getCode())
                    .isEqualTo(ErrorCodes.RECEIPT_NOT_FOUND));
    server.sign(rid);
    com.barocert.navercert.identity.IdentityResult result = sdk.verifyIdentity(clientCode, rid);
    assertThat(result.getSignedData()).isNotBlank();
    assertThat(
            FieldCipher.decrypt(
                EncryptionMode.GCM, Base64.getDecoder().decode(secret), result.getReceiverDay()))
        .isEqualTo("0101");
    dev.ngsign.navercert.Verdict verdict =
        checker()
            .check(
                new dev.ngsign.navercert.SignerCheck.Expected(
                    "홍길동",
                    "19700101",
                    "01012341234",
                    List.of(dev.ngsign.navercert.Token.text(rid))),
                new dev.ngsign.navercert.VerifyResult(
                    rid,
                    dev.ngsign.navercert.SignState.DONE,
                    dec(result.getReceiverName()),
                    dec(result.getReceiverYear()),
                    dec(result.getReceiverDay()),
                    dec(result.getReceiverHP()),
                    dec(result.getReceiverGender()),
                    null,
                    dec(result.getReceiverForeign()),
                    null,
                    List.of(result.getSignedData())));
    assertThat(verdict.ok()).as(verdict.toString()).isTrue();
  }

  @Test
  void bad_input_is_answered_with_the_services_code() {
    MultiSign request = new MultiSign();
    request.setReceiverHP(encrypt("0101234"));
    request.setReceiverName(encrypt("홍길동"));
    request.setReceiverBirthday(encrypt("19700101"));
    request.setReqTitle("제목");
    request.setReqMessage(encrypt("메시지"));
    request.setCallCenterNum("1600-9854");
    request.setExpireIn(300);
    MultiSignTokens t = new MultiSignTokens();
    t.setTokenType("TEXT");
    t.setToken(encrypt("원문"));
    request.setTokens(List.of(t));
    assertThatThrownBy(() -> sdk.requestMultiSign(clientCode, request))
        .isInstanceOf(BarocertException.class)
        .satisfies(
            e -> assertThat(((BarocertException) e).getCode()).isEqualTo(ErrorCodes.PHONE_LENGTH));
  }

  private dev.ngsign.navercert.SignerCheck checker() {
    return dev.ngsign.navercert.SignerCheck.builder()
        .trustAnchors(dev.ngsign.navercert.TrustAnchors.of(server.caCertificate()))
        .build();
  }

  private String dec(String cipher) throws Exception {
    return FieldCipher.decrypt(EncryptionMode.GCM, Base64.getDecoder().decode(secret), cipher);
  }

  private String encrypt(String s) {
    try {
      return sdk.encrypt(s);
    } catch (BarocertException e) {
      throw new IllegalStateException(e);
    }
  }
}
