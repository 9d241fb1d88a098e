package dev.ngsign.ngs.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentConfigTest {
  private static final String FULL =
      """
      node-id: agent-1
      zone: Asia/Seoul
      database:
        url: jdbc:postgresql://127.0.0.1:5432/test
        user: postgres
        password-env: DB_PW
        table-prefix: SMS_
        serial-prefix: A1
        pool-size: 8
      accounts:
        - name: main
          cert-host: ngs.example.com
          cert-port: 4400
          id: myid
          password-env: NGS_PW
          encrypted: true
          sender-code: "101280092"
          default: true
          tps: 50
      polling: {interval: 100ms, batch-size: 200, max-in-flight: 1000, write-batch-size: 500, write-delay: 3ms}
      retry: {max-attempts: 7, initial-backoff: 2s, multiplier: 3, max-backoff: 10m}
      expiry: {default-ttl: 12h, report-timeout: 3d}
      log-table: {mode: monthly, after: 1h, batch-size: 500}
      lease: {timeout: 20s, heartbeat: 5s}
      guards: {advertising: true, ad-window-start: "08:00", ad-window-end: "20:50", require-sender-code: true, content-rules: true}
      http: {port: 9500, bind: 0.0.0.0}
      """;

  @Test
  void readsEveryKey() {
    AgentConfig c = AgentConfig.parse(FULL);
    assertThat(c.nodeId()).isEqualTo("agent-1");
    assertThat(c.zone()).isEqualTo(ZoneId.of("Asia/Seoul"));
    assertThat(c.database().tablePrefix()).isEqualTo("SMS_");
    assertThat(c.database().serialPrefix()).isEqualTo("A1");
    assertThat(c.database().resolvePassword(Map.of("DB_PW", "s3cret"))).isEqualTo("s3cret");
    AgentConfig.Account a = c.accounts().get(0);
    assertThat(a.certPort()).isEqualTo(4400);
    assertThat(a.isDefault()).isTrue();
    assertThat(a.resolvePassword(Map.of("NGS_PW", "pw"))).isEqualTo("pw");
    assertThat(c.defaultAccount()).isEqualTo(a);
    assertThat(c.polling().interval()).isEqualTo(Duration.ofMillis(100));
    assertThat(c.retry().backoff().delay(1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.retry().backoff().delay(2)).isEqualTo(Duration.ofSeconds(6));
    assertThat(c.retry().backoff().delay(20)).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.expiry().reportTimeout()).isEqualTo(Duration.ofDays(3));
    assertThat(c.logTable().monthly()).isTrue();
    assertThat(c.guards().adWindowEnd()).isEqualTo(LocalTime.of(20, 50));
    assertThat(c.http().port()).isEqualTo(9500);
  }

  @Test
  void theExampleInTheDocsIsValid() {
    AgentConfig c = AgentConfig.load(java.nio.file.Path.of("../docs/agent.example.yml"));
    assertThat(c.accounts())
        .singleElement()
        .satisfies(a -> assertThat(a.passwordEnv()).isEqualTo("NGS_PASSWORD"));
    assertThat(c.logTable().monthly())
        .isFalse(); // the safe default a newcomer starts from: final rows stay put
    assertThat(c.database().password()).isNull();
    assertThat(c.database().passwordEnv()).isEqualTo("NGSIGN_DB_PASSWORD");
  }

  @Test
  void defaultsAreEmbeddedH2WithNoAccounts() {
    AgentConfig c = AgentConfig.parse("{}");
    assertThat(c.database().url()).isEqualTo("jdbc:h2:file:./data/ngsign-agent");
    assertThat(c.database().tablePrefix()).isEqualTo("NGS_");
    assertThat(c.accounts()).isEmpty();
    assertThat(c.lease().heartbeat()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.guards().advertising()).isTrue();
  }

  @Test
  void anUnknownKeyIsAnErrorNamingIt() {
    assertThatThrownBy(() -> AgentConfig.parse("polling: {intervall: 1s}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("intervall")
        .hasMessageContaining("polling");
  }

  @Test
  void badValuesAreErrorsNamingTheKey() {
    assertThatThrownBy(() -> AgentConfig.parse("polling: {interval: soon}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("soon");
    assertThatThrownBy(() -> AgentConfig.parse("database: {table-prefix: 'X; DROP'}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("table-prefix");
    assertThatThrownBy(() -> AgentConfig.parse("accounts: [{id: a}]"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cert-port");
    assertThatThrownBy(() -> AgentConfig.parse("lease: {timeout: 10s, heartbeat: 8s}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("heartbeat");
    assertThatThrownBy(
            () -> AgentConfig.parse("accounts: [{id: a, cert-port: 1}, {id: a, cert-port: 2}]"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("twice");
  }

  @Test
  void aMissingPasswordVariableIsAnError() {
    AgentConfig c = AgentConfig.parse(FULL);
    assertThatThrownBy(() -> c.accounts().get(0).resolvePassword(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("NGS_PW");
  }

  @Test
  void passwordsNeverShowInToString() {
    AgentConfig c =
        AgentConfig.parse(
            """
        database: {url: "jdbc:h2:mem:x", password: db-secret-1}
        accounts: [{id: a, cert-port: 1, password: ngs-secret-2}]
        """);
    assertThat(c.toString())
        .doesNotContain("db-secret-1")
        .doesNotContain("ngs-secret-2")
        .contains("****");
    AgentConfig.Database inUrl =
        AgentConfig.Database.of(
            "jdbc:postgresql://h/db?user=a&password=url-secret-3&ssl=true", "a", null);
    assertThat(inUrl.toString()).doesNotContain("url-secret-3").contains("password=****&ssl=true");
  }

  @Test
  void theBuilderAndTheFileGiveTheSameConfigurationAndTheDefaultsAreTheConstants() {
    AgentConfig built =
        AgentConfig.builder()
            .nodeId("n1")
            .zone(ZoneId.of("UTC"))
            .allowZoneMismatch(true)
            .accounts(
                java.util.List.of(
                    AgentConfig.Account.builder("myid", 4400)
                        .name("main")
                        .isDefault(true)
                        .tps(5)
                        .build()))
            .logTable(new AgentConfig.LogTable("monthly", null, null, "zone"))
            .expiry(new AgentConfig.Expiry(null, null, null, Duration.ofMinutes(2)))
            .build();
    AgentConfig read =
        AgentConfig.parse(
            """
        node-id: n1
        zone: UTC
        allow-zone-mismatch: true
        accounts: [{name: main, id: myid, cert-port: 4400, default: true, tps: 5}]
        log-table: {mode: monthly, month: zone}
        expiry: {unserved-hint-after: 2m}
        """);
    assertThat(read).isEqualTo(built);
    AgentConfig d = AgentConfig.defaults();
    assertThat(d.zone()).isEqualTo(AgentConfig.DEFAULT_ZONE).isEqualTo(ZoneId.of("Asia/Seoul"));
    assertThat(d.allowZoneMismatch()).isFalse();
    assertThat(d.polling().interval()).isEqualTo(AgentConfig.Polling.DEFAULT_INTERVAL);
    assertThat(d.polling().batchSize()).isEqualTo(AgentConfig.Polling.DEFAULT_BATCH_SIZE);
    assertThat(d.retry().maxAttempts()).isEqualTo(AgentConfig.Retry.DEFAULT_MAX_ATTEMPTS);
    assertThat(d.expiry().reportTimeout()).isEqualTo(AgentConfig.Expiry.DEFAULT_REPORT_TIMEOUT);
    assertThat(d.expiry().unservedHintAfter())
        .isEqualTo(AgentConfig.Expiry.DEFAULT_UNSERVED_HINT_AFTER);
    assertThat(d.logTable().month())
        .isEqualTo(AgentConfig.LogTable.DEFAULT_MONTH)
        .isEqualTo("korean");
    assertThat(d.guards().adWindowStart()).isEqualTo(AgentConfig.Guards.DEFAULT_AD_WINDOW_START);
    assertThat(d.guards().adWindowEnd()).isEqualTo(AgentConfig.Guards.DEFAULT_AD_WINDOW_END);
    assertThat(d.http().port()).isEqualTo(AgentConfig.Http.DEFAULT_PORT);
    assertThat(d.database().url()).isEqualTo(AgentConfig.Database.DEFAULT_URL);
  }

  @Test
  void badNewValuesAreErrorsNamingTheKey() {
    assertThatThrownBy(() -> AgentConfig.parse("log-table: {month: billing}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("log-table.month");
    assertThatThrownBy(
            () -> AgentConfig.parse("guards: {ad-window-start: '21:00', ad-window-end: '08:00'}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ad-window-start");
  }

  @Test
  void noJacksonAnnotationOnThePublicConfiguration() {
    java.util.List<Class<?>> types =
        new java.util.ArrayList<>(java.util.List.of(AgentConfig.class.getDeclaredClasses()));
    types.add(AgentConfig.class);
    for (Class<?> t : types) {
      java.util.List<java.lang.annotation.Annotation> found =
          new java.util.ArrayList<>(java.util.List.of(t.getAnnotations()));
      for (var c : t.getDeclaredConstructors()) {
        found.addAll(java.util.List.of(c.getAnnotations()));
        for (var ps : c.getParameterAnnotations()) {
          found.addAll(java.util.List.of(ps));
        }
      }
      for (var f : t.getDeclaredFields()) {
        found.addAll(java.util.List.of(f.getAnnotations()));
      }
      for (var m : t.getDeclaredMethods()) {
        found.addAll(java.util.List.of(m.getAnnotations()));
      }
      assertThat(found)
          .as(t.getName())
          .noneMatch(a -> a.annotationType().getName().startsWith("com.fasterxml"));
    }
  }

  @Test
  void tableLayoutAndRenamedTablesAreRead() {
    AgentConfig c =
        AgentConfig.parse("table-layout: EM-TRAN\ntables: {send: sms_q, log: sms_log_%YYYYMM%}\n");
    assertThat(c.tableLayout().name()).isEqualTo("em-tran");
    assertThat(c.tableLayout().isNative()).isFalse();
    assertThat(c.tableLayout().tables())
        .containsEntry("send", "sms_q")
        .containsEntry("log", "sms_log_%YYYYMM%");
    assertThat(AgentConfig.parse("node-id: a\n").tableLayout().isNative()).isTrue();
  }

  @Test
  void anUnknownLayoutTableRoleOrTableNameIsRefusedNamingIt() {
    assertThatThrownBy(() -> AgentConfig.parse("table-layout: dbro\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("table-layout: 'dbro'")
        .hasMessageContaining("em-tran");
    assertThatThrownBy(() -> AgentConfig.parse("table-layout: em-tran\ntables: {sms: x}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tables.sms")
        .hasMessageContaining("[log, mms, send]");
    assertThatThrownBy(
            () -> AgentConfig.parse("table-layout: em-tran\ntables: {send: \"em_tran; drop\"}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tables.send");
    assertThatThrownBy(() -> AgentConfig.parse("tables: {send: em_tran}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("table-layout other than ngsign");
  }

  @Test
  void bizMsgReadsItsSpoolDirectoryAndScTranItsFourTableRoles() {
    AgentConfig c =
        AgentConfig.parse(
            "table-layout: biz-msg\ntables: {send: biz_msg}\ntable-files: /opt/bizclient/spool\n");
    assertThat(c.tableLayout().name()).isEqualTo("biz-msg");
    assertThat(c.tableLayout().files()).isEqualTo(java.nio.file.Path.of("/opt/bizclient/spool"));
    assertThat(AgentConfig.parse("table-layout: biz-msg\n").tableLayout().files())
        .isEqualTo(java.nio.file.Path.of(""));
    assertThatThrownBy(() -> AgentConfig.parse("table-layout: sc-tran\ntables: {lms: x}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("[log, mms, mms-log, send]");
  }
}
