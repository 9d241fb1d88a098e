package dev.ngsign.ngs.protocol.archfixture;

import dev.ngsign.ngs.client.NgsClient;

/** Breaks the module order on purpose: protocol must not know the client (ModuleRulesSelfTest). */
public final class UsesTheClient {
  public int hash(NgsClient c) {
    return System.identityHashCode(c);
  }
}
