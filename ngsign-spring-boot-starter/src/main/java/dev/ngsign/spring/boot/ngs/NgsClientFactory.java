package dev.ngsign.spring.boot.ngs;

import dev.ngsign.ngs.client.AsyncReportListener;
import dev.ngsign.ngs.client.NgsClient;
import dev.ngsign.ngs.client.NgsClientBuilder;
import dev.ngsign.ngs.client.ReconnectStrategy;
import dev.ngsign.ngs.client.ReportListener;
import dev.ngsign.ngs.client.StateListener;
import dev.ngsign.spring.boot.NgsClientBuilderCustomizer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;

/**
 * Builds the {@link ManagedNgsClient} of one configured account from its settings and the
 * application's beans: its {@link ReportListener} or {@link AsyncReportListener} (one qualified
 * with the account's name, else the only one), every {@link StateListener}, the {@link
 * MeterRegistry} when there is one, and every {@link NgsClientBuilderCustomizer}.
 */
public class NgsClientFactory {
  /** The account name of the client configured directly under {@code ngsign.ngs}. */
  public static final String DEFAULT_ACCOUNT = "default";

  private final NgsProperties properties;
  private final BeanFactory beans;
  private final ObjectProvider<MeterRegistry> meterRegistry;
  private final ObjectProvider<ReportListener> reportListeners;
  private final ObjectProvider<AsyncReportListener> asyncReportListeners;
  private final ObjectProvider<StateListener> stateListeners;
  private final ObjectProvider<NgsClientBuilderCustomizer> customizers;

  public NgsClientFactory(
      NgsProperties properties,
      BeanFactory beans,
      ObjectProvider<MeterRegistry> meterRegistry,
      ObjectProvider<ReportListener> reportListeners,
      ObjectProvider<AsyncReportListener> asyncReportListeners,
      ObjectProvider<StateListener> stateListeners,
      ObjectProvider<NgsClientBuilderCustomizer> customizers) {
    this.properties = properties;
    this.beans = beans;
    this.meterRegistry = meterRegistry;
    this.reportListeners = reportListeners;
    this.asyncReportListeners = asyncReportListeners;
    this.stateListeners = stateListeners;
    this.customizers = customizers;
  }

  /**
   * The client of {@code ngsign.ngs.*} ({@code account} = {@value #DEFAULT_ACCOUNT}) or of {@code
   * ngsign.ngs.accounts.<account>.*}.
   */
  public ManagedNgsClient create(String account) {
    NgsClientSettings own =
        DEFAULT_ACCOUNT.equals(account) ? properties : properties.getAccounts().get(account);
    if (own == null) {
      throw new IllegalArgumentException(
          "no NGS account '" + account + "' under ngsign.ngs.accounts");
    }
    NgsClientSettings fallback = own == properties ? null : properties;
    String prefix =
        own == properties ? NgsProperties.PREFIX : NgsProperties.PREFIX + ".accounts." + account;
    Map<String, String> settings = own.builderProperties(fallback);
    // resolved once: every client built for this account (a retried start builds a new one) gets
    // the same beans
    ReportListener reportListener = listener(ReportListener.class, reportListeners, account);
    AsyncReportListener asyncListener =
        listener(AsyncReportListener.class, asyncReportListeners, account);
    if (reportListener != null && asyncListener != null) {
      throw new IllegalStateException(
          "NGS account "
              + account
              + ": the application has both a ReportListener and an"
              + " AsyncReportListener bean for it; keep one, or qualify each with @Qualifier(\"<account>\")");
    }
    List<StateListener> states = stateListeners.orderedStream().toList();
    List<NgsClientBuilderCustomizer> custom = customizers.orderedStream().toList();
    MeterRegistry registry = meterRegistry.getIfAvailable();
    return new ManagedNgsClient(
        account,
        settings.get("cert-server"),
        Boolean.parseBoolean(settings.get("encrypted")),
        own.failFast(fallback),
        tracker -> {
          NgsClientBuilder b = builder(prefix, settings);
          if (reportListener != null) {
            b.reportListener(reportListener);
          }
          if (asyncListener != null) {
            b.asyncReportListener(asyncListener);
          }
          states.forEach(b::stateListener);
          b.stateListener(tracker);
          if (registry != null) {
            b.meterRegistry(registry);
          }
          custom.forEach(c -> c.customize(account, b));
          return b.build();
        },
        ReconnectStrategy.defaultStrategy());
  }

  private static NgsClientBuilder builder(String prefix, Map<String, String> settings) {
    if (!settings.containsKey("cert-server")) {
      throw new IllegalStateException(
          prefix + ".cert-server is not set (host:port of the NGS cert server)");
    }
    if (!settings.containsKey("password")) {
      throw new IllegalStateException(
          prefix + ".password is not set (the password of " + prefix + ".id)");
    }
    try {
      return NgsClient.builder().properties(settings);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(prefix + ": " + e.getMessage(), e);
    }
  }

  private <T> T listener(Class<T> type, ObjectProvider<T> all, String account) {
    try {
      return BeanFactoryAnnotationUtils.qualifiedBeanOfType(beans, type, account);
    } catch (NoSuchBeanDefinitionException e) {
      return all.getIfUnique();
    }
  }
}
