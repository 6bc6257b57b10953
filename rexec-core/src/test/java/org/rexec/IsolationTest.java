package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.Opcodes;
import org.rexec.runtime.CellTermination;

/** A cell sees the JDK and its own classes, nothing of the supervisor. */
class IsolationTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "org.rexec.Cell", // rexec's API
        "org.rexec.runtime.CellContext", // the runtime, visible to the loader, not to code
        "org.rexec.runtime.Guards",
        "org.objectweb.asm.ClassReader", // a library of the host
        "org.junit.jupiter.api.Test", // the supervisor's own dependencies
        "org.rexec.IsolationTest", // the supervisor's own classes
        "java.lang.reflect.Method", // a JDK class off the allow-list
        "jdk.internal.misc.Unsafe",
        "sun.misc.Unsafe"
      })
  void hostClassesAreInvisibleToClassForName(String hostClass) {
    RunResult result =
        Programs.run(
            "Probe.java",
            """
            public class Probe {
              public static void main(String[] args) {
                try {
                  Class.forName(args[0]);
                  System.out.println("FOUND");
                } catch (ClassNotFoundException e) {
                  System.out.println("not found: " + e.getMessage());
                }
              }
            }
            """,
            hostClass);

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("not found: " + hostClass + "\n");
  }

  @Test
  void allowedJdkClassesAndOwnClassesAreFoundByClassForName() {
    RunResult result =
        Programs.run(
            "Probe.java",
            """
            public class Probe {
              static class Inner {}
              public static void main(String[] args) throws Exception {
                System.out.println(Class.forName("java.util.ArrayList").getSimpleName());
                System.out.println(Class.forName("Probe$Inner").getName());
                System.out.println(Class.forName("[Ljava.lang.String;").getSimpleName());
              }
            }
            """);

    assertThat(result.stdout()).isEqualTo("ArrayList\nProbe$Inner\nString[]\n");
  }

  @Test
  void bytecodeNamingAHostClassCannotLinkToIt() {
    // javac cannot compile against the host's classes (its class path is empty); hand-made
    // bytecode can name them, and the JVM then finds no such class through the cell's loader.
    byte[] probe =
        Programs.mainClass(
            "HostProbe",
            main -> {
              main.visitLdcInsn("hostile");
              main.visitMethodInsn(
                  Opcodes.INVOKESTATIC,
                  "org/junit/jupiter/api/Assertions",
                  "fail",
                  "(Ljava/lang/String;)Ljava/lang/Object;",
                  false);
              main.visitInsn(Opcodes.POP);
              main.visitInsn(Opcodes.RETURN);
            });

    RunResult result = Programs.runClassFile(probe);

    assertThat(result.status()).isEqualTo(RunStatus.EXCEPTION);
    assertThat(result.exception().orElseThrow().type())
        .isEqualTo("java.lang.NoClassDefFoundError");
    assertThat(result.exception().orElseThrow().message())
        .isEqualTo("org/junit/jupiter/api/Assertions");
  }

  @Test
  void bytecodeReferencingTheRuntimeIsRejected() {
    byte[] probe =
        Programs.mainClass(
            "RuntimeProbe",
            main -> {
              main.visitLdcInsn(org.objectweb.asm.Type.getObjectType("RuntimeProbe"));
              main.visitMethodInsn(
                  Opcodes.INVOKESTATIC,
                  "org/rexec/runtime/CellContext",
                  "of",
                  "(Ljava/lang/Class;)Lorg/rexec/runtime/CellContext;",
                  false);
              main.visitInsn(Opcodes.POP);
              main.visitInsn(Opcodes.RETURN);
            });

    RunResult result = Programs.runClassFile(probe);

    assertThat(result.status()).isEqualTo(RunStatus.REJECTED);
    assertThat(result.exitCode()).isEqualTo(126);
    assertThat(result.violations())
        .extracting(Violation::rule)
        .containsOnly("runtime-package");
  }

  @Test
  void bytecodeReadingAnotherClassesCellFieldIsRejected() {
    byte[] probe =
        Programs.mainClass(
            "FieldProbe",
            main -> {
              main.visitFieldInsn(
                  Opcodes.GETSTATIC, "Other", "$rexec$cell", "Ljava/lang/Object;");
              main.visitInsn(Opcodes.POP);
              main.visitInsn(Opcodes.RETURN);
            });

    RunResult result = Programs.runClassFile(probe);

    assertThat(result.status()).isEqualTo(RunStatus.REJECTED);
    assertThat(result.violations()).extracting(Violation::rule).contains("reserved-name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"java/lang/Evil", "org/rexec/Evil", "org/rexec/runtime/Evil", "sun/misc/Evil"})
  void classesInReservedPackagesAreRejected(String name) {
    byte[] probe = Programs.mainClass(name, main -> main.visitInsn(Opcodes.RETURN));

    RunResult result = Programs.runClassFile(probe);

    assertThat(result.status()).isEqualTo(RunStatus.REJECTED);
    assertThat(result.message()).hasValueSatisfying(m -> assertThat(m).contains("refused"));
  }

  @Test
  void cellCodeCalledByTheSupervisorOutsideARunThrows() throws Exception {
    try (Cell cell = Cell.create(Policy.defaults())) {
      cell.loadSource(
          "Callback.java",
          """
          public class Callback {
            public static int answer() { return 42; }
            public static void main(String[] args) { System.out.println(answer()); }
          }
          """);
      assertThat(cell.run("Callback").stdout()).isEqualTo("42\n");
      Method answer = cell.importClass("Callback").getMethod("answer");

      assertThatThrownBy(() -> answer.invoke(null))
          .isInstanceOf(InvocationTargetException.class)
          .cause()
          .isInstanceOf(CellTermination.class)
          .hasMessageContaining("only inside a run");
    }
  }

  @Test
  void importClassGivesOnlyTheCellsOwnClasses() throws Exception {
    try (Cell cell = Cell.create(Policy.defaults())) {
      cell.loadSource("A.java", "public class A { public static void main(String[] a) {} }");

      Class<?> imported = cell.importClass("A");

      assertThat(imported.getClassLoader()).isNotSameAs(getClass().getClassLoader());
      assertThatThrownBy(() -> cell.importClass("java.lang.String"))
          .isInstanceOf(ClassNotFoundException.class);
    }
  }

  @Test
  void aClosedCellRunsNothing() {
    Cell cell = Cell.create(Policy.defaults());
    cell.loadSource("A.java", "public class A { public static void main(String[] a) {} }");
    cell.close();
    cell.close();

    assertThatThrownBy(() -> cell.run("A"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }
}
