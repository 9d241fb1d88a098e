package dev.ngsign.navercert.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.Test;

class SimulatorCaTest {
  @Test
  @SuppressWarnings("unchecked")
  void signatures_verify_and_chain_to_the_ca_after_a_reload() throws Exception {
    Instant now = Instant.now();
    SimulatorCa created = SimulatorCa.create(now);
    SimulatorCa ca = SimulatorCa.load(created.keyPkcs8(), created.certificateDer());
    assertThat(ca.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
    List<byte[]> sigs =
        ca.signAll(
            "ci-1",
            "홍길동",
            now,
            List.of(SimulatorCa.Document.text("a"), SimulatorCa.Document.text("b")));
    assertThat(sigs).hasSize(2);
    CMSSignedData sd = new CMSSignedData(sigs.get(1));
    assertThat(new String((byte[]) sd.getSignedContent().getContent(), StandardCharsets.UTF_8))
        .isEqualTo("b");
    SignerInformation si = sd.getSignerInfos().getSigners().iterator().next();
    X509CertificateHolder holder =
        (X509CertificateHolder) sd.getCertificates().getMatches(si.getSID()).iterator().next();
    assertThat(si.verify(new JcaSimpleSignerInfoVerifierBuilder().build(holder))).isTrue();
    assertThat(holder.getSubject().toString()).contains("CN=홍길동");

    // PKIX path validation: signer certificate -> simulator CA (trust anchor)
    X509Certificate signer = new JcaX509CertificateConverter().getCertificate(holder);
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    PKIXParameters params =
        new PKIXParameters(Set.of(new TrustAnchor(created.certificate(), null)));
    params.setRevocationEnabled(false);
    params.setDate(Date.from(now));
    CertPathValidator.getInstance("PKIX").validate(cf.generateCertPath(List.of(signer)), params);
  }
}
