package dev.ngsign.spring.boot.ngs;

import dev.ngsign.ngs.client.AsyncReportListener;
import dev.ngsign.ngs.client.NgsClient;
import dev.ngsign.ngs.client.ReportListener;
import dev.ngsign.ngs.client.StateListener;
import dev.ngsign.spring.boot.NgsClientBuilderCustomizer;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * NGS clients from {@code ngsign.ngs.*}: one {@link NgsClient} bean per configured account (see
 * {@link NgsClientRegistrar}), started and closed with the application ({@link
 * NgsClientsLifecycle}). Ordered after the meter registries of Boot 3 and Boot 4, so that a {@link
 * MeterRegistry} is found.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
    })
@ConditionalOnClass(NgsClient.class)
@ConditionalOnProperty(
    prefix = NgsProperties.PREFIX,
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(NgsProperties.class)
@Import(NgsClientRegistrar.class)
public class NgsAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  public NgsClientFactory ngsClientFactory(
      NgsProperties properties,
      BeanFactory beanFactory,
      ObjectProvider<MeterRegistry> meterRegistry,
      ObjectProvider<ReportListener> reportListeners,
      ObjectProvider<AsyncReportListener> asyncReportListeners,
      ObjectProvider<StateListener> stateListeners,
      ObjectProvider<NgsClientBuilderCustomizer> customizers) {
    return new NgsClientFactory(
        properties,
        beanFactory,
        meterRegistry,
        reportListeners,
        asyncReportListeners,
        stateListeners,
        customizers);
  }

  @Bean
  @ConditionalOnMissingBean
  public NgsClientsLifecycle ngsClientsLifecycle(ObjectProvider<ManagedNgsClient> clients) {
    return new NgsClientsLifecycle(clients);
  }
}
