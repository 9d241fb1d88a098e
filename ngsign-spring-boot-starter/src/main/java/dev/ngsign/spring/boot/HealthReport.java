package dev.ngsign.spring.boot;

import java.util.Map;

/**
 * A health answer independent of the Spring Boot generation (Boot 3 and Boot 4 keep health in
 * different packages): up or down, and the details to show.
 */
public record HealthReport(boolean up, Map<String, Object> details) {
  public HealthReport {
    details = Map.copyOf(details);
  }
}
