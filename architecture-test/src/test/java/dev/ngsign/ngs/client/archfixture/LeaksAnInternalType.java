package dev.ngsign.ngs.client.archfixture;

import dev.ngsign.ngs.client.internal.ClientConfig;
import java.util.List;

/** An API type whose public signature names an .internal type, on purpose (ModuleRulesSelfTest). */
public final class LeaksAnInternalType {
  public List<ClientConfig> configs() {
    return List.of();
  }
}
