package org.rexec.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasModifiers.Predicates.modifier;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layers of DESIGN.md, kept by the build rather than by memory. */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.rexec");
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("org.rexec.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void theRuntimeDependsOnlyOnTheLeaves() {
    // Cells can see the runtime package; it must not lead them into the supervisor's side.
    noClasses()
        .that().resideInAPackage("org.rexec.runtime..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.rexec", "org.rexec.rewrite..", "org.rexec.compile..", "org.rexec.cli..")
        .check(classes);
  }

  @Test
  void onlyTheSupervisorAndTheRuntimeReachTheCellsControl() {
    // The control stops and reconfigures cells: it belongs to the supervisor (org.rexec), and
    // the runtime implements it; nothing else, and no cell (its loader cannot see the package).
    noClasses()
        .that().resideOutsideOfPackages("org.rexec", "org.rexec.runtime..")
        .should().dependOnClassesThat().resideInAPackage("org.rexec.runtime.control..")
        .check(classes);
  }

  @Test
  void policyFilesCompileAndCacheAreLeaves() {
    noClasses()
        .that().resideInAnyPackage(
            "org.rexec.policy..", "org.rexec.fs..", "org.rexec.compile..", "org.rexec.cache..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.rexec", "org.rexec.rewrite..", "org.rexec.runtime..", "org.rexec.cli..")
        .check(classes);
  }

  @Test
  void theBugExceptionIsTheLowestLeaf() {
    // Every layer may throw RexecBugException, so it must depend on no other rexec package.
    noClasses()
        .that().resideInAPackage("org.rexec.bug..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.rexec", "org.rexec.policy..", "org.rexec.fs..", "org.rexec.compile..",
            "org.rexec.cache..", "org.rexec.rewrite..", "org.rexec.runtime..", "org.rexec.cli..")
        .check(classes);
  }

  @Test
  void theRewriterDoesNotDependOnTheApiOrTheCli() {
    noClasses()
        .that().resideInAPackage("org.rexec.rewrite..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.rexec", "org.rexec.compile..", "org.rexec.cli..")
        .check(classes);
  }

  @Test
  void theCliUsesOnlyThePublicApi() {
    noClasses()
        .that().resideInAPackage("org.rexec.cli..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.rexec.rewrite..", "org.rexec.runtime..", "org.rexec.compile..")
        .check(classes);
    noClasses()
        .that().resideInAPackage("org.rexec.cli..")
        .should().dependOnClassesThat(
            resideInAPackage("org.rexec").and(not(modifier(JavaModifier.PUBLIC))))
        .check(classes);
  }

  @Test
  void onlyTheCliWritesToTheJvmsStreamsOrExitsTheJvm() {
    noClasses()
        .that().resideOutsideOfPackage("org.rexec.cli..")
        .should().accessField(System.class, "out")
        .orShould().accessField(System.class, "err")
        .orShould().callMethod(System.class, "exit", int.class)
        .orShould().callMethod(Runtime.class, "exit", int.class)
        .orShould().callMethod(Runtime.class, "halt", int.class)
        .check(classes);
  }
}
