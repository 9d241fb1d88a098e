package dev.ngsign.navercert.server.internal;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The simulator's certificate authority (EC P-256, self-signed, 10 years), created on first start
 * and kept in the store. For every signature event it issues a short-lived signer certificate and
 * produces one CMS SignedData per document: SHA-256 with ECDSA, the document bytes encapsulated,
 * signer and CA certificates included, so a partner can verify signature and chain with the CA
 * certificate downloaded from {@code /ca.pem}.
 */
public final class SimulatorCa {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final PrivateKey caKey;
  private final X509Certificate caCert;

  /**
   * Signer key and certificate per person, reused while valid (as a person keeps a certificate).
   */
  private final java.util.concurrent.ConcurrentMap<String, Signer> signers =
      new java.util.concurrent.ConcurrentHashMap<>();

  private record Signer(PrivateKey key, X509Certificate cert) {}

  private SimulatorCa(PrivateKey caKey, X509Certificate caCert) {
    this.caKey = caKey;
    this.caCert = caCert;
  }

  /** A new CA, valid from {@code now} for 10 years. */
  public static SimulatorCa create(Instant now) {
    try {
      KeyPair kp = ecKeyPair();
      X500Name name =
          new X500NameBuilder(BCStyle.INSTANCE)
              .addRDN(BCStyle.C, "KR")
              .addRDN(BCStyle.O, "ngsign")
              .addRDN(BCStyle.OU, "navercert simulator")
              .addRDN(BCStyle.CN, "ngsign navercert simulator CA")
              .build();
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      JcaX509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              name,
              serial(),
              Date.from(now.minus(Duration.ofDays(1))),
              Date.from(now.plus(Duration.ofDays(3650))),
              name,
              kp.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      b.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      b.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
      X509Certificate cert = convert(b.build(signer(kp.getPrivate())));
      return new SimulatorCa(kp.getPrivate(), cert);
    } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
      throw new IllegalStateException("cannot create the simulator CA", e);
    }
  }

  /** Restores a CA from PKCS#8 key and DER certificate. */
  public static SimulatorCa load(byte[] pkcs8, byte[] certDer) {
    try {
      PrivateKey k = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      X509Certificate c =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new java.io.ByteArrayInputStream(certDer));
      return new SimulatorCa(k, c);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("stored simulator CA is unreadable", e);
    }
  }

  public byte[] keyPkcs8() {
    return caKey.getEncoded();
  }

  public X509Certificate certificate() {
    return caCert;
  }

  public byte[] certificateDer() {
    try {
      return caCert.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String certificatePem() {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
      pem.writeObject(caCert);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return w.toString();
  }

  /**
   * What the person signs for one document: TEXT's UTF-8 bytes, encapsulated in the CMS; or a
   * SHA-256 digest (HASH and PDF tokens), signed detached — the document itself never reaches the
   * signer, only its digest, so the signature's messageDigest is the token.
   */
  public record Document(byte[] text, byte[] sha256) {
    public static Document text(String text) {
      return new Document(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
    }

    public static Document of(dev.ngsign.navercert.TokenType type, String token) {
      return type == dev.ngsign.navercert.TokenType.TEXT
          ? text(token)
          : new Document(null, java.util.Base64.getUrlDecoder().decode(token));
    }
  }

  /**
   * Signs each document as the person: a signer certificate (subject CN = the person's name, valid
   * one year, issued on first use and reused; {@code personKey} identifies the person), then one
   * CMS SignedData (DER) per document: TEXT encapsulated, HASH/PDF detached over the token's
   * digest.
   */
  public List<byte[]> signAll(
      String personKey, String signerName, Instant now, List<Document> documents) {
    try {
      Signer signer = signers.get(personKey);
      if (signer == null
          || !signer.cert().getNotAfter().toInstant().isAfter(now.plus(Duration.ofHours(1)))
          || signer.cert().getNotBefore().toInstant().isAfter(now)) {
        signer = issue(signerName, now);
        signers.put(personKey, signer);
      }
      List<byte[]> out = new ArrayList<>(documents.size());
      JcaCertStore certs = new JcaCertStore(List.of(signer.cert(), caCert));
      for (Document doc : documents) {
        CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
        DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
        if (doc.sha256() != null) {
          digests = precomputed(digests, doc.sha256());
        }
        // signingTime from the simulator's clock, not the JVM's: tests move the clock
        org.bouncycastle.asn1.ASN1EncodableVector attrs =
            new org.bouncycastle.asn1.ASN1EncodableVector();
        attrs.add(
            new org.bouncycastle.asn1.cms.Attribute(
                org.bouncycastle.asn1.cms.CMSAttributes.signingTime,
                new org.bouncycastle.asn1.DERSet(
                    new org.bouncycastle.asn1.cms.Time(Date.from(now)))));
        gen.addSignerInfoGenerator(
            new JcaSignerInfoGeneratorBuilder(digests)
                .setSignedAttributeGenerator(
                    new org.bouncycastle.cms.DefaultSignedAttributeTableGenerator(
                        new org.bouncycastle.asn1.cms.AttributeTable(attrs)))
                .build(signer(signer.key()), signer.cert()));
        gen.addCertificates(certs);
        out.add(
            doc.sha256() == null
                ? gen.generate(new CMSProcessableByteArray(doc.text()), true).getEncoded()
                : gen.generate(new CMSAbsentContent(), false).getEncoded());
      }
      return out;
    } catch (GeneralSecurityException
        | OperatorCreationException
        | CMSException
        | java.io.IOException e) {
      throw new IllegalStateException("signing failed", e);
    }
  }

  /**
   * A digest provider whose SHA-256 "computes" the given digest: how BouncyCastle signs a digest it
   * did not compute itself (the signed attributes still get their own, real digest).
   */
  private static DigestCalculatorProvider precomputed(
      DigestCalculatorProvider real, byte[] sha256) {
    return algorithm -> {
      DigestCalculator calc = real.get(algorithm);
      return new DigestCalculator() {
        private final java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
          return calc.getAlgorithmIdentifier();
        }

        @Override
        public java.io.OutputStream getOutputStream() {
          return sink;
        }

        @Override
        public byte[] getDigest() {
          return sha256.clone();
        }
      };
    };
  }

  private Signer issue(String signerName, Instant now)
      throws GeneralSecurityException, OperatorCreationException, java.io.IOException {
    KeyPair kp = ecKeyPair();
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.C, "KR")
            .addRDN(BCStyle.O, "Naver (simulated)")
            .addRDN(BCStyle.OU, "navercert simulator signer")
            .addRDN(BCStyle.CN, signerName)
            .build();
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            caCert,
            serial(),
            Date.from(now.minus(Duration.ofMinutes(5))),
            Date.from(now.plus(Duration.ofDays(365))),
            subject,
            kp.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(
        Extension.keyUsage,
        true,
        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
    b.addExtension(
        Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
    return new Signer(kp.getPrivate(), convert(b.build(signer(caKey))));
  }

  private static ContentSigner signer(PrivateKey k) throws OperatorCreationException {
    return new JcaContentSignerBuilder("SHA256withECDSA").build(k);
  }

  private static X509Certificate convert(X509CertificateHolder h) throws GeneralSecurityException {
    return new JcaX509CertificateConverter().getCertificate(h);
  }

  private static KeyPair ecKeyPair() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return g.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(64, RANDOM).add(BigInteger.ONE);
  }
}
