package dev.ngsign.navercert.server.archfixture;

import dev.ngsign.navercert.internal.Json;

/**
 * navercert-server's declared exception: it may use the client's wire layer (ModuleRulesSelfTest).
 */
final class UsesNavercertWire {
  int hash(Json j) {
    return System.identityHashCode(j);
  }
}
