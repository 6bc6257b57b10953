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
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
            "org.rexec.net", "org.rexec.text", "org.rexec.cache", "org.rexec.bug",
            "org.rexec.jdk");
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
        .definedBy(
            "org.rexec.jdk..", "org.rexec.net..", "org.rexec.text..", "org.rexec.cache..",
            "org.rexec.bug..")
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
            "org.rexec.jdk..", "org.rexec.net..", "org.rexec.text..", "org.rexec.cache..",
            "org.rexec.bug..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.rexec", "org.rexec.cell..", "org.rexec.rewrite..", "org.rexec.compile..",
            "org.rexec.runtime..", "org.rexec.fs..", "org.rexec.policy..")
        .check(classes);
    noClasses()
        .that().resideInAPackage("org.rexec.bug..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.rexec.jdk..", "org.rexec.net..", "org.rexec.text..", "org.rexec.cache..")
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
  void theApiNamesOnlyTheApisAndTheJdksTypes() throws Exception {
    // A supervisor must be able to use every public member of the API: no internal type may
    // appear in a signature of it (parameters, results, exceptions, fields, supertypes).
    Set<String> exported = Set.of("org.rexec", "org.rexec.policy", "org.rexec.text");
    List<String> leaks = new ArrayList<>();
    for (JavaClass type : classes) {
      if (!exported.contains(type.getPackageName()) || !isVisible(type.reflect())) {
        continue;
      }
      Class<?> api = type.reflect();
      List<Type> named = new ArrayList<>();
      named.add(api.getGenericSuperclass());
      named.addAll(List.of(api.getGenericInterfaces()));
      for (Method method : api.getDeclaredMethods()) {
        if (isVisible(method) && !method.isSynthetic()) {
          named.add(method.getGenericReturnType());
          named.addAll(List.of(method.getGenericParameterTypes()));
          named.addAll(List.of(method.getGenericExceptionTypes()));
        }
      }
      for (Constructor<?> constructor : api.getDeclaredConstructors()) {
        if (isVisible(constructor)) {
          named.addAll(List.of(constructor.getGenericParameterTypes()));
          named.addAll(List.of(constructor.getGenericExceptionTypes()));
        }
      }
      for (Field field : api.getDeclaredFields()) {
        if (isVisible(field)) {
          named.add(field.getGenericType());
        }
      }
      for (Type each : named) {
        for (Class<?> mentioned : classesIn(each)) {
          String owner = mentioned.getPackageName();
          if (owner.startsWith("org.rexec") && !exported.contains(owner)) {
            leaks.add(api.getName() + " names " + mentioned.getName());
          }
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  private static boolean isVisible(Class<?> type) {
    for (Class<?> each = type; each != null; each = each.getDeclaringClass()) {
      if (!Modifier.isPublic(each.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  private static boolean isVisible(Member member) {
    return Modifier.isPublic(member.getModifiers()) || Modifier.isProtected(member.getModifiers());
  }

  /** The classes a (generic) type mentions: itself, its arguments, bounds, components. */
  private static List<Class<?>> classesIn(Type type) {
    List<Class<?>> found = new ArrayList<>();
    if (type instanceof Class<?> plain) {
      found.add(plain.isArray() ? plain.getComponentType() : plain);
    } else if (type instanceof ParameterizedType parameterized) {
      found.addAll(classesIn(parameterized.getRawType()));
      for (Type argument : parameterized.getActualTypeArguments()) {
        found.addAll(classesIn(argument));
      }
    } else if (type instanceof GenericArrayType array) {
      found.addAll(classesIn(array.getGenericComponentType()));
    } else if (type instanceof WildcardType wildcard) {
      for (Type bound : wildcard.getUpperBounds()) {
        found.addAll(classesIn(bound));
      }
      for (Type bound : wildcard.getLowerBounds()) {
        found.addAll(classesIn(bound));
      }
    }
    return found;
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
