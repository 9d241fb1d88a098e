package dev.ngsign.spring.boot.actuate;

import dev.ngsign.navercert.NavercertClient;
import dev.ngsign.spring.boot.HealthReport;
import dev.ngsign.spring.boot.agent.NgsAgentLifecycle;
import dev.ngsign.spring.boot.navercert.NavercertHealth;
import dev.ngsign.spring.boot.ngs.ManagedNgsClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health contributors on Spring Boot 3 ({@code org.springframework.boot.actuate.health}): {@code
 * ngs} (one indicator, or a composite with one per account when there are several), {@code
 * navercert} and {@code ngsAgent}. Each can be switched off with {@code
 * management.health.<name>.enabled=false}.
 */
@AutoConfiguration(
    afterName = {
      "dev.ngsign.spring.boot.ngs.NgsAutoConfiguration",
      "dev.ngsign.spring.boot.navercert.NavercertAutoConfiguration",
      "dev.ngsign.spring.boot.agent.NgsAgentAutoConfiguration"
    },
    beforeName =
        "org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration")
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
public class NgsignHealthBoot3AutoConfiguration {

  static HealthIndicator indicator(Supplier<HealthReport> source) {
    return () -> {
      HealthReport r = source.get();
      return (r.up() ? Health.up() : Health.down()).withDetails(r.details()).build();
    };
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBean(ManagedNgsClient.class)
  @ConditionalOnEnabledHealthIndicator("ngs")
  static class Ngs {
    @Bean
    @ConditionalOnMissingBean(name = "ngsHealthContributor")
    HealthContributor ngsHealthContributor(Map<String, ManagedNgsClient> clients) {
      Map<String, Supplier<HealthReport>> sources = NgsignHealthSources.ngs(clients);
      if (sources.size() == 1) {
        return indicator(sources.values().iterator().next());
      }
      Map<String, HealthIndicator> each = new LinkedHashMap<>();
      sources.forEach((name, s) -> each.put(name, indicator(s)));
      return CompositeHealthContributor.fromMap(each);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBean(NavercertClient.class)
  @ConditionalOnEnabledHealthIndicator("navercert")
  @ConditionalOnProperty(
      prefix = "navercert",
      name = "health",
      havingValue = "true",
      matchIfMissing = true)
  static class Navercert {
    @Bean
    @ConditionalOnMissingBean(name = "navercertHealthContributor")
    HealthContributor navercertHealthContributor(NavercertClient client) {
      return indicator(new NavercertHealth(client, Duration.ofSeconds(5))::check);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name =
          "dev.ngsign.ngs.agent.Agent") // optional: the agent's health only with ngs-agent present
  @ConditionalOnBean(NgsAgentLifecycle.class)
  @ConditionalOnEnabledHealthIndicator("ngsagent")
  static class Agent {
    @Bean
    @ConditionalOnMissingBean(name = "ngsAgentHealthContributor")
    HealthContributor ngsAgentHealthContributor(NgsAgentLifecycle agent) {
      return indicator(agent::health);
    }
  }
}
