package dev.ngsign.spring.boot.ngs;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ngsign.ngs.*}: the settings directly under the prefix make the {@code ngsClient} bean
 * (when {@code id} is set); every {@code ngsign.ngs.accounts.<name>.*} makes one more client, bean
 * {@code <name>NgsClient} with qualifier {@code <name>}, taking every setting it leaves unset from
 * {@code ngsign.ngs.*} (except {@code id} and {@code password}).
 */
@ConfigurationProperties(prefix = NgsProperties.PREFIX)
public class NgsProperties extends NgsClientSettings {
  public static final String PREFIX = "ngsign.ngs";

  /** Whether NGS clients are auto-configured at all. Default true. */
  private boolean enabled = true;

  /**
   * Further accounts by name, each one more NgsClient bean injectable with @Qualifier("<name>").
   */
  private Map<String, NgsClientSettings> accounts = new LinkedHashMap<>();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Map<String, NgsClientSettings> getAccounts() {
    return accounts;
  }

  public void setAccounts(Map<String, NgsClientSettings> accounts) {
    this.accounts = accounts;
  }
}
