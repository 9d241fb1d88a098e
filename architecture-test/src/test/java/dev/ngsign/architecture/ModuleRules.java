package dev.ngsign.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.NullMarked;

/**
 * The project's module boundaries as ArchUnit rules. Each module owns one package root; {@code
 * .internal} below it is its machinery. The rules live here, apart from the test that runs them on
 * the real modules, so that {@code ModuleRulesSelfTest} can show each one refusing a class that
 * breaks it.
 */
final class ModuleRules {
  /**
   * Module name → its package root, in the dependency order (a module may only use those before
   * it).
   */
  static final Map<String, String> MODULES = new LinkedHashMap<>();

  static {
    MODULES.put("ngsign-http", "dev.ngsign.http");
    MODULES.put("ngs-protocol", "dev.ngsign.ngs.protocol");
    MODULES.put("ngs-client", "dev.ngsign.ngs.client");
    MODULES.put("ngs-gateway", "dev.ngsign.ngs.gateway");
    MODULES.put("ngs-agent", "dev.ngsign.ngs.agent");
    MODULES.put("navercert-client", "dev.ngsign.navercert");
    MODULES.put("navercert-server", "dev.ngsign.navercert.server");
    MODULES.put("ngsign-spring-boot-starter", "dev.ngsign.spring.boot");
    MODULES.put("ngsign-spring-boot-test", "dev.ngsign.spring.boot.test");
    MODULES.put("cli", "dev.ngsign.cli");
    MODULES.put("bench", "dev.ngsign.bench");
  }

  /**
   * The one declared exception to "no module uses another's .internal": navercert-server is the
   * simulator of the very wire format navercert-client speaks, and reads and writes it with the
   * client's wire layer ({@code Json}, {@code Wire}, {@code WireTime}, {@code Hmac}, {@code
   * Checks}) rather than a second copy that could drift from it. Both modules are released
   * together; no other module may do this.
   */
  static final String NAVERCERT_WIRE = "dev.ngsign.navercert.internal";

  private ModuleRules() {}

  /** The module a class belongs to, or null for classes outside ngsign. */
  static String moduleOf(JavaClass c) {
    String found = null;
    for (Map.Entry<String, String> m : MODULES.entrySet()) {
      String p = c.getPackageName();
      if (p.equals(m.getValue()) || p.startsWith(m.getValue() + ".")) {
        found =
            m.getKey(); // the longest root wins: navercert.server is navercert-server, not -client
      }
    }
    return found;
  }

  private static boolean isInternal(JavaClass c) {
    String p = c.getPackageName();
    return p.endsWith(".internal") || p.contains(".internal.");
  }

  /**
   * No class uses the {@code .internal} package of another module (but for {@link
   * #NAVERCERT_WIRE}).
   */
  static ArchRule noModuleUsesAnothersInternals() {
    return classes()
        .that()
        .resideInAPackage("dev.ngsign..")
        .should(
            new ArchCondition<JavaClass>("use no other module's .internal package") {
              @Override
              public void check(JavaClass from, ConditionEvents events) {
                String own = moduleOf(from);
                for (Dependency d : from.getDirectDependenciesFromSelf()) {
                  JavaClass to = d.getTargetClass().getBaseComponentType();
                  String theirs = moduleOf(to);
                  if (theirs == null || theirs.equals(own) || !isInternal(to)) {
                    continue;
                  }
                  if ("navercert-server".equals(own)
                      && to.getPackageName().equals(NAVERCERT_WIRE)) {
                    continue;
                  }
                  events.add(
                      SimpleConditionEvent.violated(
                          d, own + " uses " + theirs + "'s internals: " + d.getDescription()));
                }
              }
            });
  }

  /**
   * Public members of public API types name no {@code .internal} type (parameters, returns,
   * fields).
   */
  static ArchRule noInternalTypeInPublicSignatures() {
    return classes()
        .that()
        .resideInAPackage("dev.ngsign..")
        .and()
        .arePublic()
        .and(not(DescribedPredicate.describe("in an .internal package", ModuleRules::isInternal)))
        .should(
            new ArchCondition<JavaClass>(
                "expose no .internal type in a public or protected signature") {
              @Override
              public void check(JavaClass c, ConditionEvents events) {
                for (JavaCodeUnit u : c.getCodeUnits()) {
                  if (!visible(u.getModifiers()) || u.getOwner() != c) {
                    continue;
                  }
                  Set<JavaClass> named =
                      new TreeSet<>((a, b) -> a.getName().compareTo(b.getName()));
                  named.add(u.getRawReturnType().getBaseComponentType());
                  u.getRawParameterTypes().forEach(t -> named.add(t.getBaseComponentType()));
                  u.getThrowsClause().getTypes().forEach(named::add);
                  u.getReturnType().getAllInvolvedRawTypes().forEach(named::add);
                  u.getParameterTypes().forEach(t -> named.addAll(t.getAllInvolvedRawTypes()));
                  for (JavaClass t : named) {
                    if (moduleOf(t) != null && isInternal(t)) {
                      events.add(
                          SimpleConditionEvent.violated(
                              u, u.getFullName() + " exposes " + t.getName()));
                    }
                  }
                }
                for (JavaField f : c.getFields()) {
                  if (visible(f.getModifiers())
                      && f.getType().getAllInvolvedRawTypes().stream()
                          .anyMatch(t -> moduleOf(t) != null && isInternal(t))) {
                    events.add(
                        SimpleConditionEvent.violated(
                            f, f.getFullName() + " exposes an .internal type"));
                  }
                }
                JavaClass sup = c.getRawSuperclass().orElse(null);
                if (sup != null && moduleOf(sup) != null && isInternal(sup)) {
                  events.add(
                      SimpleConditionEvent.violated(c, c.getName() + " extends " + sup.getName()));
                }
                for (JavaClass i : c.getRawInterfaces()) {
                  if (moduleOf(i) != null && isInternal(i)) {
                    events.add(
                        SimpleConditionEvent.violated(
                            c, c.getName() + " implements " + i.getName()));
                  }
                }
              }
            });
  }

  /**
   * Every ngsign package is {@code @NullMarked} in its package-info.java: non-null unless marked.
   * Code that a tool generates (JMH's {@code jmh_generated}) is not ours to annotate.
   */
  static ArchRule everyPackageIsNullMarked() {
    return classes()
        .that()
        .resideInAPackage("dev.ngsign..")
        .and()
        .resideOutsideOfPackage("..jmh_generated..")
        .should(
            new ArchCondition<JavaClass>("be in a @NullMarked package") {
              @Override
              public void check(JavaClass c, ConditionEvents events) {
                if (!c.getPackage().isAnnotatedWith(NullMarked.class)) {
                  events.add(
                      SimpleConditionEvent.violated(
                          c,
                          c.getPackageName()
                              + " has no @NullMarked package-info.java ("
                              + c.getName()
                              + ")"));
                }
              }
            });
  }

  private static boolean visible(Set<JavaModifier> m) {
    return m.contains(JavaModifier.PUBLIC) || m.contains(JavaModifier.PROTECTED);
  }

  /**
   * Imports follow the module order: ngs-protocol ← ngs-client / ngs-gateway ← ngs-agent ← cli;
   * navercert-client ← navercert-server ← cli; bench uses ngs-protocol only; ngsign-http (the one
   * HTTP listener) sits below the servers that have an HTTP port and uses no other module.
   */
  static ArchRule dependenciesRunOneWay() {
    return layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .withOptionalLayers(true)
        .layer("ngsign-http")
        .definedBy("dev.ngsign.http..")
        .layer("ngs-protocol")
        .definedBy("dev.ngsign.ngs.protocol..")
        .layer("ngs-client")
        .definedBy("dev.ngsign.ngs.client..")
        .layer("ngs-gateway")
        .definedBy("dev.ngsign.ngs.gateway..")
        .layer("ngs-agent")
        .definedBy("dev.ngsign.ngs.agent..")
        .layer("navercert-client")
        .definedBy(
            resideInAPackage("dev.ngsign.navercert..")
                .and(not(resideInAPackage("dev.ngsign.navercert.server.."))))
        .layer("navercert-server")
        .definedBy("dev.ngsign.navercert.server..")
        .layer("cli")
        .definedBy("dev.ngsign.cli..")
        .layer("bench")
        .definedBy("dev.ngsign.bench..")
        .whereLayer("ngsign-http")
        .mayOnlyBeAccessedByLayers("ngs-gateway", "ngs-agent", "navercert-server", "cli")
        .whereLayer("ngs-protocol")
        .mayOnlyBeAccessedByLayers("ngs-client", "ngs-gateway", "ngs-agent", "cli", "bench")
        .whereLayer("ngs-client")
        .mayOnlyBeAccessedByLayers("ngs-agent", "cli")
        .whereLayer("ngs-gateway")
        .mayOnlyBeAccessedByLayers("ngs-agent", "cli")
        .whereLayer("ngs-agent")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("navercert-client")
        .mayOnlyBeAccessedByLayers("navercert-server", "cli")
        .whereLayer("navercert-server")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("cli")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("bench")
        .mayNotBeAccessedByAnyLayer();
  }
}
