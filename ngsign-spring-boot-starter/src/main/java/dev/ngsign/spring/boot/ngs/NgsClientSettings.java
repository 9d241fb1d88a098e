package dev.ngsign.spring.boot.ngs;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One NGS account's client settings, the keys of {@code NgsClientBuilder.properties}. A setting
 * left unset keeps the client's default (named on each property); under {@code
 * ngsign.ngs.accounts.<name>} it first takes the value set directly under {@code ngsign.ngs}.
 */
public class NgsClientSettings {

  /** The cert server as host:port, e.g. ngs.example.com:4400. Required. */
  private String certServer;

  /** The NGS account ID (1 to 20 characters). Required for a client to be created. */
  private String id;

  /** The account's password (hashed at once, never logged). Required with id. */
  private String password;

  /** Encrypted sessions (BIND TYPE P, AES-256 bodies). Default false. */
  private Boolean encrypted;

  /** A fixed KEYPOS (0..64). Default: a new random one in 0..32 for every connection. */
  private Integer keyPos;

  /** The 9-digit SENDER_CODE for messages that set none. Default: none. */
  private String senderCode;

  /** DELIVERs that may wait for their DELIVER_ACK at once. Default 64. */
  private Integer window;

  /** Sends that may be pending before send() blocks. Default 10000. */
  private Integer queueCapacity;

  /** How long send() blocks while the queue is full (0: never). Default 10s. */
  private Duration maxBlock;

  /** How long a message may wait, queued or between retries, before it fails. Default 2m. */
  private Duration deliveryTimeout;

  /** How long to wait for any ACK before the sessions are re-established. Default 10s. */
  private Duration ackTimeout;

  /** Send LINK after this long without a received packet. Default 30s. */
  private Duration linkInterval;

  /** TCP connect timeout. Default 5s. */
  private Duration connectTimeout;

  /** Least time between two CERTs (the gateway refuses a second one within 3 s). Default 3.5s. */
  private Duration certMinInterval;

  /** How long closing waits for pending sends. Default 10s. */
  private Duration closeTimeout;

  /** Acknowledged reports remembered to flag duplicates. Default 20000. */
  private Integer duplicateMemory;

  /**
   * Whether a failed first login fails the application's start-up. When false the application
   * starts anyway, health shows the account DOWN with the reason, and an unreachable gateway is
   * retried in the background (a refused login is not: retrying a wrong password would lock the
   * account). Default true.
   */
  private Boolean failFast;

  /**
   * The keys and values {@code NgsClientBuilder.properties} takes; {@code fallback} fills what this
   * leaves unset.
   */
  Map<String, String> builderProperties(NgsClientSettings fallback) {
    Map<String, String> m = new LinkedHashMap<>();
    put(m, "cert-server", certServer, fallback == null ? null : fallback.certServer);
    put(m, "id", id, null);
    put(m, "password", password, null);
    put(m, "encrypted", encrypted, fallback == null ? null : fallback.encrypted);
    put(m, "key-pos", keyPos, fallback == null ? null : fallback.keyPos);
    put(m, "sender-code", senderCode, fallback == null ? null : fallback.senderCode);
    put(m, "window", window, fallback == null ? null : fallback.window);
    put(m, "queue-capacity", queueCapacity, fallback == null ? null : fallback.queueCapacity);
    put(m, "max-block", maxBlock, fallback == null ? null : fallback.maxBlock);
    put(m, "delivery-timeout", deliveryTimeout, fallback == null ? null : fallback.deliveryTimeout);
    put(m, "ack-timeout", ackTimeout, fallback == null ? null : fallback.ackTimeout);
    put(m, "link-interval", linkInterval, fallback == null ? null : fallback.linkInterval);
    put(m, "connect-timeout", connectTimeout, fallback == null ? null : fallback.connectTimeout);
    put(
        m,
        "cert-min-interval",
        certMinInterval,
        fallback == null ? null : fallback.certMinInterval);
    put(m, "close-timeout", closeTimeout, fallback == null ? null : fallback.closeTimeout);
    put(m, "duplicate-memory", duplicateMemory, fallback == null ? null : fallback.duplicateMemory);
    return m;
  }

  boolean failFast(NgsClientSettings fallback) {
    if (failFast != null) {
      return failFast;
    }
    return fallback == null || fallback.failFast == null || fallback.failFast;
  }

  private static void put(Map<String, String> m, String key, Object value, Object fallback) {
    Object v = value != null ? value : fallback;
    if (v != null && !(v instanceof String s && s.isBlank())) {
      m.put(key, v.toString()); // Duration.toString() is ISO-8601, which the builder reads
    }
  }

  public String getCertServer() {
    return certServer;
  }

  public void setCertServer(String certServer) {
    this.certServer = certServer;
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public Boolean getEncrypted() {
    return encrypted;
  }

  public void setEncrypted(Boolean encrypted) {
    this.encrypted = encrypted;
  }

  public Integer getKeyPos() {
    return keyPos;
  }

  public void setKeyPos(Integer keyPos) {
    this.keyPos = keyPos;
  }

  public String getSenderCode() {
    return senderCode;
  }

  public void setSenderCode(String senderCode) {
    this.senderCode = senderCode;
  }

  public Integer getWindow() {
    return window;
  }

  public void setWindow(Integer window) {
    this.window = window;
  }

  public Integer getQueueCapacity() {
    return queueCapacity;
  }

  public void setQueueCapacity(Integer queueCapacity) {
    this.queueCapacity = queueCapacity;
  }

  public Duration getMaxBlock() {
    return maxBlock;
  }

  public void setMaxBlock(Duration maxBlock) {
    this.maxBlock = maxBlock;
  }

  public Duration getDeliveryTimeout() {
    return deliveryTimeout;
  }

  public void setDeliveryTimeout(Duration deliveryTimeout) {
    this.deliveryTimeout = deliveryTimeout;
  }

  public Duration getAckTimeout() {
    return ackTimeout;
  }

  public void setAckTimeout(Duration ackTimeout) {
    this.ackTimeout = ackTimeout;
  }

  public Duration getLinkInterval() {
    return linkInterval;
  }

  public void setLinkInterval(Duration linkInterval) {
    this.linkInterval = linkInterval;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Duration getCertMinInterval() {
    return certMinInterval;
  }

  public void setCertMinInterval(Duration certMinInterval) {
    this.certMinInterval = certMinInterval;
  }

  public Duration getCloseTimeout() {
    return closeTimeout;
  }

  public void setCloseTimeout(Duration closeTimeout) {
    this.closeTimeout = closeTimeout;
  }

  public Integer getDuplicateMemory() {
    return duplicateMemory;
  }

  public void setDuplicateMemory(Integer duplicateMemory) {
    this.duplicateMemory = duplicateMemory;
  }

  public Boolean getFailFast() {
    return failFast;
  }

  public void setFailFast(Boolean failFast) {
    this.failFast = failFast;
  }
}
