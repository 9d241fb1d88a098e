package dev.ngsign.ngs.agent.internal.metrics;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The {@code /health} answer: the node, whether the database answers, each account held or standby,
 * open rows.
 */
public final class Health {
  private Health() {}

  public static HttpEndpoint.Health of(
      String node,
      boolean databaseUp,
      Collection<String> accounts,
      Set<String> held,
      Map<String, Long> open) {
    StringBuilder sb =
        new StringBuilder("{\"node\":\"")
            .append(node)
            .append("\",\"database\":\"")
            .append(databaseUp ? "up" : "down")
            .append("\",\"accounts\":{");
    boolean first = true;
    for (String a : accounts) {
      sb.append(first ? "" : ",")
          .append('"')
          .append(a)
          .append("\":\"")
          .append(held.contains(a) ? "held" : "standby")
          .append('"');
      first = false;
    }
    sb.append("},\"open\":{");
    first = true;
    for (var e : open.entrySet()) {
      sb.append(first ? "" : ",").append('"').append(e.getKey()).append("\":").append(e.getValue());
      first = false;
    }
    sb.append("}}");
    return new HttpEndpoint.Health(databaseUp, sb.toString());
  }
}
