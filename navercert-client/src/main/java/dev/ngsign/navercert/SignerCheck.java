package dev.ngsign.navercert;

import dev.ngsign.navercert.Verdict.Check;
import dev.ngsign.navercert.Verdict.Kind;
import dev.ngsign.navercert.internal.CmsCheck;
import dev.ngsign.navercert.internal.Masking;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Checks who signed: the step after verify that the service leaves to the partner. Given what was
 * requested ({@link Expected}: the person and the documents) and the {@link VerifyResult}, it
 * checks
 *
 * <ul>
 *   <li>verify said DONE, and there are as many signatures as documents;
 *   <li>per document: a well-formed CMS SignedData with one signer; it signs that document (TEXT:
 *       the text is the signed content; HASH and PDF: a detached signature whose signed SHA-256
 *       digest is the token's); the signature verifies; the signer certificate chains to one of the
 *       {@link TrustAnchors} and it and its chain were valid at the signing time; the signing time
 *       is not in the future; the certificate is meant for signatures;
 *   <li>all documents were signed with the same certificate;
 *   <li>the decrypted name, birth date and phone equal the requested person's, after normalising
 *       (spaces, hyphens and dots removed; Unicode NFC; Latin letters case-insensitive; {@code +82}
 *       read as a leading 0).
 * </ul>
 *
 * <p>The answer is a {@link Verdict} listing every check; a mismatch is a verdict, never an
 * exception. Unusable input (null, an expectation that cannot be a person, no trust anchors) is a
 * {@link BarocertValidationException}. Revocation is not checked (the service publishes no CRL or
 * OCSP for these certificates) and CI is not compared (the request has none): both are the
 * partner's decision. Thread-safe; build once.
 *
 * <pre>{@code
 * SignerCheck check = SignerCheck.builder().trustAnchors(TrustAnchors.fromPem(Path.of("naver-ca.pem"))).build();
 * Verdict verdict = check.check(SignerCheck.Expected.of(request), result);
 * if (!verdict.ok()) { log.warn("signature rejected\n{}", verdict); }
 * }</pre>
 */
public final class SignerCheck {
  private final TrustAnchors anchors;
  private final Clock clock;
  private final Duration skew;

  private SignerCheck(Builder b) {
    this.anchors = b.anchors;
    this.clock = b.clock;
    this.skew = b.skew;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Checks a verify result against what was requested.
   *
   * @throws BarocertValidationException when an argument is null
   */
  public Verdict check(Expected expected, VerifyResult result) {
    if (expected == null || result == null) {
      throw new BarocertValidationException(
          "both the expectation and the verify result are required");
    }
    List<Check> checks = new ArrayList<>();
    checks.add(
        new Check(
            Kind.STATE, 0, result.state() == SignState.DONE, "verify state " + result.state()));
    int n = expected.tokens().size();
    int got = result.signedData().size();
    checks.add(
        new Check(
            Kind.SIGNATURE_COUNT, 0, n == got, got + " signature(s) for " + n + " document(s)"));
    person(checks, expected, result);
    java.security.cert.X509Certificate first = null;
    boolean same = true;
    for (int i = 0; i < Math.min(n, got); i++) {
      byte[] der;
      try {
        der = Base64.getDecoder().decode(result.signedData().get(i));
      } catch (IllegalArgumentException e) {
        der = new byte[0]; // reported as an unusable CMS
      }
      CmsCheck.Outcome o =
          CmsCheck.check(
              i + 1, der, expected.tokens().get(i), anchors.anchors(), clock.instant(), skew);
      checks.addAll(o.checks());
      if (o.signer() == null) {
        same = false;
      } else if (first == null) {
        first = o.signer();
      } else if (!first.equals(o.signer())) {
        same = false;
      }
    }
    checks.add(
        new Check(
            Kind.SAME_SIGNER,
            0,
            same && first != null,
            same && first != null
                ? "every document signed with one certificate"
                : "documents signed with different or unreadable certificates"));
    return new Verdict(checks);
  }

  /**
   * Checks one signature offline: that {@code signedDataDer} signs {@code token}, verifies, and
   * chains to a trust anchor at its signing time. No person is compared.
   */
  public Verdict checkSignature(byte[] signedDataDer, Token token) {
    if (signedDataDer == null || token == null) {
      throw new BarocertValidationException(
          "the signature and the document it must sign are required");
    }
    return new Verdict(
        CmsCheck.check(1, signedDataDer, token, anchors.anchors(), clock.instant(), skew).checks());
  }

  private static void person(List<Check> checks, Expected e, VerifyResult r) {
    String name = Expected.normaliseName(r.receiverName() == null ? "" : r.receiverName());
    checks.add(
        name.equals(e.name())
            ? new Check(Kind.NAME, 0, true, "name matches (" + Masking.name(e.name()) + ")")
            : new Check(
                Kind.NAME,
                0,
                false,
                "expected " + Masking.name(e.name()) + ", signed by " + Masking.name(name)));
    String birthday = digits(String.valueOf(r.receiverYear()) + r.receiverDay());
    if (birthday.equals(e.birthday())) {
      checks.add(new Check(Kind.BIRTHDAY, 0, true, "birth date matches"));
    } else {
      String part =
          birthday.length() == 8 && birthday.startsWith(e.birthday().substring(0, 4))
              ? "month or day"
              : "year";
      checks.add(new Check(Kind.BIRTHDAY, 0, false, "the birth date's " + part + " differs"));
    }
    String phone = Expected.normalisePhone(r.receiverHP() == null ? "" : r.receiverHP());
    checks.add(
        phone.equals(e.phone())
            ? new Check(Kind.PHONE, 0, true, "phone matches (" + Masking.phone(e.phone()) + ")")
            : new Check(
                Kind.PHONE,
                0,
                false,
                "expected " + Masking.phone(e.phone()) + ", signed by " + Masking.phone(phone)));
  }

  private static String digits(String s) {
    return s.replaceAll("[^0-9]", "");
  }

  @Override
  public String toString() {
    return "SignerCheck[" + anchors + "]";
  }

  /**
   * What was requested: the person and the documents, in order. Build it from the request you sent
   * ({@link #of(MultiSign)}, {@link #of(Sign)}, {@link #of(Identity, String)}) or by hand. Values
   * are normalised when created; {@link #toString()} masks them.
   *
   * @param name the person's name
   * @param birthday yyyyMMdd (hyphens, dots and spaces are removed: 1980-05-15 is accepted)
   * @param phone 11 digits (hyphens and spaces removed, +82 read as a leading 0)
   * @param tokens the documents, in request order
   */
  public record Expected(String name, String birthday, String phone, List<Token> tokens) {
    public Expected {
      if (name == null || normaliseName(name).isEmpty()) {
        throw new BarocertValidationException("the expected name is required");
      }
      name = normaliseName(name);
      birthday = birthday == null ? "" : digits(birthday);
      if (birthday.length() != 8) {
        throw new BarocertValidationException(
            "the expected birthday must be 8 digits, yyyyMMdd (hyphens, dots and spaces are removed first)");
      }
      phone = normalisePhone(phone == null ? "" : phone);
      if (phone.length() != 11) {
        throw new BarocertValidationException(
            "the expected phone must be 11 digits, e.g. 01012345678 (hyphens and spaces are removed first, +82 becomes 0)");
      }
      if (tokens == null || tokens.isEmpty() || tokens.stream().anyMatch(Objects::isNull)) {
        throw new BarocertValidationException(
            "the expected documents (at least one, none null) are required");
      }
      tokens = List.copyOf(tokens);
    }

    public static Expected of(MultiSign request) {
      return new Expected(
          request.receiverName(),
          request.receiverBirthday(),
          request.receiverHP(),
          request.tokens());
    }

    public static Expected of(Sign request) {
      return new Expected(
          request.receiverName(),
          request.receiverBirthday(),
          request.receiverHP(),
          List.of(request.token()));
    }

    /**
     * Identity verification signs no document of yours: the person's signature covers the receipt
     * ID (as TEXT), which is what the simulator signs.
     */
    public static Expected of(Identity request, String receiptId) {
      return new Expected(
          request.receiverName(),
          request.receiverBirthday(),
          request.receiverHP(),
          List.of(Token.text(Objects.requireNonNull(receiptId, "receiptId"))));
    }

    static String normaliseName(String s) {
      return Normalizer.normalize(s, Normalizer.Form.NFC)
          .replaceAll("[\\s\\u00A0\\u3000]", "")
          .toUpperCase(Locale.ROOT);
    }

    static String normalisePhone(String s) {
      String d = s.replaceAll("[\\s\\-.()]", "");
      if (d.startsWith("+82")) {
        d = "0" + d.substring(3);
      }
      return d;
    }

    @Override
    public String toString() {
      return "Expected["
          + Masking.name(name)
          + ", "
          + Masking.phone(phone)
          + ", "
          + tokens.size()
          + " document(s)]";
    }
  }

  /** Builder; {@link #trustAnchors} is required. */
  public static final class Builder {
    private TrustAnchors anchors;
    private Clock clock = Clock.systemUTC();
    private Duration skew = Duration.ofMinutes(5);

    private Builder() {}

    /** The CAs to trust (required; there is no "trust all"). */
    public Builder trustAnchors(TrustAnchors anchors) {
      this.anchors = Objects.requireNonNull(anchors, "anchors");
      return this;
    }

    /** Clock for "signing time not in the future"; default UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How far a signing time may be ahead of the clock; default 5 minutes. */
    public Builder maxClockSkew(Duration skew) {
      if (skew == null || skew.isNegative()) {
        throw new BarocertValidationException("maxClockSkew must be zero or positive");
      }
      this.skew = skew;
      return this;
    }

    public SignerCheck build() {
      if (anchors == null) {
        throw new BarocertValidationException(
            "trustAnchors are required: there is no trust-all signer check");
      }
      return new SignerCheck(this);
    }
  }
}
