package dev.ngsign.spring.boot.actuate;

import dev.ngsign.navercert.NavercertClient;
import dev.ngsign.ngs.client.NgsClient;
import dev.ngsign.spring.boot.ngs.ManagedNgsClient;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code ngsign} section of {@code /actuator/info}: the library's version, each NGS account
 * (ID, cert server, encryption, fail-fast; never a password) and the Naver e-signature LinkID and
 * URLs. Off with {@code management.info.ngsign.enabled=false}. Boot 3 and Boot 4 keep {@code
 * InfoContributor} in the same package.
 */
@AutoConfiguration(
    afterName = {
      "dev.ngsign.spring.boot.ngs.NgsAutoConfiguration",
      "dev.ngsign.spring.boot.navercert.NavercertAutoConfiguration"
    })
@ConditionalOnClass(name = "org.springframework.boot.actuate.info.InfoContributor")
public class NgsignInfoAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "ngsignInfoContributor")
  @ConditionalOnEnabledInfoContributor("ngsign")
  public InfoContributor ngsignInfoContributor(
      ObjectProvider<ManagedNgsClient> clients, ObjectProvider<NavercertClient> navercert) {
    return builder -> {
      Map<String, Object> info = new LinkedHashMap<>();
      String version = NgsClient.class.getPackage().getImplementationVersion();
      if (version != null) {
        info.put("version", version);
      }
      Map<String, Object> ngs = new LinkedHashMap<>();
      clients.orderedStream().forEach(c -> ngs.put(c.name(), c.info()));
      if (!ngs.isEmpty()) {
        info.put("ngs", ngs);
      }
      NavercertClient n = navercert.getIfAvailable();
      if (n != null) {
        info.put(
            "navercert",
            Map.of(
                "linkId",
                n.linkId(),
                "serviceUrl",
                n.serviceUrl().toString(),
                "authUrl",
                n.authUrl().toString()));
      }
      builder.withDetail("ngsign", info);
    };
  }
}
