package org.rexec;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of docs/ARCHITECTURE.md, kept by the build rather than by memory. Each layer may
 * use only the layers below it; the leaves use nothing of rexec's but the bug exception.
 */
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
  void theLibraryIsImportedWhole() {
    // A rule over no classes passes; make sure the root package and every layer are seen.
    Set<String> packages =
        classes.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
    assertThat(packages)
        .contains(
            "org.rexec", "org.rexec.cell", "org.rexec.rewrite", "org.rexec.compile",
            "org.rexec.runtime", "org.rexec.runtime.control", "org.rexec.fs", "org.rexec.policy",
            "org.rexec.net", "org.rexec.text", "org.rexec.cache", "org.rexec.bug");
  }

  @Test
  void eachLayerUsesOnlyTheLayersBelowIt() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("API").definedBy("org.rexec")
        .layer("Machinery").definedBy("org.rexec.cell..")
        .layer("Rewriter").definedBy("org.rexec.rewrite..")
        .layer("Compiler").definedBy("org.rexec.compile..")
        .layer("Runtime").definedBy("org.rexec.runtime..")
        .layer("Files").definedBy("org.rexec.fs..")
        .layer("Policy").definedBy("org.rexec.policy..")
        .layer("Leaves")
        .definedBy("org.rexec.net..", "org.rexec.text..", "org.rexec.cache..", "org.rexec.bug..")
        .whereLayer("API").mayNotBeAccessedByAnyLayer()
        .whereLayer("Machinery").mayOnlyBeAccessedByLayers("API")
        .whereLayer("Rewriter").mayOnlyBeAccessedByLayers("API", "Machinery")
        .whereLayer("Compiler").mayOnlyBeAccessedByLayers("API", "Machinery")
        .whereLayer("Runtime").mayOnlyBeAccessedByLayers("API", "Machinery", "Rewriter")
        .whereLayer("Files")
        .mayOnlyBeAccessedByLayers("API", "Machinery", "Rewriter", "Runtime")
        .whereLayer("Policy")
        .mayOnlyBeAccessedByLayers("API", "Machinery", "Rewriter", "Compiler", "Runtime", "Files")
        .check(classes);
  }

  @Test
  void theLeavesUseNothingOfRexecsButTheBugException() {
    // Every layer may throw RexecBugException and use a leaf; a leaf leads nowhere else.
    noClasses()
        .that().resideInAnyPackage(
            "org.rexec.net..", "org.rexec.text..", "org.rexec.cache..", "org.rexec.bug..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.rexec", "org.rexec.cell..", "org.rexec.rewrite..", "org.rexec.compile..",
            "org.rexec.runtime..", "org.rexec.fs..", "org.rexec.policy..")
        .check(classes);
    noClasses()
        .that().resideInAPackage("org.rexec.bug..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.rexec.net..", "org.rexec.text..", "org.rexec.cache..")
        .check(classes);
  }

  @Test
  void onlyTheMachineryAndTheRuntimeReachTheCellsControl() {
    // The control stops and reconfigures cells: the machinery uses it, the runtime implements
    // it; nothing else, and no cell (its loader cannot see the package).
    noClasses()
        .that().resideOutsideOfPackages("org.rexec.cell..", "org.rexec.runtime..")
        .should().dependOnClassesThat().resideInAPackage("org.rexec.runtime.control..")
        .check(classes);
  }

  @Test
  void packagesHaveNoCycles() {
    // The root package is a slice of its own; the runtime and its control are one slice, the
    // two halves of one layer.
    SliceAssignment topLevel =
        new SliceAssignment() {
          @Override
          public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (name.equals("org.rexec")) {
              return SliceIdentifier.of("api");
            }
            if (name.startsWith("org.rexec.")) {
              return SliceIdentifier.of(name.substring("org.rexec.".length()).split("\\.")[0]);
            }
            return SliceIdentifier.ignore();
          }

          @Override
          public String getDescription() {
            return "rexec's top-level packages, the root one included";
          }
        };
    slices().assignedFrom(topLevel).should().beFreeOfCycles().check(classes);
  }

  @Test
  void theModuleExportsTheApiAndNothingElse() throws Exception {
    // The descriptor of the classes under test, where they lie (a directory or a jar).
    ModuleDescriptor module =
        ModuleFinder.of(
                Path.of(Cell.class.getProtectionDomain().getCodeSource().getLocation().toURI()))
            .findAll().iterator().next().descriptor();

    assertThat(module.name()).isEqualTo("org.rexec");
    assertThat(module.exports())
        .allSatisfy(exported -> assertThat(exported.isQualified()).isFalse())
        .extracting(ModuleDescriptor.Exports::source)
        .containsExactlyInAnyOrder("org.rexec", "org.rexec.policy", "org.rexec.text");
    assertThat(module.opens()).isEmpty();
  }

  @Test
  void nothingInTheLibraryWritesToTheJvmsStreamsOrExitsTheJvm() {
    // The JVM's streams and its exit are the supervisor's (the CLI's); a cell has its own.
    noClasses()
        .should().accessField(System.class, "out")
        .orShould().accessField(System.class, "err")
        .orShould().callMethod(System.class, "exit", int.class)
        .orShould().callMethod(Runtime.class, "exit", int.class)
        .orShould().callMethod(Runtime.class, "halt", int.class)
        .check(classes);
  }
}
