package dev.ngsign.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ngsign.navercert.NavercertClient;
import dev.ngsign.navercert.server.NavercertServer;
import dev.ngsign.ngs.agent.Agent;
import dev.ngsign.ngs.client.NgsClient;
import dev.ngsign.ngs.client.NgsClientBuilder;
import dev.ngsign.ngs.gateway.NgsGateway;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.spring.boot.ngs.NgsAutoConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The library jars as the reactor packaged them (failsafe runs against the jars): each has its
 * stable Automatic-Module-Name and, beside it, a sources jar and a javadoc jar; the classes keep
 * parameter names.
 */
class LibraryJarsIT {

  record Lib(Class<?> type, String moduleName) {}

  static final List<Lib> LIBS =
      List.of(
          new Lib(ResultCode.class, "dev.ngsign.ngs.protocol"),
          new Lib(NgsClient.class, "dev.ngsign.ngs.client"),
          new Lib(NgsGateway.class, "dev.ngsign.ngs.gateway"),
          new Lib(Agent.class, "dev.ngsign.ngs.agent"),
          new Lib(NavercertClient.class, "dev.ngsign.navercert"),
          new Lib(NavercertServer.class, "dev.ngsign.navercert.server"));

  @TestFactory
  List<DynamicTest> everyLibraryJarHasItsModuleNameSourcesAndJavadoc() {
    return LIBS.stream()
        .map(
            lib ->
                DynamicTest.dynamicTest(
                    lib.moduleName(),
                    () -> {
                      Path jar =
                          Path.of(
                              lib.type()
                                  .getProtectionDomain()
                                  .getCodeSource()
                                  .getLocation()
                                  .toURI());
                      assumeTrue(
                          jar.toString().endsWith(".jar"),
                          "classes from a directory (IDE run): no jar to check");
                      try (JarFile f = new JarFile(jar.toFile())) {
                        assertThat(
                                f.getManifest()
                                    .getMainAttributes()
                                    .getValue("Automatic-Module-Name"))
                            .isEqualTo(lib.moduleName());
                      }
                      String base = jar.getFileName().toString().replaceFirst("\\.jar$", "");
                      assertThat(jar.resolveSibling(base + "-sources.jar")).exists();
                      Path javadoc = jar.resolveSibling(base + "-javadoc.jar");
                      assertThat(javadoc).exists();
                      assertThat(Files.size(javadoc)).isGreaterThan(1000);
                    }))
        .toList();
  }

  @Test
  void theStartersOwnJarHasItsModuleName() throws Exception {
    Path jar =
        Path.of(
            NgsAutoConfiguration.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assumeTrue(jar.toString().endsWith(".jar"));
    try (JarFile f = new JarFile(jar.toFile())) {
      assertThat(f.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
          .isEqualTo("dev.ngsign.spring.boot");
    }
  }

  @Test
  void parameterNamesAreCompiledIn() throws Exception {
    var p = NgsClientBuilder.class.getMethod("certServer", String.class, int.class).getParameters();
    assertThat(p[0].isNamePresent()).isTrue();
    assertThat(p[0].getName()).isEqualTo("host");
    assertThat(p[1].getName()).isEqualTo("port");
  }
}
