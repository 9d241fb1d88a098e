package dev.ngsign.ngs.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ngsign.ngs.gateway.TestNumbers;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Micrometer is an optional dependency of ngs-client: a user who never calls {@code
 * meterRegistry(...)} may leave it off the class path. This runs a whole send (start, DELIVER,
 * DELIVER_ACK, REPORT, close) in a class loader built from this module's test class path with every
 * Micrometer jar removed.
 */
class WithoutMicrometerIT {

  @Test
  void aClientWithoutARegistrySendsWithNoMicrometerOnTheClassPath() throws Exception {
    List<URL> urls = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    for (String entry : cp.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      if (Path.of(entry).getFileName().toString().startsWith("micrometer-")) {
        dropped.add(entry);
      } else {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    assertThat(dropped).as("the test class path had Micrometer to remove").isNotEmpty();

    try (GatewayFixture gw = new GatewayFixture(GatewayFixture.account("nometer"));
        URLClassLoader isolated =
            new URLClassLoader(
                "no-micrometer", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      assertThatThrownBy(
              () -> Class.forName("io.micrometer.core.instrument.MeterRegistry", false, isolated))
          .isInstanceOf(ClassNotFoundException.class);
      Class<?> sendOne =
          Class.forName("dev.ngsign.ngs.client.nomicrometer.SendOne", true, isolated);
      assertThat(Class.forName(NgsClient.class.getName(), false, isolated).getClassLoader())
          .isSameAs(isolated);

      Object result =
          sendOne
              .getMethod("run", int.class, String.class, String.class, String.class)
              .invoke(
                  null,
                  gw.ports.certPort(),
                  "nometer",
                  GatewayFixture.PASSWORD,
                  TestNumbers.DELIVERED_SK);

      assertThat(result).isEqualTo("E_OK true");
      assertThat(gw.gateway.acceptedCount("nometer")).isEqualTo(1);
    }
  }
}
