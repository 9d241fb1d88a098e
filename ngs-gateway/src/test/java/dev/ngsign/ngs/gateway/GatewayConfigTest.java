package dev.ngsign.ngs.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ngsign.ngs.gateway.internal.config.GatewayFileReader;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigTest {
  @TempDir Path dir;

  @Test
  void readsEveryKeyInKebabCaseWithoutAWarning() throws Exception {
    List<String> warnings = new ArrayList<>();
    Path f = dir.resolve("gw.yaml");
    Files.writeString(
        f,
        """
        host: 127.0.0.1
        cert-port: 0
        deliver-port: 0
        report-port: 0
        admin-port: 0
        data-dir: data
        report-delay: 20ms
        dedup-window: 1d
        io-threads: 1
        timeouts: {login: 1s, cert-interval: 0s, bind-window: 5s, idle: PT90S}
        lock: {threshold: 5, window: 60s, duration: 10m}
        reports: {window: 100, poll-interval: 5ms}
        carrier: {random-failure-rate: 0.1, seed: 7}
        accounts:
          - id: testid
            password: secret
            allowed-addresses: [127.0.0.1/32, "::1/128"]
            tps: {sms: 80, mms: 30, kko: 30}
            monthly-quota: 1000
            encryption-allowed: true
          - id: second
            password: pw2
            tps: {sms: 10}
        """);
    try (NgsGateway gw = GatewayFileReader.read(f, warnings::add).build()) {
      GatewayPorts p = gw.start();
      assertThat(p.adminPort()).isPositive();
      assertThat(gw.account("testid").tps()).isEqualTo(new TpsLimits(80, 30, 30));
      assertThat(gw.account("testid").monthlyQuota()).isEqualTo(1000);
      assertThat(gw.account("testid").allowedAddresses())
          .containsExactly("127.0.0.1/32", "::1/128");
      assertThat(gw.account("second").tps())
          .isEqualTo(new TpsLimits(10, TpsLimits.MAX, TpsLimits.MAX));
      assertThat(gw.account("testid").toString()).doesNotContain("secret");
    }
    assertThat(dir.resolve("data/CURRENT")).exists();
    assertThat(warnings).isEmpty();
  }

  @Test
  void stillReadsTheCamelCaseKeysOfEarlierReleasesWithOneWarning() throws Exception {
    List<String> warnings = new ArrayList<>();
    Path f = dir.resolve("gw.yaml");
    Files.writeString(
        f,
        """
        host: 127.0.0.1
        certPort: 0
        deliverPort: 0
        reportPort: 0
        adminPort: 0
        dataDir: data
        reportDelay: 20ms
        dedupWindow: 1h
        timeouts: {login: 1s, certInterval: 0s, bindWindow: 5s, idle: PT90S}
        lock: {threshold: 5, window: 60s, duration: 10m}
        reports: {window: 100, pollInterval: 5ms}
        carrier: {randomFailureRate: 0.1, seed: 7}
        accounts:
          - id: testid
            password: secret
            allowedAddresses: [127.0.0.1/32, "::1/128"]
            tps: {sms: 80, mms: 30, kko: 30}
            monthlyQuota: 1000
            encryptionAllowed: true
          - id: second
            password: pw2
            tps: {sms: 10}
        """);
    try (NgsGateway gw = GatewayFileReader.read(f, warnings::add).build()) {
      GatewayPorts p = gw.start();
      assertThat(p.adminPort()).isPositive();
      assertThat(gw.account("testid").tps()).isEqualTo(new TpsLimits(80, 30, 30));
      assertThat(gw.account("testid").monthlyQuota()).isEqualTo(1000);
      assertThat(gw.account("testid").allowedAddresses())
          .containsExactly("127.0.0.1/32", "::1/128");
      assertThat(gw.account("second").tps())
          .isEqualTo(new TpsLimits(10, TpsLimits.MAX, TpsLimits.MAX));
      assertThat(gw.account("testid").toString()).doesNotContain("secret");
    }
    assertThat(dir.resolve("data/CURRENT"))
        .as("the store (RocksDB) in the data directory")
        .exists();
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0))
        .contains("certPort", "dataDir", "allowedAddresses", "deprecated")
        .contains("cert-port", "data-dir", "allowed-addresses");
  }

  @Test
  void refusesBothSpellingsOfOneKeyAndNamesBadValues() throws Exception {
    Path f = dir.resolve("both.yaml");
    Files.writeString(f, "certPort: 1\ncert-port: 2\naccounts: [{id: a, password: b}]\n");
    assertThatThrownBy(() -> GatewayConfig.load(f)).hasMessageContaining("certPort and cert-port");
    Files.writeString(f, "cert-port: many\naccounts: [{id: a, password: b}]\n");
    assertThatThrownBy(() -> GatewayConfig.load(f))
        .hasMessageContaining("'cert-port' must be an integer")
        .hasMessageContaining("many");
    Files.writeString(f, "report-delay: soon\naccounts: [{id: a, password: b}]\n");
    assertThatThrownBy(() -> GatewayConfig.load(f))
        .hasMessageContaining("report-delay")
        .hasMessageContaining("'soon' is not a duration");
    Files.writeString(f, "timeouts: {idel: 5s}\naccounts: [{id: a, password: b}]\n");
    assertThatThrownBy(() -> GatewayConfig.load(f))
        .hasMessageContaining("unknown key 'timeouts.idel'");
    Files.writeString(f, "accounts: [{id: a, password: b, monthly-quota: lots}]\n");
    assertThatThrownBy(() -> GatewayConfig.load(f))
        .hasMessageContaining("accounts[0].monthly-quota");
    Files.writeString(f, "accounts: [{id: a, password: hunter2, tps: {sms: -1}}]\n");
    assertThatThrownBy(() -> GatewayConfig.load(f))
        .hasMessageContaining("accounts[0].tps.sms")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void readsTheAdminPortsHttpLimitsKeepingDefaultsForKeysLeftOut() throws Exception {
    Path f = dir.resolve("admin.yaml");
    Files.writeString(
        f,
        """
        admin-http: {header-timeout: 3s, max-connections: 16, max-body: 4096}
        accounts: [{id: a, password: b}]
        """);
    dev.ngsign.http.HttpLimits d = NgsGateway.DEFAULT_ADMIN_HTTP_LIMITS;
    assertThat(GatewayConfig.load(f).adminHttpLimits())
        .isEqualTo(
            new dev.ngsign.http.HttpLimits(
                Duration.ofSeconds(3), d.bodyTimeout(), 16, 4096, d.workers(), d.queue()));
    Path plain = Files.writeString(dir.resolve("plain.yaml"), "accounts: [{id: a, password: b}]\n");
    assertThat(GatewayConfig.load(plain).adminHttpLimits()).isEqualTo(d);
    for (String[] bad :
        new String[][] {
          {"{header-timeout: 0s}", "'admin-http.header-timeout' must be positive"},
          {"{body-timeout: soon}", "admin-http.body-timeout"},
          {"{max-connections: 0}", "'admin-http.max-connections' must be at least 1, not 0"},
          {"{max-body: 10}", "'admin-http.max-body' must be at least 1024"},
          {"{workers: many}", "'admin-http.workers' must be an integer"},
          {"{max-conections: 5}", "unknown key 'admin-http.max-conections'"}
        }) {
      Files.writeString(f, "admin-http: " + bad[0] + "\naccounts: [{id: a, password: b}]\n");
      assertThatThrownBy(() -> GatewayConfig.load(f)).as(bad[0]).hasMessageContaining(bad[1]);
    }
  }

  @Test
  void refusesUnknownKeysAndMissingAccounts() throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, "certPrt: 4400\naccounts: [{id: a, password: b}]\n");
    assertThatThrownBy(() -> GatewayConfig.load(f)).hasMessageContaining("unknown key 'certPrt'");
    Files.writeString(f, "certPort: 4400\n");
    assertThatThrownBy(() -> GatewayConfig.load(f)).hasMessageContaining("accounts");
    Files.writeString(f, "accounts: [{id: a, password: b, allowedAddresses: [nonsense]}]\n");
    assertThatThrownBy(() -> GatewayConfig.load(f)).hasMessageContaining("nonsense");
    Files.writeString(f, "accounts: [{id: a, password: b, tps: {sms: 100000}}]\n");
    assertThatThrownBy(() -> GatewayConfig.load(f)).hasMessageContaining("tps.sms");
  }

  @Test
  void storeOptionsAreCheckedWithTheKeyNamed() throws Exception {
    Path f = dir.resolve("store.yaml");
    Files.writeString(f, "fsync: yes please\naccounts: [{id: a, password: b}]\n");
    assertThatThrownBy(() -> GatewayConfig.load(f))
        .hasMessageContaining("'fsync'")
        .hasMessageContaining("yes please");
    Files.writeString(f, "store-cache-mb: 0\naccounts: [{id: a, password: b}]\n");
    assertThatThrownBy(() -> GatewayConfig.load(f))
        .hasMessageContaining("'store-cache-mb' must be at least 1")
        .hasMessageContaining("not 0");
    Files.writeString(f, "store-write-buffer-mb: lots\naccounts: [{id: a, password: b}]\n");
    assertThatThrownBy(() -> GatewayConfig.load(f))
        .hasMessageContaining("'store-write-buffer-mb'")
        .hasMessageContaining("lots");
    Files.writeString(
        f,
        "fsync: true\nstore-cache-mb: 8\nstore-write-buffer-mb: 16\naccounts: [{id: a, password: b}]\n");
    assertThat(GatewayConfig.load(f).build()).isNotNull();
  }

  @Test
  void parsesDurations() {
    assertThat(GatewayConfig.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(GatewayConfig.parseDuration("3s")).isEqualTo(Duration.ofSeconds(3));
    assertThat(GatewayConfig.parseDuration("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(GatewayConfig.parseDuration("24h")).isEqualTo(Duration.ofHours(24));
    assertThat(GatewayConfig.parseDuration("PT1.5S")).isEqualTo(Duration.ofMillis(1500));
    assertThatThrownBy(() -> GatewayConfig.parseDuration("soon")).hasMessageContaining("soon");
  }
}
