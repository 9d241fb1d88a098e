package dev.ngsign.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every module's main classes keep the boundaries of {@link ModuleRules}; a violation fails the
 * build.
 */
class ArchitectureTest {
  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ngsign");
  }

  @Test
  void everyModuleIsImported() {
    // a rule over a module whose classes were not found would pass without checking anything
    Set<String> seen = new TreeSet<>();
    main.forEach(
        c -> {
          String m = ModuleRules.moduleOf(c);
          if (m != null) {
            seen.add(m);
          }
        });
    assertThat(seen).containsExactlyInAnyOrderElementsOf(ModuleRules.MODULES.keySet());
  }

  @Test
  void noModuleUsesAnothersInternals() {
    ModuleRules.noModuleUsesAnothersInternals().check(main);
  }

  @Test
  void internalTypesStayOutOfPublicSignatures() {
    ModuleRules.noInternalTypeInPublicSignatures().check(main);
  }

  @Test
  void dependenciesRunOneWay() {
    ModuleRules.dependenciesRunOneWay().check(main);
  }

  @Test
  void everyPackageIsNullMarked() {
    ModuleRules.everyPackageIsNullMarked().check(main);
  }

  @Test
  void navercertServerStillNeedsItsDeclaredException() {
    // the exception is declared for a reason that holds today; when it stops holding, delete it
    assertThat(
            main.stream()
                .filter(c -> "navercert-server".equals(ModuleRules.moduleOf(c)))
                .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
                .anyMatch(
                    d -> d.getTargetClass().getPackageName().equals(ModuleRules.NAVERCERT_WIRE)))
        .isTrue();
  }
}
