package dev.ngsign.ngs.agent.internal.legacy;

import dev.ngsign.ngs.agent.ConfigException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * A layout's table names after agent.yml's {@code tables:} overrides, and the prefix of the agent's
 * side tables.
 */
public final class LayoutTables {
  /** Where a log table's name takes the month. */
  public static final String MONTH = "%YYYYMM%";

  private static final DateTimeFormatter YYYYMM = DateTimeFormatter.ofPattern("yyyyMM");

  private final Map<String, String> names;
  private final String sidePrefix;

  /**
   * @throws ConfigException naming the role when an override names a role the layout does not have
   */
  public LayoutTables(
      String layout,
      Map<String, String> defaults,
      Map<String, String> overrides,
      String sidePrefix) {
    Map<String, String> m = new LinkedHashMap<>(defaults);
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      if (!defaults.containsKey(e.getKey())) {
        throw new ConfigException(
            "tables."
                + e.getKey()
                + ": table-layout "
                + layout
                + " has no such table (its tables: "
                + new TreeSet<>(defaults.keySet())
                + ")");
      }
      m.put(e.getKey(), e.getValue());
    }
    this.names = Map.copyOf(m);
    this.sidePrefix = sidePrefix;
  }

  /** The table of a role. */
  public String get(String role) {
    String n = names.get(role);
    if (n == null) {
      throw new IllegalArgumentException("no table role " + role);
    }
    return n;
  }

  /** The log table of a role for the month of {@code at}, {@code %YYYYMM%} replaced. */
  public String monthly(String role, LocalDateTime at) {
    return get(role).replace(MONTH, at.format(YYYYMM));
  }

  /** {@code <prefix>MSG}: the agent's side table the bridge copies due rows into. */
  public String sideMessages() {
    return sidePrefix + "MSG";
  }

  /** {@code <prefix>LEGACY_ROW}: which vendor row each side row came from, and its outcome. */
  public String sideRows() {
    return sidePrefix + "LEGACY_ROW";
  }

  public String sidePrefix() {
    return sidePrefix;
  }

  @Override
  public String toString() {
    return names.toString();
  }
}
