package hostprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.rexec.Cell;
import org.rexec.Policy;
import org.rexec.RunResult;
import org.rexec.RunStatus;
import org.rexec.Violation;

/**
 * A hostile program probing for rexec's and the supervisor's classes finds nothing, and the
 * supervisor sees each probe as a violation. This test lives outside {@code org.rexec}, as a
 * supervisor's own classes do.
 */
class HostClassProbeTest {

  private static RunResult run(String source, String... args) {
    try (Cell cell = Cell.create(Policy.defaults())) {
      return cell.run(cell.loadSource("Probe.java", source), args);
    }
  }

  @Test
  void probesOfRexecAndSupervisorClassesAreViolationsAndTyposAreNot() {
    RunResult result =
        run(
            """
            public class Probe {
              public static void main(String[] args) {
                for (String name : args) {
                  try {
                    Class.forName(name);
                    System.out.println("FOUND " + name);
                  } catch (ClassNotFoundException e) {
                    System.out.println("not found: " + e.getMessage());
                  }
                }
              }
            }
            """,
            "org.rexec.Cell",
            "org.rexec.runtime.SystemShim",
            "hostprobe.HostClassProbeTest",
            "[Lhostprobe.HostClassProbeTest;",
            "com.nothing.Here",
            "java.lang.reflect.Methd");

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout())
        .isEqualTo(
            """
            not found: org.rexec.Cell
            not found: org.rexec.runtime.SystemShim
            not found: hostprobe.HostClassProbeTest
            not found: [Lhostprobe.HostClassProbeTest;
            not found: com.nothing.Here
            not found: java.lang.reflect.Methd
            """);
    assertThat(result.violations())
        .extracting(Violation::detail, Violation::rule, Violation::className, Violation::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("org.rexec.Cell", "runtime-package", "Probe", 5),
            org.assertj.core.groups.Tuple.tuple(
                "org.rexec.runtime.SystemShim", "runtime-package", "Probe", 5),
            org.assertj.core.groups.Tuple.tuple(
                "hostprobe.HostClassProbeTest", "host-classes", "Probe", 5),
            org.assertj.core.groups.Tuple.tuple(
                "[Lhostprobe.HostClassProbeTest;", "host-classes", "Probe", 5));
    assertThat(result.violations().get(0).toString())
        .isEqualTo(
            "Probe.main:5: using class org.rexec.Cell is not allowed in this cell"
                + " (rule: runtime-package)");
  }

  @Test
  void bytecodeNamingASupervisorClassFailsToLinkAndIsAViolation() {
    // javac in a cell cannot compile against the host's classes; hand-made bytecode can name
    // them, and the JVM finds no such class through the cell's loader.
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "LinkProbe", null, "java/lang/Object", null);
    MethodVisitor main =
        writer.visitMethod(
            Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "main", "([Ljava/lang/String;)V", null, null);
    main.visitCode();
    main.visitMethodInsn(
        Opcodes.INVOKESTATIC, "hostprobe/HostClassProbeTest", "secret", "()Ljava/lang/String;",
        false);
    main.visitInsn(Opcodes.POP);
    main.visitInsn(Opcodes.RETURN);
    main.visitMaxs(0, 0);
    main.visitEnd();
    writer.visitEnd();

    RunResult result;
    try (Cell cell = Cell.create(Policy.defaults())) {
      result = cell.run(cell.loadClassFile(writer.toByteArray()));
    }

    assertThat(result.status()).isEqualTo(RunStatus.EXCEPTION);
    assertThat(result.exception().orElseThrow().type())
        .isEqualTo("java.lang.NoClassDefFoundError");
    assertThat(result.violations())
        .extracting(Violation::detail, Violation::rule)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("hostprobe.HostClassProbeTest", "host-classes"));
    assertThat(secretCalls).isZero();
  }

  private static int secretCalls;

  /** What a probe would like to reach; never called from a cell. */
  static String secret() {
    secretCalls++;
    return "secret";
  }

  @Test
  void aLoopOfProbesKeepsABoundedRecord() {
    RunResult result =
        run(
            """
            public class Probe {
              public static void main(String[] args) {
                int missed = 0;
                for (int i = 0; i < 20_000; i++) {
                  try {
                    Class.forName(i % 2 == 0 ? "org.rexec.Cell" : "org.rexec.Probe" + i);
                  } catch (ClassNotFoundException e) {
                    missed++;
                  }
                }
                System.out.println(missed);
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("20000\n");
    assertThat(result.violations()).hasSize(RunResult.MAX_VIOLATIONS);
    assertThat(result.violations().size() + result.droppedViolations()).isEqualTo(20_000);
  }

  @Test
  void probesOutsideARunOfTheSupervisorAreNotRecorded() throws Exception {
    try (Cell cell = Cell.create(Policy.defaults())) {
      cell.loadSource("A.java", "public class A { public static void main(String[] a) {} }");
      try {
        cell.importClass("hostprobe.HostClassProbeTest");
      } catch (ClassNotFoundException expected) {
        // the supervisor asking is no probe of the cell's
      }
      assertThat(cell.violations()).isEmpty();
      assertThat(List.of(cell.run("A").status())).containsExactly(RunStatus.COMPLETED);
    }
  }

  /** Set by the initializer of {@link Tripwire}, kept outside it so reading it does not run it. */
  static final java.util.concurrent.atomic.AtomicBoolean TRIPPED =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** A supervisor class whose initializer the test would notice. */
  static final class Tripwire {
    static {
      TRIPPED.set(true);
    }
  }

  @Test
  void noFormOfAProbeFindsOrInitializesASupervisorClass() {
    // Nested names, arrays of them, '/' for '.', the three-argument forName with a null
    // loader, and forName as a method reference: none finds the class, and its static
    // initializer (a side effect on the host) never runs.
    RunResult result =
        run(
            """
            import java.util.function.Function;
            public class Probe {
              interface Lookup { Class<?> find(String name) throws Exception; }
              public static void main(String[] args) {
                Lookup[] ways = {
                  Class::forName,
                  name -> Class.forName(name, true, null),
                  name -> Class.forName(name, true, Probe.class.getClassLoader()),
                };
                for (String name : args) {
                  for (Lookup way : ways) {
                    try {
                      System.out.println("FOUND " + way.find(name));
                    } catch (Exception e) {
                      System.out.println(e.getClass().getSimpleName());
                    }
                  }
                }
              }
            }
            """,
            "hostprobe.HostClassProbeTest$Tripwire",
            "[[Lhostprobe.HostClassProbeTest$Tripwire;",
            "hostprobe/HostClassProbeTest$Tripwire",
            "org.rexec.Cell$Builder");

    assertThat(result.status()).as(result.toString()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).doesNotContain("FOUND");
    assertThat(TRIPPED).as("the probe initialized a supervisor class").isFalse();
    assertThat(result.violations())
        .extracting(Violation::detail)
        .contains("hostprobe.HostClassProbeTest$Tripwire", "org.rexec.Cell$Builder");
  }
}
