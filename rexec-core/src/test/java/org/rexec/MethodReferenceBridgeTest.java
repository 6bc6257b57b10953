package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A method reference to a JDK member runs through a static bridge of the cell class. The bridge
 * must link wherever the plain reference links (its receiver parameter is the type the call site
 * captures, also an array type), must still route interposed members, and must not show: no
 * frame of it in a trace, no message naming its parameter.
 */
class MethodReferenceBridgeTest {

  @Test
  void referencesToInheritedJdkMethodsLink() {
    RunResult result =
        Programs.run(
            "Inherited.java",
            """
            import java.util.*;
            import java.util.function.*;
            import java.util.stream.*;
            public class Inherited {
              public static void main(String[] args) {
                Stream<Integer> stream = Stream.of(1, 2);
                for (Integer i : (Iterable<Integer>) stream::iterator) System.out.print(i);
                ArrayList<String> list = new ArrayList<>(List.of("a"));
                Supplier<String> text = list::toString;
                Function<ArrayList<String>, String> unbound = ArrayList::toString;
                System.out.println(" " + text.get() + unbound.apply(list));
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("12 [a][a]\n");
  }

  @Test
  void referencesBoundToArraysLink() {
    RunResult result =
        Programs.run(
            "Arrays.java",
            """
            import java.util.function.*;
            public class Arrays {
              public static void main(String[] args) {
                int[] numbers = {4, 5};
                Supplier<Class<?>> type = numbers::getClass;
                Supplier<Object> copy = numbers::clone;
                String[] words = {"w"};
                Predicate<Object> same = words::equals;
                System.out.println(type.get().getSimpleName() + " "
                    + ((int[]) copy.get())[1] + " " + same.test(words));
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("int[] 5 true\n");
  }

  /**
   * {@code notifyAll} is interposed: the cell's {@code synchronized} locks a monitor of the
   * cell's for the object, so a bridge that called the array's own {@code notifyAll} would throw
   * {@code IllegalMonitorStateException}.
   */
  @Test
  void aReferenceBoundToAnArrayStillRoutesItsInterposedMember() {
    RunResult result =
        Programs.run(
            "Monitor.java",
            """
            public class Monitor {
              public static void main(String[] args) {
                Object[] lock = new Object[0];
                Runnable wake = lock::notifyAll;
                synchronized (lock) {
                  wake.run();
                }
                System.out.println("notified");
              }
            }
            """);

    assertThat(result.exception()).isEmpty();
    assertThat(result.stdout()).isEqualTo("notified\n");
  }

  @Test
  void bridgeFramesDoNotShowInTraces() {
    RunResult result =
        Programs.run(
            "Traces.java",
            """
            import java.util.*;
            import java.util.function.*;
            public class Traces {
              public static void main(String[] args) {
                Function<String, Integer> parse = Integer::parseInt;
                try {
                  parse.apply("x");
                } catch (NumberFormatException e) {
                  for (StackTraceElement frame : e.getStackTrace()) {
                    System.out.println(frame.getMethodName());
                  }
                }
                BiFunction<ArrayList<String>, Integer, String> get = ArrayList::get;
                get.apply(new ArrayList<>(), 3);
              }
            }
            """);

    assertThat(result.stdout()).endsWith("parseInt\nmain\n").doesNotContain("$rexec$");
    assertThat(result.stdout().lines()).containsOnlyOnce("main");
    assertThat(result.exception().orElseThrow().type())
        .isEqualTo("java.lang.IndexOutOfBoundsException");
    assertThat(result.exception().orElseThrow().stackTrace())
        .contains("at Traces.main(Traces.java:14)")
        .doesNotContain("$rexec$");
    assertThat(result.stderr()).contains("at Traces.main(Traces.java:14)").doesNotContain("$rexec$");
  }

  @Test
  void aNullReceiverThrowsWithoutAMessageAsOnAPlainJvm() {
    RunResult result =
        Programs.run(
            "Null.java",
            """
            import java.util.*;
            import java.util.function.*;
            public class Null {
              public static void main(String[] args) {
                Function<ArrayList<String>, String> text = ArrayList::toString;
                try {
                  text.apply(null);
                } catch (NullPointerException e) {
                  System.out.println(e.getMessage() + " " + e.getStackTrace()[0].getMethodName());
                }
              }
            }
            """);

    assertThat(result.stdout()).isEqualTo("null main\n");
  }

  /**
   * A refusal a shim decides is placed at the program's own line, not in the bridge that made
   * the call; the file outside every grant stays unread.
   */
  @Test
  void aRefusalThroughAReferenceIsPlacedAtTheProgramsLine() throws Exception {
    Path secret = Files.createTempFile("rexec-bridge-", ".txt");
    try {
      Files.writeString(secret, "secret-5f2a");
      RunResult result =
          Programs.run(
              "Reader.java",
              """
              import java.nio.file.*;
              public class Reader {
                interface Read { String from(Path path) throws Exception; }
                public static void main(String[] args) throws Exception {
                  Read read = Files::readString;
                  System.out.println(read.from(Path.of(args[0])));
                }
              }
              """,
              secret.toString());

      assertThat(result.stdout()).doesNotContain("secret-5f2a");
      assertThat(result.exception().orElseThrow().type())
          .isEqualTo("java.nio.file.AccessDeniedException");
      assertThat(result.violations())
          .extracting(Violation::location)
          .containsExactly("Reader.main:6");
    } finally {
      Files.delete(secret);
    }
  }

  /** The trace filter drops bridge frames by name: a cell cannot give its own method that name. */
  @Test
  void aCellMethodNamedLikeABridgeIsRejected() {
    byte[] probe =
        Programs.classFile(
            "Hider",
            "java/lang/Object",
            writer -> {
              MethodVisitor hidden =
                  writer.visitMethod(
                      Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "$rexec$bridge$0", "()V", null, null);
              hidden.visitCode();
              hidden.visitInsn(Opcodes.RETURN);
              hidden.visitMaxs(0, 0);
              hidden.visitEnd();
              MethodVisitor main =
                  writer.visitMethod(
                      Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC,
                      "main",
                      "([Ljava/lang/String;)V",
                      null,
                      null);
              main.visitCode();
              main.visitMethodInsn(Opcodes.INVOKESTATIC, "Hider", "$rexec$bridge$0", "()V", false);
              main.visitInsn(Opcodes.RETURN);
              main.visitMaxs(0, 0);
              main.visitEnd();
            });

    RunResult result = Programs.runClassFile(probe);

    assertThat(result.status()).isEqualTo(RunStatus.REJECTED);
    assertThat(result.violations()).extracting(Violation::rule).contains("reserved-name");
  }
}
