package org.rexec.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.List;
import org.rexec.Cell;
import org.junit.jupiter.api.Test;

/**
 * The CLI is a supervisor like any other: it uses only what the library's module exports, so
 * that it would build against the library on the module path too.
 */
class ApiOnlyTest {

  @Test
  void theCliUsesOnlyThePackagesTheLibraryExports() throws Exception {
    JavaClasses cli =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.rexec.cli");
    List<String> exported = exports();

    assertThat(cli).isNotEmpty();
    assertThat(exported).contains("org.rexec");
    noClasses()
        .that().resideInAPackage("org.rexec.cli..")
        .should().dependOnClassesThat(
            com.tngtech.archunit.base.DescribedPredicate.describe(
                "are rexec's but in no package the library exports",
                type -> type.getPackageName().startsWith("org.rexec")
                    && !type.getPackageName().startsWith("org.rexec.cli")
                    && !exported.contains(type.getPackageName())))
        .check(cli);
  }

  /** The packages the library's module-info exports. */
  private static List<String> exports() throws Exception {
    Path library = Path.of(Cell.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return ModuleFinder.of(library).findAll().iterator().next().descriptor().exports().stream()
        .map(ModuleDescriptor.Exports::source)
        .toList();
  }
}
