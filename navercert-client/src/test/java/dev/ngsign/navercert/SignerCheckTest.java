package dev.ngsign.navercert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.ngsign.navercert.Verdict.Kind;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 19.1: every check of SignerCheck, against signatures made by an independent BouncyCastle
 * peer.
 */
class SignerCheckTest {
  private static final Instant NOW = Instant.parse("2026-03-01T03:00:00Z");
  private static final Instant SIGNED = NOW.minus(Duration.ofMinutes(2));
  private static final byte[] PDF = "%PDF-1.4 contract".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DOC = "the hashed document".getBytes(StandardCharsets.UTF_8);

  private final TestPki pki = new TestPki(NOW);
  private final SignerCheck check =
      SignerCheck.builder()
          .trustAnchors(TrustAnchors.of(pki.ca))
          .clock(Clock.fixed(NOW, ZoneOffset.UTC))
          .build();
  private final List<Token> tokens =
      List.of(Token.text("약관 본문"), Token.hash(Token.sha256Base64Url(DOC)), Token.pdf(PDF));
  private final SignerCheck.Expected expected =
      new SignerCheck.Expected("홍길동", "19700101", "01012341234", tokens);

  private List<String> goodSignatures(TestPki by) {
    return List.of(
        b64(by.signText("약관 본문", SIGNED)),
        b64(by.signDetached(DOC, SIGNED)),
        b64(by.signDetached(PDF, SIGNED)));
  }

  private static VerifyResult result(List<String> signed) {
    return new VerifyResult(
        "1".repeat(32),
        SignState.DONE,
        "홍길동",
        "1970",
        "0101",
        "01012341234",
        "M",
        null,
        "N",
        "ci",
        signed);
  }

  @Test
  void right_person_right_documents_trusted_chain_all_checks_pass() {
    Verdict v = check.check(expected, result(goodSignatures(pki)));
    assertThat(v.ok()).as(v.toString()).isTrue();
    // every check is listed: 6 whole-result checks + 6 per document
    assertThat(v.checks()).hasSize(6 + 3 * 6);
    assertThat(v.checks()).extracting(Verdict.Check::kind).contains(Kind.values());
  }

  @Test
  void person_is_compared_after_normalising_spaces_hyphens_and_country_code() {
    SignerCheck.Expected loose =
        new SignerCheck.Expected(" 홍 길동 ", "1970-01-01", "+82 10-1234-1234", tokens);
    assertThat(check.check(loose, result(goodSignatures(pki))).ok()).isTrue();
  }

  @Test
  void another_person_fails_name_birthday_and_phone_with_masked_details() {
    SignerCheck.Expected other = new SignerCheck.Expected("김철수", "19700102", "01099998888", tokens);
    Verdict v = check.check(other, result(goodSignatures(pki)));
    assertThat(v.ok()).isFalse();
    assertThat(v.failures())
        .extracting(Verdict.Check::kind)
        .containsExactly(Kind.NAME, Kind.BIRTHDAY, Kind.PHONE);
    assertThat(v.toString())
        .contains("expected 김*수, signed by 홍*동", "010****8888", "month or day")
        .doesNotContain("홍길동", "01012341234", "19700101", "김철수");
  }

  @Test
  void a_signature_over_another_text_fails_content() {
    List<String> sigs = new ArrayList<>(goodSignatures(pki));
    sigs.set(0, b64(pki.signText("다른 본문", SIGNED)));
    assertThat(check.check(expected, result(sigs)).failures())
        .extracting(Verdict.Check::kind, Verdict.Check::document)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.CONTENT, 1));
  }

  @Test
  void a_hash_token_signed_encapsulated_or_over_another_document_fails() {
    List<String> sigs = new ArrayList<>(goodSignatures(pki));
    sigs.set(1, b64(pki.sign(DOC, true, SIGNED)));
    sigs.set(2, b64(pki.signDetached("another pdf".getBytes(StandardCharsets.UTF_8), SIGNED)));
    Verdict v = check.check(expected, result(sigs));
    assertThat(v.failures())
        .anySatisfy(
            c -> {
              assertThat(c.kind()).isEqualTo(Kind.CONTENT);
              assertThat(c.document()).isEqualTo(2);
              assertThat(c.detail()).contains("detached");
            });
    assertThat(v.failures())
        .anySatisfy(
            c -> {
              assertThat(c.kind()).isEqualTo(Kind.CONTENT);
              assertThat(c.document()).isEqualTo(3);
            });
    assertThat(v.failures())
        .anySatisfy(
            c ->
                assertThat(c)
                    .extracting(Verdict.Check::kind, Verdict.Check::document)
                    .containsExactly(Kind.SIGNATURE, 3));
  }

  @Test
  void a_signer_from_an_untrusted_ca_fails_the_chain_and_mixed_signers_fail() {
    TestPki stranger = new TestPki(NOW);
    List<String> sigs = new ArrayList<>(goodSignatures(pki));
    sigs.set(2, b64(stranger.signDetached(PDF, SIGNED)));
    Verdict v = check.check(expected, result(sigs));
    assertThat(v.failures())
        .extracting(Verdict.Check::kind)
        .containsExactlyInAnyOrder(Kind.CHAIN, Kind.SAME_SIGNER);
  }

  @Test
  void a_signer_certificate_not_valid_at_the_signing_time_fails() {
    TestPki expired =
        new TestPki(NOW, NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1)), true);
    SignerCheck trusting =
        SignerCheck.builder()
            .trustAnchors(TrustAnchors.of(expired.ca))
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();
    Verdict v = trusting.checkSignature(expired.signText("약관 본문", SIGNED), Token.text("약관 본문"));
    assertThat(v.failures()).extracting(Verdict.Check::kind).contains(Kind.CHAIN);
    // signed while it was valid: passes even though it has expired since
    Verdict earlier =
        trusting.checkSignature(
            expired.signText("약관 본문", NOW.minus(Duration.ofDays(2))), Token.text("약관 본문"));
    assertThat(earlier.ok()).as(earlier.toString()).isTrue();
  }

  @Test
  void a_signing_time_in_the_future_and_a_certificate_not_for_signing_fail() {
    TestPki encipherOnly =
        new TestPki(NOW, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(10)), false);
    SignerCheck trusting =
        SignerCheck.builder()
            .trustAnchors(TrustAnchors.of(encipherOnly.ca))
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();
    Verdict v =
        trusting.checkSignature(
            encipherOnly.signText("x", NOW.plus(Duration.ofHours(1))), Token.text("x"));
    assertThat(v.failures())
        .extracting(Verdict.Check::kind)
        .contains(Kind.SIGNING_TIME, Kind.KEY_USAGE);
  }

  @Test
  void count_state_and_unreadable_signatures_are_failures_not_exceptions() {
    List<String> two = goodSignatures(pki).subList(0, 2);
    Verdict v = check.check(expected, result(two));
    assertThat(v.failures()).extracting(Verdict.Check::kind).contains(Kind.SIGNATURE_COUNT);
    List<String> garbage = new ArrayList<>(goodSignatures(pki));
    garbage.set(0, "not base64 at all!");
    Verdict g = check.check(expected, result(garbage));
    assertThat(g.failures())
        .extracting(Verdict.Check::kind)
        .contains(
            Kind.CMS,
            Kind.CONTENT,
            Kind.SIGNATURE,
            Kind.CHAIN,
            Kind.SIGNING_TIME,
            Kind.KEY_USAGE,
            Kind.SAME_SIGNER);
    VerifyResult waiting =
        new VerifyResult(
            "1".repeat(32),
            SignState.WAITING,
            "홍길동",
            "1970",
            "0101",
            "01012341234",
            "M",
            null,
            "N",
            null,
            goodSignatures(pki));
    assertThat(check.check(expected, waiting).failures())
        .extracting(Verdict.Check::kind)
        .containsExactly(Kind.STATE);
  }

  @Test
  void unusable_input_is_a_typed_exception() {
    assertThatThrownBy(() -> SignerCheck.builder().build())
        .isInstanceOf(BarocertValidationException.class)
        .hasMessageContaining("no trust-all");
    assertThatThrownBy(() -> TrustAnchors.of(List.of()))
        .isInstanceOf(BarocertValidationException.class);
    assertThatThrownBy(() -> TrustAnchors.fromPem("no certificate here"))
        .isInstanceOf(BarocertValidationException.class);
    assertThatThrownBy(() -> check.check(null, result(List.of())))
        .isInstanceOf(BarocertValidationException.class);
    assertThatThrownBy(() -> new SignerCheck.Expected("홍길동", "1970", "01012341234", tokens))
        .isInstanceOf(BarocertValidationException.class)
        .hasMessageContaining("8 digits");
    assertThatThrownBy(() -> new SignerCheck.Expected("홍길동", "19700101", "010-1234", tokens))
        .isInstanceOf(BarocertValidationException.class)
        .hasMessageContaining("11 digits");
    assertThatThrownBy(() -> new SignerCheck.Expected("홍길동", "19700101", "01012341234", List.of()))
        .isInstanceOf(BarocertValidationException.class);
  }

  @Test
  void trust_anchors_load_from_pem_and_keystore() throws Exception {
    String pem =
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder().encodeToString(pki.ca.getEncoded())
            + "\n-----END CERTIFICATE-----\n";
    assertThat(
            SignerCheck.builder()
                .trustAnchors(TrustAnchors.fromPem(pem))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build()
                .check(expected, result(goodSignatures(pki)))
                .ok())
        .isTrue();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry("naver", pki.ca);
    assertThat(TrustAnchors.fromKeyStore(ks).certificates()).containsExactly(pki.ca);
  }

  /**
   * One flipped byte anywhere in a signature (200 seeds; seed 53 once found a lazily parsed
   * attribute): never an exception, always every check listed.
   */
  @TestFactory
  Stream<DynamicTest> corrupted_signatures_give_a_verdict_never_an_exception() {
    byte[] good = pki.signText("약관 본문", SIGNED);
    return IntStream.range(0, 200)
        .mapToObj(
            seed ->
                dynamicTest(
                    "seed " + seed,
                    () -> {
                      Random r = new Random(seed);
                      byte[] bad = good.clone();
                      int at = r.nextInt(bad.length);
                      bad[at] ^= (byte) (1 + r.nextInt(255));
                      Verdict v = check.checkSignature(bad, Token.text("약관 본문"));
                      assertThat(v.checks())
                          .extracting(Verdict.Check::kind)
                          .containsExactly(
                              Kind.CMS,
                              Kind.CONTENT,
                              Kind.SIGNATURE,
                              Kind.SIGNING_TIME,
                              Kind.CHAIN,
                              Kind.KEY_USAGE);
                    }));
  }

  @Test
  void truncated_or_empty_signatures_fail_cms() {
    byte[] good = pki.signText("약관 본문", SIGNED);
    for (byte[] bad :
        List.of(
            new byte[0],
            java.util.Arrays.copyOf(good, good.length / 2),
            new byte[] {0x30, (byte) 0x84, 0x7f, 0x7f, 0x7f, 0x7f})) {
      Verdict v = check.checkSignature(bad, Token.text("약관 본문"));
      assertThat(v.ok()).isFalse();
      assertThat(v.failures().get(0).kind()).isEqualTo(Kind.CMS);
    }
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }
}
