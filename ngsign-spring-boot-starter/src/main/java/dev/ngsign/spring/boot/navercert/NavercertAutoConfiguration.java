package dev.ngsign.spring.boot.navercert;

import dev.ngsign.navercert.NavercertClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * A {@link NavercertClient} bean when {@code navercert.link-id} (or Linkhub's {@code
 * navercert.LinkID}) is set.
 */
@AutoConfiguration
@ConditionalOnClass(NavercertClient.class)
@ConditionalOnProperty(
    prefix = NavercertProperties.PREFIX,
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
@Conditional(NavercertAutoConfiguration.OnLinkId.class)
@EnableConfigurationProperties(NavercertProperties.class)
public class NavercertAutoConfiguration {
  /** Linkhub's fixed-IP hosts, taken with {@code use-static-ip=true} unless the URLs are set. */
  static final String STATIC_SERVICE_URL = "https://static-barocert.linkhub.co.kr";

  static final String STATIC_AUTH_URL = "https://static-auth.linkhub.co.kr";

  @Bean
  @ConditionalOnMissingBean
  public NavercertClient navercertClient(NavercertProperties p) {
    NavercertClient.Builder b = NavercertClient.builder().linkId(p.getLinkId());
    if (p.getSecretKey() == null || p.getSecretKey().isBlank()) {
      throw new IllegalStateException(
          "navercert.secret-key (SecretKey) is not set for navercert.link-id " + p.getLinkId());
    }
    try {
      b.secretKey(p.getSecretKey().trim());
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "navercert.secret-key: not the Base64 of 32 bytes (the value is not shown)", e);
    }
    boolean staticIp = Boolean.TRUE.equals(p.getUseStaticIp());
    if (notBlank(p.getServiceUrl())) {
      b.serviceUrl(p.getServiceUrl().trim());
    } else if (staticIp) {
      b.serviceUrl(STATIC_SERVICE_URL);
    }
    if (notBlank(p.getAuthUrl())) {
      b.authUrl(p.getAuthUrl().trim());
    } else if (staticIp) {
      b.authUrl(STATIC_AUTH_URL);
    }
    if (notBlank(p.getForwardedIp())) {
      b.forwardedIp(p.getForwardedIp().trim());
    } else if (!p.ipRestrictResolved()) {
      b.forwardedIp("*"); // what Linkhub's SDKs send when IP restriction is off
    }
    b.useServerTime(!p.useLocalTimeResolved());
    if (p.getEncryptionMode() != null) {
      b.encryptionMode(p.getEncryptionMode());
    }
    if (p.getConnectTimeout() != null) {
      b.connectTimeout(p.getConnectTimeout());
    }
    if (p.getRequestTimeout() != null) {
      b.requestTimeout(p.getRequestTimeout());
    }
    if (p.getMaxRetries() != null) {
      b.maxRetries(p.getMaxRetries());
    }
    return b.build();
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }

  /**
   * {@code navercert.link-id} set under any of its relaxed names ({@code LinkID}, {@code linkId},
   * {@code NAVERCERT_LINKID}).
   */
  static final class OnLinkId extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(
        ConditionContext context, AnnotatedTypeMetadata metadata) {
      String id =
          Binder.get(context.getEnvironment()).bind("navercert.link-id", String.class).orElse("");
      return id.isBlank()
          ? ConditionOutcome.noMatch("navercert.link-id (LinkID) is not set")
          : ConditionOutcome.match("navercert.link-id is set");
    }
  }
}
