package dev.ngsign.ngs.agent.internal.legacy;

import dev.ngsign.ngs.agent.AgentConfig;
import dev.ngsign.ngs.agent.ConfigException;
import dev.ngsign.ngs.agent.internal.legacy.bizmsg.BizMsgLayout;
import dev.ngsign.ngs.agent.internal.legacy.emtran.EmTranLayout;
import dev.ngsign.ngs.agent.internal.legacy.sctran.ScTranLayout;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The registry of layouts: {@code table-layout} value to implementation. */
public final class Layouts {
  /**
   * Every layout but the agent's own. Add a layout here (its package under {@code
   * internal.legacy}); docs/legacy-tables.md gets its section.
   */
  private static final Map<String, Function<AgentConfig.TableLayout, LegacyLayout>> LAYOUTS =
      Map.of(
          EmTranLayout.NAME, t -> new EmTranLayout(),
          ScTranLayout.NAME, t -> new ScTranLayout(),
          BizMsgLayout.NAME, t -> new BizMsgLayout(t.files()));

  private Layouts() {}

  /** The names {@code table-layout} accepts. */
  public static List<String> names() {
    return java.util.stream.Stream.concat(
            java.util.stream.Stream.of(AgentConfig.TableLayout.DEFAULT_NAME),
            LAYOUTS.keySet().stream().sorted())
        .toList();
  }

  /**
   * The layout of the configuration, or null for the agent's own tables.
   *
   * @throws ConfigException naming the value when no layout has that name
   */
  public static @Nullable LegacyLayout of(AgentConfig.TableLayout t) {
    if (t.isNative()) {
      return null;
    }
    Function<AgentConfig.TableLayout, LegacyLayout> s = LAYOUTS.get(t.name());
    if (s == null) {
      throw new ConfigException(
          "table-layout: '" + t.name() + "' is not one of " + String.join(", ", names()));
    }
    return s.apply(t);
  }

  /** The resolved table names of a layout. */
  public static LayoutTables tables(LegacyLayout layout, AgentConfig config) {
    return new LayoutTables(
        layout.name(),
        layout.defaultTables(),
        config.tableLayout().tables(),
        config.database().tablePrefix());
  }
}
