package dev.ngsign.ngs.agent.archfixture;

import dev.ngsign.ngs.client.internal.RealNgsClient;

/** Uses another module's internals on purpose (ModuleRulesSelfTest). */
final class UsesClientInternals {
  int hash(RealNgsClient c) {
    return System.identityHashCode(c);
  }
}
