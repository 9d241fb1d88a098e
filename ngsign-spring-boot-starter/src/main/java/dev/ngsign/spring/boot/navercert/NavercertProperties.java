package dev.ngsign.spring.boot.navercert;

import dev.ngsign.navercert.EncryptionMode;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;

/**
 * {@code navercert.*}: the e-signature client. Relaxed binding makes Linkhub's {@code
 * barocert-spring-boot-starter} names the same properties as ours: {@code navercert.LinkID} is
 * {@code navercert.link-id}, {@code SecretKey} is {@code secret-key}, {@code serviceURL} is {@code
 * service-url}, {@code authURL} is {@code auth-url}, {@code UseStaticIP} is {@code use-static-ip}.
 * Its {@code IsIPRestrictOnOff} and {@code UseLocalTimeYN} are kept as deprecated aliases of {@code
 * ip-restrict} and {@code use-local-time}.
 */
@ConfigurationProperties(prefix = NavercertProperties.PREFIX)
public class NavercertProperties {
  public static final String PREFIX = "navercert";

  /** Whether the NavercertClient is auto-configured (it also needs link-id). Default true. */
  private boolean enabled = true;

  /**
   * The LinkID issued by Linkhub. Required for the client to be created (Linkhub's name: LinkID).
   */
  private String linkId;

  /**
   * The SecretKey issued with the LinkID, Base64 of 32 bytes; never logged (Linkhub's name:
   * SecretKey).
   */
  private String secretKey;

  /**
   * The signing service's base URL. Default https://barocert.linkhub.co.kr, or the static-IP one
   * with use-static-ip (Linkhub's name: serviceURL).
   */
  private String serviceUrl;

  /**
   * The auth service's base URL. Default https://auth.linkhub.co.kr, or the static-IP one with
   * use-static-ip (Linkhub's name: authURL).
   */
  private String authUrl;

  /**
   * Use Linkhub's fixed-IP hosts (for firewalls that allow fixed addresses only). Default false
   * (Linkhub's name: UseStaticIP).
   */
  private Boolean useStaticIp;

  /**
   * Session tokens are bound to the caller's IP; false sends x-lh-forwarded: * (token usable from
   * any IP). Default true.
   */
  private Boolean ipRestrict;

  private Boolean isIpRestrictOnOff;

  /**
   * Sign requests with the local clock; false takes the time from the auth service. Default true.
   */
  private Boolean useLocalTime;

  private Boolean useLocalTimeYn;

  /** Field encryption: GCM or CBC. Default GCM. */
  private EncryptionMode encryptionMode;

  /** TCP connect timeout. Default 10s. */
  private Duration connectTimeout;

  /** Whole-request timeout. Default 70s. */
  private Duration requestTimeout;

  /** Retries of idempotent calls (status, token) after transport failures. Default 2. */
  private Integer maxRetries;

  /**
   * x-lh-forwarded: the end user's IP for LinkIDs with IP restriction. Default none
   * (ip-restrict=false sends *).
   */
  private String forwardedIp;

  /**
   * Whether a health contributor checks that the auth service issues a session token. Default true.
   */
  private boolean health = true;

  boolean ipRestrictResolved() {
    return ipRestrict != null ? ipRestrict : isIpRestrictOnOff == null || isIpRestrictOnOff;
  }

  boolean useLocalTimeResolved() {
    return useLocalTime != null ? useLocalTime : useLocalTimeYn == null || useLocalTimeYn;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getLinkId() {
    return linkId;
  }

  public void setLinkId(String linkId) {
    this.linkId = linkId;
  }

  public String getSecretKey() {
    return secretKey;
  }

  public void setSecretKey(String secretKey) {
    this.secretKey = secretKey;
  }

  public String getServiceUrl() {
    return serviceUrl;
  }

  public void setServiceUrl(String serviceUrl) {
    this.serviceUrl = serviceUrl;
  }

  public String getAuthUrl() {
    return authUrl;
  }

  public void setAuthUrl(String authUrl) {
    this.authUrl = authUrl;
  }

  public Boolean getUseStaticIp() {
    return useStaticIp;
  }

  public void setUseStaticIp(Boolean useStaticIp) {
    this.useStaticIp = useStaticIp;
  }

  public Boolean getIpRestrict() {
    return ipRestrict;
  }

  public void setIpRestrict(Boolean ipRestrict) {
    this.ipRestrict = ipRestrict;
  }

  /** Linkhub's name for {@code ip-restrict}. */
  @DeprecatedConfigurationProperty(
      replacement = "navercert.ip-restrict",
      reason = "the name of Linkhub's barocert-spring-boot-starter")
  public Boolean getIsIpRestrictOnOff() {
    return isIpRestrictOnOff;
  }

  public void setIsIpRestrictOnOff(Boolean isIpRestrictOnOff) {
    this.isIpRestrictOnOff = isIpRestrictOnOff;
  }

  public Boolean getUseLocalTime() {
    return useLocalTime;
  }

  public void setUseLocalTime(Boolean useLocalTime) {
    this.useLocalTime = useLocalTime;
  }

  /** Linkhub's name for {@code use-local-time}. */
  @DeprecatedConfigurationProperty(
      replacement = "navercert.use-local-time",
      reason = "the name of Linkhub's barocert-spring-boot-starter")
  public Boolean getUseLocalTimeYn() {
    return useLocalTimeYn;
  }

  public void setUseLocalTimeYn(Boolean useLocalTimeYn) {
    this.useLocalTimeYn = useLocalTimeYn;
  }

  public EncryptionMode getEncryptionMode() {
    return encryptionMode;
  }

  public void setEncryptionMode(EncryptionMode encryptionMode) {
    this.encryptionMode = encryptionMode;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Duration getRequestTimeout() {
    return requestTimeout;
  }

  public void setRequestTimeout(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
  }

  public Integer getMaxRetries() {
    return maxRetries;
  }

  public void setMaxRetries(Integer maxRetries) {
    this.maxRetries = maxRetries;
  }

  public String getForwardedIp() {
    return forwardedIp;
  }

  public void setForwardedIp(String forwardedIp) {
    this.forwardedIp = forwardedIp;
  }

  public boolean isHealth() {
    return health;
  }

  public void setHealth(boolean health) {
    this.health = health;
  }
}
