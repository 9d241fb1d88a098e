package dev.ngsign.ngs.agent.internal.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ngsign.ngs.agent.AgentConfig;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code agent.yml} as Jackson reads it (kebab-case keys, every value optional), kept apart from
 * the public {@link AgentConfig} so that the file format and the API can change independently.
 * {@link #toConfig()} applies the defaults and the checks.
 */
record AgentYaml(
    String nodeId,
    ZoneId zone,
    Boolean allowZoneMismatch,
    Database database,
    List<Account> accounts,
    Polling polling,
    Retry retry,
    Expiry expiry,
    LogTable logTable,
    Lease lease,
    Guards guards,
    Http http,
    Console console) {

  record Database(
      String url,
      String user,
      String password,
      String passwordEnv,
      String tablePrefix,
      String serialPrefix,
      Integer poolSize) {}

  record Account(
      String name,
      String certHost,
      Integer certPort,
      String id,
      String password,
      String passwordEnv,
      Boolean encrypted,
      String senderCode,
      @JsonProperty("default") Boolean isDefault,
      Integer tps) {}

  record Polling(
      Duration interval,
      Integer batchSize,
      Integer maxInFlight,
      Integer writeBatchSize,
      Duration writeDelay) {}

  record Retry(
      Integer maxAttempts, Duration initialBackoff, Double multiplier, Duration maxBackoff) {}

  record Expiry(
      Duration defaultTtl,
      Duration reportTimeout,
      Duration resendUnreportedAfter,
      Duration unservedHintAfter,
      Duration reportOverdueAfter) {}

  record LogTable(String mode, Duration after, Integer batchSize, String month) {}

  record Lease(Duration timeout, Duration heartbeat) {}

  record Guards(
      Boolean advertising,
      LocalTime adWindowStart,
      LocalTime adWindowEnd,
      Boolean requireSenderCode,
      Boolean contentRules) {}

  record Http(Integer port, String bind) {}

  record Console(
      Boolean enabled,
      Integer port,
      String bind,
      String passwordHash,
      Boolean secureCookie,
      Duration sessionIdle,
      Duration sessionMax) {}

  AgentConfig toConfig() {
    return AgentConfig.builder()
        .nodeId(nodeId)
        .zone(zone)
        .allowZoneMismatch(allowZoneMismatch)
        .database(
            database == null
                ? null
                : new AgentConfig.Database(
                    database.url,
                    database.user,
                    database.password,
                    database.passwordEnv,
                    database.tablePrefix,
                    database.serialPrefix,
                    database.poolSize))
        .accounts(accounts == null ? null : accounts.stream().map(AgentYaml::account).toList())
        .polling(
            polling == null
                ? null
                : new AgentConfig.Polling(
                    polling.interval,
                    polling.batchSize,
                    polling.maxInFlight,
                    polling.writeBatchSize,
                    polling.writeDelay))
        .retry(
            retry == null
                ? null
                : new AgentConfig.Retry(
                    retry.maxAttempts, retry.initialBackoff, retry.multiplier, retry.maxBackoff))
        .expiry(
            expiry == null
                ? null
                : new AgentConfig.Expiry(
                    expiry.defaultTtl,
                    expiry.reportTimeout,
                    expiry.resendUnreportedAfter,
                    expiry.unservedHintAfter,
                    expiry.reportOverdueAfter))
        .logTable(
            logTable == null
                ? null
                : new AgentConfig.LogTable(
                    logTable.mode, logTable.after, logTable.batchSize, logTable.month))
        .lease(lease == null ? null : new AgentConfig.Lease(lease.timeout, lease.heartbeat))
        .guards(
            guards == null
                ? null
                : new AgentConfig.Guards(
                    guards.advertising,
                    guards.adWindowStart,
                    guards.adWindowEnd,
                    guards.requireSenderCode,
                    guards.contentRules))
        .http(http == null ? null : new AgentConfig.Http(http.port, http.bind))
        .console(
            console == null
                ? null
                : new AgentConfig.Console(
                    console.enabled,
                    console.port,
                    console.bind,
                    console.passwordHash,
                    console.secureCookie,
                    console.sessionIdle,
                    console.sessionMax))
        .build();
  }

  private static AgentConfig.Account account(Account a) {
    if (a == null) {
      throw new dev.ngsign.ngs.agent.ConfigException("accounts[]: an empty entry");
    }
    return new AgentConfig.Account(
        a.name,
        a.certHost,
        a.certPort,
        a.id,
        a.password,
        a.passwordEnv,
        a.encrypted,
        a.senderCode,
        a.isDefault,
        a.tps);
  }
}
