package org.rexec.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks measure what a supervisor gets, so they use only the library's exported API;
 * the few that do not say why in their javadoc, and are named here.
 */
class ApiOnlyTest {

  private static final Set<String> API = Set.of("org.rexec", "org.rexec.policy", "org.rexec.text");

  /** Each with the reason in its javadoc. */
  private static final Set<String> BELOW_THE_API =
      Set.of("FileOperationsBenchmark", "Workload", "StandardInputBenchmark");

  @Test
  void onlyTheNamedBenchmarksReachBelowTheApi() {
    Set<String> reaching = new TreeSet<>();
    for (JavaClass type :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.rexec.bench")) {
      for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
        String target = dependency.getTargetClass().getPackageName();
        if (target.startsWith("org.rexec") && !target.startsWith("org.rexec.bench")
            && !API.contains(target)) {
          reaching.add(type.getSimpleName().replaceFirst("\\$.*", ""));
        }
      }
    }

    assertThat(reaching).isNotEmpty().isSubsetOf(BELOW_THE_API);
  }
}
