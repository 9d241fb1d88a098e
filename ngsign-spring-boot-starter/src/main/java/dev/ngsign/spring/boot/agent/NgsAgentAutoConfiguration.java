package dev.ngsign.spring.boot.agent;

import dev.ngsign.ngs.agent.Agent;
import dev.ngsign.ngs.agent.AgentException;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The sending agent inside the application ({@code ngsign.agent.enabled=true}) on the application's
 * {@link DataSource}, with its meters in the application's {@link MeterRegistry}. Ordered after the
 * DataSource and meter registry auto-configurations of Boot 3 and Boot 4.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
    })
@ConditionalOnClass(name = "dev.ngsign.ngs.agent.Agent")
@ConditionalOnProperty(prefix = NgsAgentProperties.PREFIX, name = "enabled", havingValue = "true")
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(NgsAgentProperties.class)
public class NgsAgentAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  public Agent ngsAgent(
      NgsAgentProperties properties,
      DataSource dataSource,
      ObjectProvider<MeterRegistry> meterRegistry) {
    String url = jdbcUrl(dataSource);
    Agent.Builder b =
        Agent.builder(AgentConfigs.toAgentConfig(properties, url)).dataSource(dataSource, url);
    MeterRegistry registry = meterRegistry.getIfAvailable();
    if (registry != null) {
      b.meterRegistry(registry);
    }
    if (properties.getMigrate() != null) {
      b.migrate(properties.getMigrate());
    }
    return b.build();
  }

  @Bean
  @ConditionalOnMissingBean
  public NgsAgentLifecycle ngsAgentLifecycle(Agent agent) {
    return new NgsAgentLifecycle(agent);
  }

  private static String jdbcUrl(DataSource ds) {
    try (Connection c = ds.getConnection()) {
      return c.getMetaData().getURL();
    } catch (SQLException e) {
      throw new AgentException(
          "ngsign.agent: cannot reach the application's DataSource to pick the SQL dialect: "
              + e.getMessage(),
          e);
    }
  }
}
