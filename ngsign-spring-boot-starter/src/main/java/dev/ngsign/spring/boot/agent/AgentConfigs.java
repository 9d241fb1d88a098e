package dev.ngsign.spring.boot.agent;

import dev.ngsign.ngs.agent.AgentConfig;
import dev.ngsign.ngs.agent.ConfigException;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link NgsAgentProperties} to the agent's own {@link AgentConfig}: unset values stay null, so the
 * agent's defaults apply.
 */
final class AgentConfigs {
  private AgentConfigs() {}

  /**
   * @param jdbcUrl the application DataSource's URL: it picks the SQL dialect
   * @throws ConfigException naming the {@code ngsign.agent.*} key of a bad value
   */
  static AgentConfig toAgentConfig(NgsAgentProperties p, String jdbcUrl) {
    List<AgentConfig.Account> accounts = new ArrayList<>();
    for (int i = 0; i < p.getAccounts().size(); i++) {
      NgsAgentProperties.Account a = p.getAccounts().get(i);
      try {
        accounts.add(
            new AgentConfig.Account(
                a.getName(),
                a.getCertHost(),
                a.getCertPort(),
                a.getId(),
                a.getPassword(),
                a.getPasswordEnv(),
                a.getEncrypted(),
                a.getSenderCode(),
                a.getDefault(),
                a.getTps()));
      } catch (ConfigException e) {
        throw new ConfigException(
            NgsAgentProperties.PREFIX
                + "."
                + e.getMessage().replace("accounts[]", "accounts[" + i + "]"),
            e);
      }
    }
    try {
      NgsAgentProperties.Polling po = p.getPolling();
      NgsAgentProperties.Retry r = p.getRetry();
      NgsAgentProperties.Expiry ex = p.getExpiry();
      NgsAgentProperties.LogTable lt = p.getLogTable();
      NgsAgentProperties.Lease le = p.getLease();
      NgsAgentProperties.Guards g = p.getGuards();
      NgsAgentProperties.Http h = p.getHttp();
      return new AgentConfig(
          p.getNodeId(),
          // the application's own inserts write local time in its JVM's zone: the agent beside them
          // uses it too
          p.getZone() != null ? p.getZone() : java.time.ZoneId.systemDefault(),
          null,
          new AgentConfig.Database(
              jdbcUrl,
              null,
              null,
              null,
              p.getDatabase().getTablePrefix(),
              p.getDatabase().getSerialPrefix(),
              null),
          accounts,
          new AgentConfig.Polling(
              po.getInterval(),
              po.getBatchSize(),
              po.getMaxInFlight(),
              po.getWriteBatchSize(),
              po.getWriteDelay()),
          new AgentConfig.Retry(
              r.getMaxAttempts(), r.getInitialBackoff(), r.getMultiplier(), r.getMaxBackoff()),
          new AgentConfig.Expiry(
              ex.getDefaultTtl(), ex.getReportTimeout(), ex.getResendUnreportedAfter()),
          new AgentConfig.LogTable(lt.getMode(), lt.getAfter(), lt.getBatchSize()),
          new AgentConfig.Lease(le.getTimeout(), le.getHeartbeat()),
          new AgentConfig.Guards(
              g.getAdvertising(),
              time("guards.ad-window-start", g.getAdWindowStart()),
              time("guards.ad-window-end", g.getAdWindowEnd()),
              g.getRequireSenderCode(),
              g.getContentRules()),
          new AgentConfig.Http(h.getPort() == null ? 0 : h.getPort(), h.getBind()),
          null); // the console is the standalone agent's (./ngsign agent); not in the starter yet
    } catch (ConfigException e) {
      throw new ConfigException(NgsAgentProperties.PREFIX + "." + e.getMessage(), e);
    }
  }

  private static LocalTime time(String key, String v) {
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return LocalTime.parse(v.trim());
    } catch (DateTimeParseException e) {
      throw new ConfigException(key + ": '" + v + "' is not a time like 08:00", e);
    }
  }
}
