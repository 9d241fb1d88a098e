package dev.ngsign.navercert;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The certificate authorities whose signer certificates {@link SignerCheck} accepts. Never empty
 * and never "trust all": a signature counts only when its signer certificate chains to one of
 * these. Use the provider's CA certificate in production (a PEM file or a KeyStore) and the
 * simulator's CA ({@code /ca.pem}) in tests.
 */
public final class TrustAnchors {
  private final List<X509Certificate> certificates;

  private TrustAnchors(List<X509Certificate> certificates) {
    if (certificates.isEmpty()) {
      throw new BarocertValidationException(
          "at least one trust anchor (CA certificate) is required");
    }
    this.certificates = List.copyOf(certificates);
  }

  /** These CA certificates. */
  public static TrustAnchors of(X509Certificate... certificates) {
    return new TrustAnchors(List.of(certificates));
  }

  public static TrustAnchors of(List<X509Certificate> certificates) {
    return new TrustAnchors(certificates);
  }

  /**
   * Every certificate in a PEM file (one or more {@code -----BEGIN CERTIFICATE-----} blocks).
   *
   * @throws BarocertValidationException when the file cannot be read or holds no certificate
   */
  public static TrustAnchors fromPem(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new BarocertValidationException(
          "cannot read the CA file " + file + ": " + e.getMessage());
    }
    return fromPem(new String(bytes, StandardCharsets.US_ASCII), file.toString());
  }

  /** Every certificate in PEM text. */
  public static TrustAnchors fromPem(String pem) {
    return fromPem(pem, "the PEM text");
  }

  private static TrustAnchors fromPem(String pem, String where) {
    try (InputStream in = new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))) {
      List<X509Certificate> out = new ArrayList<>();
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new BarocertValidationException(where + " holds no PEM certificate");
      }
      return new TrustAnchors(out);
    } catch (CertificateException | IOException e) {
      throw new BarocertValidationException(
          where + " is not a PEM certificate file: " + e.getMessage());
    }
  }

  /** The trusted-certificate entries of a KeyStore (private-key entries are ignored). */
  public static TrustAnchors fromKeyStore(KeyStore store) {
    try {
      List<X509Certificate> out = new ArrayList<>();
      for (String alias : Collections.list(store.aliases())) {
        if (store.isCertificateEntry(alias)
            && store.getCertificate(alias) instanceof X509Certificate x) {
          out.add(x);
        }
      }
      if (out.isEmpty()) {
        throw new BarocertValidationException("the KeyStore has no trusted certificate entry");
      }
      return new TrustAnchors(out);
    } catch (KeyStoreException e) {
      throw new BarocertValidationException("the KeyStore is not loaded: " + e.getMessage());
    }
  }

  public List<X509Certificate> certificates() {
    return certificates;
  }

  Set<TrustAnchor> anchors() {
    Set<TrustAnchor> out = new LinkedHashSet<>();
    certificates.forEach(c -> out.add(new TrustAnchor(c, null)));
    return out;
  }

  @Override
  public String toString() {
    return "TrustAnchors"
        + certificates.stream().map(c -> c.getSubjectX500Principal().getName()).toList();
  }
}
