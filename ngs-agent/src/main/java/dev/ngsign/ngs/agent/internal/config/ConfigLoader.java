package dev.ngsign.ngs.agent.internal.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ngsign.ngs.agent.AgentConfig;
import dev.ngsign.ngs.agent.ConfigException;
import dev.ngsign.ngs.protocol.DurationFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Reads {@code agent.yml}: kebab-case keys, unknown keys refused (a typo must not pass silently).
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  public static AgentConfig load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("configuration file " + file + " does not exist");
    }
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public static AgentConfig parse(String yaml) {
    try {
      AgentYaml y = mapper().readValue(yaml, AgentYaml.class);
      AgentConfig c = y == null ? AgentConfig.defaults() : y.toConfig();
      // an unknown table-layout or table role fails here, naming the key, not when the agent starts
      dev.ngsign.ngs.agent.internal.legacy.LegacyLayout layout =
          dev.ngsign.ngs.agent.internal.legacy.Layouts.of(c.tableLayout());
      if (layout != null) {
        dev.ngsign.ngs.agent.internal.legacy.Layouts.tables(layout, c);
      }
      return c;
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(
          "unknown key '"
              + e.getPropertyName()
              + "' at "
              + path(e)
              + " (known: "
              + e.getKnownPropertyIds()
              + ")",
          e);
    } catch (InvalidFormatException e) {
      throw new ConfigException(
          "bad value " + e.getValue() + " at " + path(e) + ": " + e.getOriginalMessage(), e);
    } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      if (root instanceof ConfigException ce) {
        throw ce;
      }
      throw new ConfigException(
          "bad configuration at " + path(e) + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ConfigException("bad YAML: " + e.getMessage(), e);
    }
  }

  private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (var ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.length() == 0 ? "<top>" : sb.toString();
  }

  static ObjectMapper mapper() {
    SimpleModule m = new SimpleModule();
    m.addDeserializer(
        Duration.class,
        new JsonDeserializer<>() {
          @Override
          public Duration deserialize(JsonParser p, DeserializationContext ctxt)
              throws IOException {
            return parseDuration(p.getValueAsString());
          }
        });
    m.addDeserializer(
        LocalTime.class,
        new JsonDeserializer<>() {
          @Override
          public LocalTime deserialize(JsonParser p, DeserializationContext ctxt)
              throws IOException {
            String v = p.getValueAsString();
            try {
              return LocalTime.parse(v.length() == 4 ? "0" + v : v);
            } catch (RuntimeException e) {
              throw new ConfigException("'" + v + "' is not a time of day like 08:00");
            }
          }
        });
    m.addDeserializer(
        ZoneId.class,
        new JsonDeserializer<>() {
          @Override
          public ZoneId deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String v = p.getValueAsString();
            try {
              return ZoneId.of(v);
            } catch (RuntimeException e) {
              throw new ConfigException("'" + v + "' is not a time zone like Asia/Seoul");
            }
          }
        });
    return new ObjectMapper(new YAMLFactory())
        .registerModule(m)
        .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /** The project's one duration grammar ({@link DurationFormat}); null stays null. */
  public static Duration parseDuration(String v) {
    if (v == null) {
      return null;
    }
    try {
      return DurationFormat.parse(v);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("'" + v + "' is not a duration like 200ms, 5s, 10m, 1h or 2d");
    }
  }
}
