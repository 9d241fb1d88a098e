package dev.ngsign.navercert.internal;

import dev.ngsign.navercert.Token;
import dev.ngsign.navercert.TokenType;
import dev.ngsign.navercert.Verdict.Check;
import dev.ngsign.navercert.Verdict.Kind;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * The per-document checks of one CMS SignedData against the token it must sign, with BouncyCastle:
 * structure, content (encapsulated text, or a detached signature over the token's SHA-256), the
 * signature itself, the chain to a trust anchor at the signing time, the signing time, key usage.
 * Every check is reported, in order; one that cannot be made because an earlier one failed is
 * reported failed with that reason.
 */
public final class CmsCheck {
  private static final String SHA256 = NISTObjectIdentifiers.id_sha256.getId();

  /** digitalSignature (0) or nonRepudiation (1). */
  private static final int[] SIGNING_USAGES = {0, 1};

  private CmsCheck() {}

  /** What one document's checks found, for the cross-document checks. */
  public record Outcome(List<Check> checks, X509Certificate signer) {}

  public static Outcome check(
      int document, byte[] der, Token token, Set<TrustAnchor> anchors, Instant now, Duration skew) {
    List<Check> out = new ArrayList<>();
    CMSSignedData sd;
    SignerInformation si;
    X509CertificateHolder holder;
    List<X509Certificate> bundled = new ArrayList<>();
    try {
      CMSSignedData parsed = new CMSSignedData(der);
      Collection<SignerInformation> signers = parsed.getSignerInfos().getSigners();
      if (signers.size() != 1) {
        throw new CMSException("has " + signers.size() + " signers, expected exactly 1");
      }
      SignerInformation first = signers.iterator().next();
      // BouncyCastle parses these lazily: a damaged signature must fail here, not in a later check
      first.getSignedAttributes();
      first.getUnsignedAttributes();
      first.getDigestAlgOID();
      first.getEncryptionAlgOID();
      @SuppressWarnings("unchecked")
      Collection<X509CertificateHolder> match = parsed.getCertificates().getMatches(first.getSID());
      if (match.isEmpty()) {
        throw new CMSException("does not carry the signer's certificate");
      }
      holder = match.iterator().next();
      JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
      @SuppressWarnings("unchecked")
      Collection<X509CertificateHolder> all = parsed.getCertificates().getMatches(null);
      for (X509CertificateHolder h : all) {
        bundled.add(conv.getCertificate(h));
      }
      if (token.tokenType() == TokenType.TEXT) {
        sd = parsed;
      } else {
        // detached: the signed digest must be the token's; BouncyCastle compares it with
        // messageDigest
        sd = new CMSSignedData(Map.of(SHA256, token.digest()), der);
      }
      si = sd.getSignerInfos().getSigners().iterator().next();
      out.add(
          new Check(
              Kind.CMS,
              document,
              true,
              "CMS SignedData, 1 signer, " + all.size() + " certificate(s)"));
    } catch (CMSException | GeneralSecurityException | RuntimeException e) {
      out.add(
          new Check(Kind.CMS, document, false, "not a usable CMS SignedData: " + e.getMessage()));
      for (Kind k :
          List.of(Kind.CONTENT, Kind.SIGNATURE, Kind.SIGNING_TIME, Kind.CHAIN, Kind.KEY_USAGE)) {
        out.add(new Check(k, document, false, "not checked: the CMS is unusable"));
      }
      return new Outcome(out, null);
    }
    X509Certificate signer;
    try {
      signer = new JcaX509CertificateConverter().getCertificate(holder);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e); // was converted above already
    }

    out.add(safely(Kind.CONTENT, document, () -> content(document, sd, si, token)));
    out.add(safely(Kind.SIGNATURE, document, () -> signature(document, si, holder)));
    Instant signingTime;
    try {
      signingTime = signingTime(si);
    } catch (RuntimeException e) {
      signingTime = null;
    }
    if (signingTime == null) {
      out.add(
          new Check(
              Kind.SIGNING_TIME,
              document,
              false,
              "no signingTime attribute: validity at signing cannot be checked"));
    } else if (signingTime.isAfter(now.plus(skew))) {
      out.add(
          new Check(
              Kind.SIGNING_TIME,
              document,
              false,
              "signing time " + signingTime + " is in the future"));
    } else {
      out.add(new Check(Kind.SIGNING_TIME, document, true, "signed at " + signingTime));
    }
    Instant at = signingTime;
    out.add(safely(Kind.CHAIN, document, () -> chain(document, signer, bundled, anchors, at)));
    out.add(safely(Kind.KEY_USAGE, document, () -> keyUsage(document, signer)));
    return new Outcome(out, signer);
  }

  /**
   * A damaged signature can still surprise the parser deep inside a check: that check fails, no
   * more.
   */
  private static Check safely(Kind kind, int document, java.util.function.Supplier<Check> check) {
    try {
      return check.get();
    } catch (RuntimeException e) {
      return new Check(kind, document, false, "the signature is damaged: " + e.getMessage());
    }
  }

  private static Check content(int document, CMSSignedData sd, SignerInformation si, Token token) {
    boolean detached = sd.isDetachedSignature();
    if (token.tokenType() == TokenType.TEXT) {
      if (detached || sd.getSignedContent() == null) {
        return new Check(
            Kind.CONTENT,
            document,
            false,
            "TEXT must be signed with the text inside, but the signature is detached");
      }
      byte[] signed = (byte[]) sd.getSignedContent().getContent();
      byte[] expected = token.token().getBytes(StandardCharsets.UTF_8);
      return Arrays.equals(signed, expected)
          ? new Check(
              Kind.CONTENT,
              document,
              true,
              "signs the requested TEXT (" + token.token().length() + " characters)")
          : new Check(
              Kind.CONTENT,
              document,
              false,
              "signs another text ("
                  + new String(signed, StandardCharsets.UTF_8).length()
                  + " characters) than the requested one ("
                  + token.token().length()
                  + " characters)");
    }
    if (!detached) {
      return new Check(
          Kind.CONTENT,
          document,
          false,
          token.tokenType() + " must be a detached signature, but content is encapsulated");
    }
    if (!SHA256.equals(si.getDigestAlgOID())) {
      return new Check(
          Kind.CONTENT,
          document,
          false,
          "digest algorithm " + si.getDigestAlgOID() + ", expected SHA-256");
    }
    byte[] signedDigest = messageDigest(si);
    if (signedDigest == null) {
      return new Check(Kind.CONTENT, document, false, "no messageDigest attribute");
    }
    return Arrays.equals(signedDigest, token.digest())
        ? new Check(
            Kind.CONTENT,
            document,
            true,
            "detached signature over the requested " + token.tokenType() + " digest (SHA-256)")
        : new Check(
            Kind.CONTENT,
            document,
            false,
            "signs another SHA-256 digest than the requested " + token.tokenType() + " token");
  }

  private static Check signature(int document, SignerInformation si, X509CertificateHolder holder) {
    try {
      boolean ok = si.verify(new JcaSimpleSignerInfoVerifierBuilder().build(holder));
      return new Check(
          Kind.SIGNATURE,
          document,
          ok,
          ok
              ? si.getEncryptionAlgOID() + " signature verifies with the signer certificate"
              : "the signature does not verify with the signer certificate");
    } catch (org.bouncycastle.cms.CMSSignerDigestMismatchException e) {
      return new Check(
          Kind.SIGNATURE, document, false, "the signed digest does not match: " + e.getMessage());
    } catch (org.bouncycastle.cms.CMSVerifierCertificateNotValidException e) {
      return new Check(
          Kind.SIGNATURE,
          document,
          false,
          "signer certificate not valid at the signing time: " + e.getMessage());
    } catch (CMSException
        | OperatorCreationException
        | GeneralSecurityException
        | RuntimeException e) {
      return new Check(
          Kind.SIGNATURE, document, false, "the signature cannot be verified: " + e.getMessage());
    }
  }

  private static Check chain(
      int document,
      X509Certificate signer,
      List<X509Certificate> bundled,
      Set<TrustAnchor> anchors,
      Instant at) {
    if (at == null) {
      return new Check(
          Kind.CHAIN, document, false, "not checked: no signing time to validate the chain at");
    }
    try {
      X509CertSelector target = new X509CertSelector();
      target.setCertificate(signer);
      PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
      // Barocert publishes no CRL or OCSP responder for these certificates: revocation is the
      // customer's decision (docs/navercert.md, "Checking who signed").
      params.setRevocationEnabled(false);
      params.setDate(Date.from(at));
      params.addCertStore(
          CertStore.getInstance("Collection", new CollectionCertStoreParameters(bundled)));
      PKIXCertPathBuilderResult r =
          (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(params);
      X509Certificate anchor = r.getTrustAnchor().getTrustedCert();
      if (anchor != null) {
        anchor.checkValidity(Date.from(at));
      }
      return new Check(
          Kind.CHAIN,
          document,
          true,
          "chains to "
              + (anchor == null ? "a trust anchor" : anchor.getSubjectX500Principal().getName())
              + " ("
              + r.getCertPath().getCertificates().size()
              + " certificate(s)), valid at the signing time");
    } catch (CertPathBuilderException e) {
      return new Check(
          Kind.CHAIN,
          document,
          false,
          "no valid chain to a trust anchor at " + at + ": " + e.getMessage());
    } catch (GeneralSecurityException e) {
      return new Check(Kind.CHAIN, document, false, "chain check failed: " + e.getMessage());
    }
  }

  private static Check keyUsage(int document, X509Certificate signer) {
    boolean[] ku = signer.getKeyUsage();
    if (ku == null) {
      return new Check(
          Kind.KEY_USAGE, document, false, "the signer certificate has no key usage extension");
    }
    for (int bit : SIGNING_USAGES) {
      if (bit < ku.length && ku[bit]) {
        return new Check(
            Kind.KEY_USAGE, document, true, "signer certificate allows digital signatures");
      }
    }
    return new Check(
        Kind.KEY_USAGE, document, false, "the signer certificate is not meant for signatures");
  }

  private static Instant signingTime(SignerInformation si) {
    if (si.getSignedAttributes() == null) {
      return null;
    }
    Attribute a = si.getSignedAttributes().get(CMSAttributes.signingTime);
    if (a == null || a.getAttrValues().size() != 1) {
      return null;
    }
    try {
      return Time.getInstance(a.getAttrValues().getObjectAt(0)).getDate().toInstant();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static byte[] messageDigest(SignerInformation si) {
    if (si.getSignedAttributes() == null) {
      return null;
    }
    Attribute a = si.getSignedAttributes().get(CMSAttributes.messageDigest);
    if (a == null || a.getAttrValues().size() != 1) {
      return null;
    }
    ASN1Encodable v = a.getAttrValues().getObjectAt(0);
    return v instanceof ASN1OctetString os ? os.getOctets() : null;
  }
}
