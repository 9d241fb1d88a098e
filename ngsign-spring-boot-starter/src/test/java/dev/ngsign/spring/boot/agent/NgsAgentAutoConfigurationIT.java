package dev.ngsign.spring.boot.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ngsign.ngs.agent.Agent;
import dev.ngsign.ngs.agent.SendTable;
import dev.ngsign.ngs.agent.demo.SampleMessages;
import dev.ngsign.ngs.gateway.Account;
import dev.ngsign.ngs.gateway.GatewayPorts;
import dev.ngsign.ngs.gateway.NgsGateway;
import dev.ngsign.ngs.gateway.TestNumbers;
import dev.ngsign.spring.boot.actuate.NgsignHealthBoot3AutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The agent inside an application, on the application's DataSource (H2 here), sending to the real
 * gateway.
 */
class NgsAgentAutoConfigurationIT {
  NgsGateway gateway;
  GatewayPorts ports;

  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  NgsAgentAutoConfiguration.class, NgsignHealthBoot3AutoConfiguration.class))
          .withUserConfiguration(App.class);

  @BeforeEach
  void start() {
    gateway =
        NgsGateway.builder()
            .reportDelay(Duration.ZERO)
            .ioThreads(1)
            .recordDelivers(10)
            .account(Account.builder("agentid", "pw-1").build())
            .build();
    ports = gateway.start();
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  String[] agentProperties() {
    return new String[] {
      "ngsign.agent.enabled=true",
      "ngsign.agent.node-id=spring-1",
      "ngsign.agent.accounts[0].name=main",
      "ngsign.agent.accounts[0].cert-port=" + ports.certPort(),
      "ngsign.agent.accounts[0].id=agentid",
      "ngsign.agent.accounts[0].password=pw-1",
      "ngsign.agent.accounts[0].encrypted=false",
      "ngsign.agent.accounts[0].default=true",
      "ngsign.agent.polling.interval=20ms",
      "ngsign.agent.lease.timeout=1500ms",
      "ngsign.agent.lease.heartbeat=250ms",
      "ngsign.agent.guards.advertising=false",
      "ngsign.agent.guards.ad-window-start=09:00"
    };
  }

  @Test
  void aRowInTheApplicationsDatabaseIsSentAndReportedWithHealthAndMetricsInTheApplication() {
    runner
        .withPropertyValues(agentProperties())
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              Agent agent = ctx.getBean(Agent.class);
              assertThat(agent.dataSource()).isSameAs(ctx.getBean(DataSource.class));
              assertThat(agent.config().guards().adWindowStart().getHour()).isEqualTo(9);
              assertThat(agent.config().http().port())
                  .isZero(); // Actuator serves health and metrics
              await()
                  .atMost(Duration.ofSeconds(20))
                  .until(() -> agent.heldAccounts().containsKey("main"));

              long id =
                  new SendTable(ctx.getBean(DataSource.class), "NGS_")
                      .insert(
                          SampleMessages.sms(
                                  TestNumbers.DELIVERED_SK, "from the application's table")
                              .columns());
              await()
                  .atMost(Duration.ofSeconds(20))
                  .until(() -> "DONE".equals(status(ctx.getBean(DataSource.class), id)));
              assertThat(gateway.acceptedCount("agentid")).isEqualTo(1);

              Health h = ctx.getBean("ngsAgentHealthContributor", HealthIndicator.class).health();
              assertThat(h.getStatus()).isEqualTo(Status.UP);
              assertThat(h.getDetails()).containsEntry("node", "spring-1");
              assertThat(h.getDetails().get("accounts").toString()).contains("main=held");
              MeterRegistry meters = ctx.getBean(MeterRegistry.class);
              assertThat(meters.find("ngs.agent.reports").counters()).isNotEmpty();
            });
  }

  @Test
  void aBadValueNamesItsKey() {
    runner
        .withPropertyValues(agentProperties())
        .withPropertyValues("ngsign.agent.log-table.mode=weekly")
        .run(
            ctx -> {
              assertThat(ctx).hasFailed();
              assertThat(ctx.getStartupFailure())
                  .hasStackTraceContaining("ngsign.agent.log-table.mode: 'weekly'");
            });
  }

  @Test
  void offUnlessEnabled() {
    runner.run(ctx -> assertThat(ctx).doesNotHaveBean(Agent.class));
  }

  static String status(DataSource ds, long id) throws Exception {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT STATUS FROM NGS_MSG WHERE ID = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class App {
    @Bean
    DataSource dataSource() {
      JdbcDataSource ds = new JdbcDataSource();
      ds.setURL(
          "jdbc:h2:mem:app" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
      ds.setUser("sa");
      return ds;
    }

    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }
}
