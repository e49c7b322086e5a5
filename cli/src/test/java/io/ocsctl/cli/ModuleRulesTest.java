package io.ocsctl.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules of docs/architecture.md, on the compiled main classes of every module: the
 * layers point one way, JGit only in {@code state}, picocli only in {@code cli}, processes only in
 * {@code providers}, and nothing below {@code cli} prints or exits.
 */
class ModuleRulesTest {
  private static JavaClasses classes;

  @BeforeAll
  static void load() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ocsctl");
  }

  @Test
  void layersPointOneWay() {
    Architectures.layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("cli")
        .definedBy("io.ocsctl.cli..")
        .layer("engine")
        .definedBy("io.ocsctl.engine..")
        .layer("providers")
        .definedBy("io.ocsctl.providers..")
        .layer("state")
        .definedBy("io.ocsctl.state..")
        .layer("schema")
        .definedBy("io.ocsctl.schema..")
        .whereLayer("cli")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("engine")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("providers")
        .mayOnlyBeAccessedByLayers("engine", "cli")
        .whereLayer("state")
        .mayOnlyBeAccessedByLayers("engine", "cli")
        .whereLayer("schema")
        .mayOnlyBeAccessedByLayers("providers", "state", "engine", "cli")
        .check(classes);
  }

  @Test
  void jgitOnlyInState() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.ocsctl.state..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.eclipse.jgit..")
        .because("history is the state module's business (docs/architecture.md)")
        .check(classes);
  }

  @Test
  void picocliOnlyInCli() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.ocsctl.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("picocli..")
        .because("only the cli module parses command lines (docs/architecture.md)")
        .check(classes);
  }

  @Test
  void processesOnlyInProviders() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.ocsctl.providers..")
        .should()
        .dependOnClassesThat()
        .belongToAnyOf(ProcessBuilder.class)
        .orShould()
        .callMethodWhere(
            DescribedPredicate.describe(
                "Runtime.exec",
                call ->
                    call.getTargetOwner().isEquivalentTo(Runtime.class)
                        && call.getName().equals("exec")))
        .because(
            "programs (ocserv, occtl, systemctl, keytool) run through providers (docs/architecture.md)")
        .check(classes);
  }

  @Test
  void nothingBelowCliPrintsOrExits() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.ocsctl.cli..")
        .should()
        .accessField(System.class, "out")
        .orShould()
        .accessField(System.class, "err")
        .orShould()
        .callMethod(System.class, "exit", int.class)
        .because("cli is the only module that prints or exits (docs/architecture.md)")
        .check(classes);
  }
}
