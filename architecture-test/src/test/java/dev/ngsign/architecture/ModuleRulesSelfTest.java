package dev.ngsign.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/** Each rule refuses a class written to break it (test classes under {@code ..archfixture}). */
class ModuleRulesSelfTest {
  private static JavaClasses fixture(String name) throws ClassNotFoundException {
    return new ClassFileImporter().importClasses(Class.forName(name));
  }

  private static EvaluationResult run(ArchRule rule, String fixture) throws ClassNotFoundException {
    return rule.evaluate(fixture(fixture));
  }

  @Test
  void refusesAModuleUsingAnothersInternals() throws Exception {
    EvaluationResult r =
        run(
            ModuleRules.noModuleUsesAnothersInternals(),
            "dev.ngsign.ngs.agent.archfixture.UsesClientInternals");
    assertThat(r.hasViolation()).isTrue();
    assertThat(r.getFailureReport().toString()).contains("ngs-agent uses ngs-client's internals");
  }

  @Test
  void theNavercertWireExceptionIsNavercertServersAlone() throws Exception {
    assertThat(
            run(
                    ModuleRules.noModuleUsesAnothersInternals(),
                    "dev.ngsign.navercert.server.archfixture.UsesNavercertWire")
                .hasViolation())
        .isFalse();
    EvaluationResult cli =
        run(
            ModuleRules.noModuleUsesAnothersInternals(),
            "dev.ngsign.cli.archfixture.UsesNavercertWire");
    assertThat(cli.hasViolation()).isTrue();
    assertThat(cli.getFailureReport().toString()).contains("cli uses navercert-client's internals");
  }

  @Test
  void refusesAnInternalTypeInAPublicSignature() throws Exception {
    EvaluationResult r =
        run(
            ModuleRules.noInternalTypeInPublicSignatures(),
            "dev.ngsign.ngs.client.archfixture.LeaksAnInternalType");
    assertThat(r.hasViolation()).isTrue();
    assertThat(r.getFailureReport().toString())
        .contains("exposes dev.ngsign.ngs.client.internal.ClientConfig");
  }

  @Test
  void refusesAnImportAgainstTheModuleOrder() throws Exception {
    // layers are made of imported classes, so the used class is imported too
    EvaluationResult r =
        ModuleRules.dependenciesRunOneWay()
            .evaluate(
                new ClassFileImporter()
                    .importClasses(
                        Class.forName("dev.ngsign.ngs.protocol.archfixture.UsesTheClient"),
                        dev.ngsign.ngs.client.NgsClient.class));
    assertThat(r.hasViolation()).isTrue();
    assertThat(r.getFailureReport().toString()).contains("dev.ngsign.ngs.client.NgsClient");
  }

  @Test
  void refusesAPackageWithoutNullMarked() throws Exception {
    // the fixture packages have no package-info.java
    EvaluationResult r =
        run(
            ModuleRules.everyPackageIsNullMarked(),
            "dev.ngsign.ngs.client.archfixture.LeaksAnInternalType");
    assertThat(r.hasViolation()).isTrue();
    assertThat(r.getFailureReport().toString())
        .contains("dev.ngsign.ngs.client.archfixture has no @NullMarked");
    assertThat(
            ModuleRules.everyPackageIsNullMarked()
                .evaluate(
                    new ClassFileImporter()
                        .importClasses(
                            dev.ngsign.ngs.client.NgsClient.class,
                            Class.forName("dev.ngsign.ngs.client.package-info")))
                .hasViolation())
        .isFalse();
  }
}
