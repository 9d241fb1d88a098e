package dev.ngsign.spring.boot.navercert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.navercert.NavercertClient;
import dev.ngsign.navercert.server.Account;
import dev.ngsign.navercert.server.NavercertServer;
import dev.ngsign.spring.boot.actuate.NgsignHealthBoot3AutoConfiguration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The NavercertClient bean against the e-signature simulator over real HTTP on 127.0.0.1. */
class NavercertAutoConfigurationIT {
  NavercertServer server;
  Account account;

  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  NavercertAutoConfiguration.class, NgsignHealthBoot3AutoConfiguration.class));

  @BeforeEach
  void start() {
    account = Account.generate();
    server = NavercertServer.builder().account(account).threads(2).start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void linkhubStarterPropertyNamesWorkUnchanged() {
    // exactly as an application.properties written for Linkhub's barocert-spring-boot-starter
    runner
        .withPropertyValues(
            "navercert.LinkID=" + account.linkId(),
            "navercert.SecretKey=" + account.secretKey(),
            "navercert.IsIPRestrictOnOff=true",
            "navercert.UseStaticIP=false",
            "navercert.UseLocalTimeYN=true",
            "navercert.serviceURL=" + server.baseUrl(),
            "navercert.authURL=" + server.baseUrl())
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              NavercertClient client = ctx.getBean(NavercertClient.class);
              assertThat(client.linkId()).isEqualTo(account.linkId());
              assertThat(client.serviceUrl().toString()).isEqualTo(server.baseUrl());
              assertThat(client.authUrl().toString()).isEqualTo(server.baseUrl());
              Health h = ctx.getBean("navercertHealthContributor", HealthIndicator.class).health();
              assertThat(h.getStatus())
                  .isEqualTo(Status.UP); // the simulator issued a token for the signed request
              assertThat(h.getDetails().toString()).doesNotContain(account.secretKey());
            });
  }

  @Test
  void kebabCaseNamesWorkAndIpRestrictOffStillAuthenticates() {
    runner
        .withPropertyValues(
            "navercert.link-id=" + account.linkId(),
            "navercert.secret-key=" + account.secretKey(),
            "navercert.ip-restrict=false",
            "navercert.service-url=" + server.baseUrl(),
            "navercert.auth-url=" + server.baseUrl())
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx.getBean(NavercertProperties.class).ipRestrictResolved()).isFalse();
              assertThat(
                      ctx.getBean("navercertHealthContributor", HealthIndicator.class)
                          .health()
                          .getStatus())
                  .isEqualTo(Status.UP);
            });
  }

  @Test
  void aWrongSecretKeyIsDownWithBarocertsCodeAndNeverShown() {
    String wrong = Base64.getEncoder().encodeToString(new byte[32]);
    runner
        .withPropertyValues(
            "navercert.LinkID=" + account.linkId(),
            "navercert.SecretKey=" + wrong,
            "navercert.serviceURL=" + server.baseUrl(),
            "navercert.authURL=" + server.baseUrl())
        .run(
            ctx -> {
              Health h = ctx.getBean("navercertHealthContributor", HealthIndicator.class).health();
              assertThat(h.getStatus()).isEqualTo(Status.DOWN);
              assertThat(h.getDetails()).containsKeys("code", "reason");
              assertThat(h.getDetails().toString()).doesNotContain(wrong);
            });
  }

  @Test
  void useStaticIpPicksLinkhubsFixedHostsUnlessUrlsAreSet() {
    runner
        .withPropertyValues(
            "navercert.LinkID=x",
            "navercert.SecretKey=" + account.secretKey(),
            "navercert.UseStaticIP=true")
        .run(
            ctx -> {
              NavercertClient c = ctx.getBean(NavercertClient.class);
              assertThat(c.serviceUrl().toString())
                  .isEqualTo(NavercertAutoConfiguration.STATIC_SERVICE_URL);
              assertThat(c.authUrl().toString())
                  .isEqualTo(NavercertAutoConfiguration.STATIC_AUTH_URL);
            });
  }

  @Test
  void aBadSecretKeyFailsStartUpWithoutShowingIt() {
    runner
        .withPropertyValues("navercert.link-id=x", "navercert.secret-key=not-base64!!")
        .run(
            ctx -> {
              assertThat(ctx).hasFailed();
              assertThat(ctx.getStartupFailure())
                  .hasStackTraceContaining("navercert.secret-key")
                  .hasStackTraceContaining("not shown");
              assertThat(ctx.getStartupFailure().toString()).doesNotContain("not-base64!!");
            });
  }

  @Test
  void withoutALinkIdThereIsNoClient() {
    runner.run(ctx -> assertThat(ctx).doesNotHaveBean(NavercertClient.class));
  }
}
