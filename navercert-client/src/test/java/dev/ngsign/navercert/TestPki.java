package dev.ngsign.navercert;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * An independent signing peer for the signer-check tests, written with BouncyCastle's ordinary API
 * (not the simulator's code): a CA, a signer certificate, and CMS signatures — TEXT encapsulated,
 * HASH/PDF detached over the document itself, so the signed digest is SHA-256(document).
 */
final class TestPki {
  private static final SecureRandom RANDOM = new SecureRandom();

  final KeyPair caKey;
  final X509Certificate ca;
  final KeyPair signerKey;
  final X509Certificate signer;

  TestPki(Instant now) {
    this(now, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)), true);
  }

  TestPki(Instant now, Instant signerFrom, Instant signerTo, boolean signingUsage) {
    try {
      caKey = ec();
      X500Name caName = new X500Name("CN=Test CA, O=ngsign tests");
      JcaX509v3CertificateBuilder cb =
          new JcaX509v3CertificateBuilder(
              caName,
              serial(),
              Date.from(now.minus(Duration.ofDays(30))),
              Date.from(now.plus(Duration.ofDays(3650))),
              caName,
              caKey.getPublic());
      cb.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      cb.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
      ca =
          new JcaX509CertificateConverter()
              .getCertificate(
                  cb.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate())));
      signerKey = ec();
      JcaX509v3CertificateBuilder sb =
          new JcaX509v3CertificateBuilder(
              ca,
              serial(),
              Date.from(signerFrom),
              Date.from(signerTo),
              new X500Name("CN=홍길동, O=signer"),
              signerKey.getPublic());
      sb.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      sb.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(
              signingUsage
                  ? KeyUsage.digitalSignature | KeyUsage.nonRepudiation
                  : KeyUsage.keyEncipherment));
      signer =
          new JcaX509CertificateConverter()
              .getCertificate(
                  sb.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** TEXT: the UTF-8 text encapsulated. */
  byte[] signText(String text, Instant at) {
    return sign(text.getBytes(StandardCharsets.UTF_8), true, at);
  }

  /** HASH/PDF: detached over the document, so messageDigest = SHA-256(document). */
  byte[] signDetached(byte[] document, Instant at) {
    return sign(document, false, at);
  }

  byte[] sign(byte[] content, boolean encapsulate, Instant at) {
    try {
      ASN1EncodableVector attrs = new ASN1EncodableVector();
      attrs.add(
          new org.bouncycastle.asn1.cms.Attribute(
              CMSAttributes.signingTime,
              new org.bouncycastle.asn1.DERSet(new Time(Date.from(at)))));
      CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
      gen.addSignerInfoGenerator(
          new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
              .setSignedAttributeGenerator(
                  new DefaultSignedAttributeTableGenerator(new AttributeTable(attrs)))
              .build(
                  new JcaContentSignerBuilder("SHA256withECDSA").build(signerKey.getPrivate()),
                  signer));
      gen.addCertificates(new JcaCertStore(List.of(signer, ca)));
      return gen.generate(new CMSProcessableByteArray(content), encapsulate).getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair ec() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return g.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(64, RANDOM).add(BigInteger.ONE);
  }
}
