package dev.ngsign.spring.boot.actuate;

import dev.ngsign.spring.boot.HealthReport;
import dev.ngsign.spring.boot.ngs.ManagedNgsClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** What both Boot generations' contributors share: the NGS clients by account name. */
final class NgsignHealthSources {
  private NgsignHealthSources() {}

  /**
   * The clients by their account name ({@code default}, or the {@code <name>} under {@code
   * ngsign.ngs.accounts}).
   */
  static Map<String, Supplier<HealthReport>> ngs(Map<String, ManagedNgsClient> beans) {
    Map<String, Supplier<HealthReport>> out = new LinkedHashMap<>();
    beans.values().forEach(c -> out.put(c.name(), c::health));
    return out;
  }
}
