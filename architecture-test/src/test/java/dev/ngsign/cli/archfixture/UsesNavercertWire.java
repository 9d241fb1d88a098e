package dev.ngsign.cli.archfixture;

import dev.ngsign.navercert.internal.Json;

/**
 * The navercert wire exception is navercert-server's alone: the CLI may not use it
 * (ModuleRulesSelfTest).
 */
final class UsesNavercertWire {
  int hash(Json j) {
    return System.identityHashCode(j);
  }
}
