package dev.ngsign.navercert.server.internal;

import java.security.cert.X509Certificate;
import java.time.Instant;

/** Test access to a CA that no simulator uses: an untrusted anchor. */
public final class SimulatorCaAccess {
  private SimulatorCaAccess() {}

  public static X509Certificate freshCa() {
    return SimulatorCa.create(Instant.now()).certificate();
  }
}
