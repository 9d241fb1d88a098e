package dev.ngsign.spring.boot.ngs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ngsign.ngs.client.AsyncReportListener;
import dev.ngsign.ngs.client.ConnectionState;
import dev.ngsign.ngs.client.DeliverResult;
import dev.ngsign.ngs.client.NgsAuthenticationException;
import dev.ngsign.ngs.client.NgsClient;
import dev.ngsign.ngs.client.NgsConnectionException;
import dev.ngsign.ngs.client.NgsReport;
import dev.ngsign.ngs.client.ReportListener;
import dev.ngsign.ngs.client.Sms;
import dev.ngsign.ngs.gateway.Account;
import dev.ngsign.ngs.gateway.GatewayPorts;
import dev.ngsign.ngs.gateway.NgsGateway;
import dev.ngsign.ngs.gateway.TestNumbers;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import dev.ngsign.spring.boot.NgsClientBuilderCustomizer;
import dev.ngsign.spring.boot.actuate.NgsignHealthBoot3AutoConfiguration;
import dev.ngsign.spring.boot.actuate.NgsignInfoAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContextException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The NgsClient beans against the real in-process gateway on 127.0.0.1. */
class NgsAutoConfigurationIT {
  static final String PASSWORD = "s3cret-Pw!";
  static final String SENDER_CODE = "101280092";
  static final String FROM = "15880000";

  NgsGateway gateway;
  GatewayPorts ports;

  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  NgsAutoConfiguration.class,
                  NgsignHealthBoot3AutoConfiguration.class,
                  NgsignInfoAutoConfiguration.class));

  @BeforeEach
  void startGateway() {
    gateway =
        NgsGateway.builder()
            .certInterval(Duration.ofMillis(200))
            .reportDelay(Duration.ZERO)
            .ioThreads(1)
            .recordDelivers(100)
            .account(Account.builder("shop", PASSWORD).build())
            .account(Account.builder("bank", PASSWORD).build())
            .build();
    ports = gateway.start();
  }

  @AfterEach
  void stopGateway() {
    gateway.close();
  }

  String[] account(String prefix, String id) {
    return new String[] {
      prefix + ".cert-server=127.0.0.1:" + ports.certPort(),
      prefix + ".id=" + id,
      prefix + ".password=" + PASSWORD,
      prefix + ".sender-code=" + SENDER_CODE,
      prefix + ".cert-min-interval=250ms"
    };
  }

  @Test
  void oneAccountIsBoundWithTheContextSendsReportsToTheListenerAndClosesWithIt() throws Exception {
    runner
        .withPropertyValues(account("ngsign.ngs", "shop"))
        .withUserConfiguration(Listeners.class)
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              NgsClient client = ctx.getBean(NgsClient.class);
              assertThat(client.state())
                  .isEqualTo(ConnectionState.BOUND); // start-up waited for the login
              Sms sms =
                  Sms.builder().to(TestNumbers.DELIVERED_SK).from(FROM).text("starter").build();
              DeliverResult ack = client.sendAndWait(sms);
              assertThat(ack.serial()).isEqualTo(sms.serial());
              assertThat(gateway.takeDeliver(Duration.ofSeconds(5)).serial())
                  .isEqualTo(sms.serial());
              NgsReport report = ctx.getBean(Listeners.class).reports.poll(10, TimeUnit.SECONDS);
              assertThat(report).isNotNull();
              assertThat(report.serial()).isEqualTo(sms.serial());
              MeterRegistry meters = ctx.getBean(MeterRegistry.class);
              assertThat(meters.get("ngs.client.sent").tag("account", "shop").counter().count())
                  .isEqualTo(1);
              assertThat(ctx.getBean(Listeners.class).customized).isEqualTo("default");
              assertThat(gateway.isBound("shop", SessionKind.REPORT)).isTrue();
            });
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !gateway.isBound("shop", SessionKind.REPORT)); // closed with the context
  }

  @Test
  void anAsyncReportListenerBeanAcknowledgesWhenItsStageCompletes() throws Exception {
    runner
        .withPropertyValues(account("ngsign.ngs", "shop"))
        .withUserConfiguration(AsyncListener.class)
        .run(
            ctx -> {
              NgsClient client = ctx.getBean(NgsClient.class);
              Sms sms = Sms.builder().to(TestNumbers.DELIVERED_LG).from(FROM).text("async").build();
              client.sendAndWait(sms);
              NgsReport r = ctx.getBean(AsyncListener.class).reports.poll(10, TimeUnit.SECONDS);
              assertThat(r).isNotNull();
              assertThat(r.serial()).isEqualTo(sms.serial());
              await()
                  .atMost(Duration.ofSeconds(10))
                  .until(() -> gateway.pendingReports("shop") == 0); // REPORT_ACK sent
            });
  }

  @Test
  void healthIsUpWhileBoundAndDownWithTheReasonWhenTheGatewayGoes() {
    runner
        .withPropertyValues(account("ngsign.ngs", "shop"))
        .run(
            ctx -> {
              HealthIndicator ngs = ctx.getBean("ngsHealthContributor", HealthIndicator.class);
              Health up = ngs.health();
              assertThat(up.getStatus()).isEqualTo(Status.UP);
              assertThat(up.getDetails())
                  .containsEntry("account", "shop")
                  .containsEntry("state", "BOUND")
                  .doesNotContainKey("password")
                  .containsKey("tps");
              gateway.close();
              await()
                  .atMost(Duration.ofSeconds(15))
                  .untilAsserted(
                      () -> {
                        Health down = ngs.health();
                        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
                        assertThat(down.getDetails()).containsKey("reason");
                        assertThat(down.getDetails().get("state")).isNotEqualTo("BOUND");
                      });
              InfoContributor info = ctx.getBean("ngsignInfoContributor", InfoContributor.class);
              Info.Builder b = new Info.Builder();
              info.contribute(b);
              assertThat(b.build().getDetails().toString())
                  .contains("shop")
                  .doesNotContain(PASSWORD);
            });
  }

  @Test
  void severalAccountsAreBeansByQualifierWithHealthPerAccount() {
    runner
        .withPropertyValues(account("ngsign.ngs.accounts.marketing", "shop"))
        .withPropertyValues(account("ngsign.ngs.accounts.billing", "bank"))
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              NgsClient marketing =
                  BeanFactoryAnnotationUtils.qualifiedBeanOfType(
                      ctx.getBeanFactory(), NgsClient.class, "marketing");
              NgsClient billing =
                  BeanFactoryAnnotationUtils.qualifiedBeanOfType(
                      ctx.getBeanFactory(), NgsClient.class, "billing");
              assertThat(marketing.accountId()).isEqualTo("shop");
              assertThat(billing.accountId()).isEqualTo("bank");
              assertThat(ctx.getBean("marketingNgsClient")).isSameAs(marketing);
              assertThat(marketing.state()).isEqualTo(ConnectionState.BOUND);
              assertThat(billing.state()).isEqualTo(ConnectionState.BOUND);
              CompositeHealthContributor ngs =
                  ctx.getBean("ngsHealthContributor", CompositeHealthContributor.class);
              assertThat(((HealthIndicator) ngs.getContributor("marketing")).health().getStatus())
                  .isEqualTo(Status.UP);
              assertThat(((HealthIndicator) ngs.getContributor("billing")).health().getDetails())
                  .containsEntry("account", "bank");
            });
  }

  @Test
  void accountsTakeUnsetSettingsFromTheTopLevelAndTheTopLevelClientIsPrimary() {
    runner
        .withPropertyValues(account("ngsign.ngs", "shop"))
        .withPropertyValues(
            "ngsign.ngs.accounts.billing.id=bank",
            "ngsign.ngs.accounts.billing.password=" + PASSWORD)
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx.getBean(NgsClient.class).accountId()).isEqualTo("shop"); // primary
              NgsClient billing =
                  BeanFactoryAnnotationUtils.qualifiedBeanOfType(
                      ctx.getBeanFactory(), NgsClient.class, "billing");
              assertThat(billing.state())
                  .isEqualTo(ConnectionState.BOUND); // cert-server and sender-code inherited
            });
  }

  @Test
  void aRefusedLoginFailsStartUpWithTheCode() {
    runner
        .withPropertyValues(account("ngsign.ngs", "shop"))
        .withPropertyValues("ngsign.ngs.password=wrong")
        .run(
            ctx -> {
              assertThat(ctx).hasFailed();
              assertThat(ctx.getStartupFailure())
                  .isInstanceOf(ApplicationContextException.class)
                  .hasRootCauseInstanceOf(NgsAuthenticationException.class)
                  .hasStackTraceContaining(
                      "NGS account default (shop): first login failed: CERT refused: E_AUTH_FAIL (1001)")
                  .hasStackTraceContaining("ngsign.ngs.fail-fast=false");
              assertThat(
                      ((NgsAuthenticationException) ctx.getStartupFailure().getCause().getCause())
                          .code())
                  .isEqualTo(1001);
            });
  }

  @Test
  void withoutFailFastARefusedLoginStartsTheApplicationAndHealthShowsTheCode() {
    runner
        .withPropertyValues(account("ngsign.ngs", "shop"))
        .withPropertyValues("ngsign.ngs.password=wrong", "ngsign.ngs.fail-fast=false")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              HealthIndicator ngs = ctx.getBean("ngsHealthContributor", HealthIndicator.class);
              await()
                  .atMost(Duration.ofSeconds(10))
                  .untilAsserted(
                      () -> {
                        Health h = ngs.health();
                        assertThat(h.getStatus()).isEqualTo(Status.DOWN);
                        assertThat(h.getDetails()).containsKey("code");
                        assertThat((String) h.getDetails().get("reason"))
                            .startsWith("login refused");
                      });
              NgsClient c = ctx.getBean(NgsClient.class);
              assertThat(
                      c.send(
                          Sms.builder().to(TestNumbers.DELIVERED_SK).from(FROM).text("x").build()))
                  .failsWithin(Duration.ofSeconds(5))
                  .withThrowableThat()
                  .havingCause()
                  .isInstanceOf(NgsConnectionException.class);
            });
  }

  @Test
  void withoutFailFastAnUnreachableGatewayIsRetriedUntilItComes() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    int free = port;
    runner
        .withPropertyValues(
            "ngsign.ngs.cert-server=127.0.0.1:" + free,
            "ngsign.ngs.id=late",
            "ngsign.ngs.password=" + PASSWORD,
            "ngsign.ngs.sender-code=" + SENDER_CODE,
            "ngsign.ngs.fail-fast=false",
            "ngsign.ngs.connect-timeout=1s")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              NgsClient c = ctx.getBean(NgsClient.class);
              HealthIndicator ngs = ctx.getBean("ngsHealthContributor", HealthIndicator.class);
              await()
                  .atMost(Duration.ofSeconds(10))
                  .untilAsserted(
                      () ->
                          assertThat((String) ngs.health().getDetails().get("reason"))
                              .startsWith("gateway unreachable"));
              try (NgsGateway late =
                  NgsGateway.builder()
                      .certPort(free)
                      .reportDelay(Duration.ZERO)
                      .ioThreads(1)
                      .account(Account.builder("late", PASSWORD).build())
                      .build()) {
                late.start();
                await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> c.state() == ConnectionState.BOUND);
                assertThat(ngs.health().getStatus()).isEqualTo(Status.UP);
                assertThat(
                        c.sendAndWait(
                                Sms.builder()
                                    .to(TestNumbers.DELIVERED_SK)
                                    .from(FROM)
                                    .text("late")
                                    .build())
                            .resultCode())
                    .isEqualTo(ResultCode.E_OK);
              }
            });
  }

  @Test
  void theApplicationsOwnNgsClientWins() {
    runner
        .withPropertyValues(account("ngsign.ngs", "shop"))
        .withUserConfiguration(OwnClient.class)
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx.getBeansOfType(NgsClient.class)).containsOnlyKeys("myClient");
              assertThat(ctx).doesNotHaveBean(ManagedNgsClient.class);
            });
  }

  @Test
  void aBadSettingNamesItsKey() {
    runner
        .withPropertyValues(account("ngsign.ngs", "shop"))
        .withPropertyValues("ngsign.ngs.window=0")
        .run(
            ctx -> {
              assertThat(ctx).hasFailed();
              assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("window");
              assertThat(ctx.getStartupFailure())
                  .hasStackTraceContaining("ngsign.ngs: NGS client setting window='0'");
            });
  }

  @Test
  void withoutAnIdThereIsNoClient() {
    runner.run(
        ctx -> {
          assertThat(ctx).hasNotFailed();
          assertThat(ctx).doesNotHaveBean(NgsClient.class);
          assertThat(ctx).doesNotHaveBean("ngsHealthContributor");
        });
  }

  @Configuration(proxyBeanMethods = false)
  static class Listeners {
    final BlockingQueue<NgsReport> reports = new LinkedBlockingQueue<>();
    volatile String customized;

    @Bean
    ReportListener reportListener() {
      return reports::add;
    }

    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }

    @Bean
    NgsClientBuilderCustomizer customizer() {
      return (account, builder) -> customized = account;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class AsyncListener {
    final BlockingQueue<NgsReport> reports = new LinkedBlockingQueue<>();

    @Bean
    AsyncReportListener asyncReportListener() {
      return r -> {
        reports.add(r);
        return java.util.concurrent.CompletableFuture.completedFuture(null);
      };
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnClient {
    @Bean
    NgsClient myClient() {
      return NgsClient.builder().certServer("127.0.0.1", 1).account("mine", "x").build();
    }
  }

  static Map<String, Object> details(Health h) {
    return h.getDetails();
  }
}
