package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Hostile cell code that knows rexec's source reaching for its machinery ({@code
 * org.rexec.cell}), its leaf packages ({@code org.rexec.jdk}, {@code org.rexec.net}, {@code
 * org.rexec.text}) or the objects of a run that the machinery gives a cell's threads. Names
 * are refused by the loader and the rewriter; the objects a cell holds act for their own run
 * only, and only as the JDK's objects they stand for would.
 */
class MachineryBoundaryAttackTest {

  private static final String PROBE =
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
            try {
              Class.forName(name, false, null);
              System.out.println("FOUND " + name);
            } catch (ClassNotFoundException e) {
              System.out.println("not found: " + e.getMessage());
            }
          }
        }
      }
      """;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "org.rexec.cell.CellCore", // public, with a public constructor
        "org.rexec.cell.CellParentLoader",
        "org.rexec.cell.ProgramRun",
        "org.rexec.cell.RunOutcome",
        "org.rexec.text.BoundedText", // exported API, still not the cell's
        "org.rexec.text.Units",
        "org.rexec.jdk.JdkPackages",
        "org.rexec.net.IpLiteral",
        "[Lorg.rexec.cell.CellCore;",
        "[[Lorg.rexec.text.BoundedText;",
      })
  void theMachineryAndTheLeavesAreNotFoundByClassForName(String name) {
    RunResult result = Programs.run("Probe.java", PROBE, name);

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout())
        .isEqualTo("not found: " + name + "\nnot found: " + name + "\n");
  }

  /**
   * The ways around a name: class loaders (the cell's, its parent, the context loader, the
   * system loader), modules (to export or open rexec's packages to oneself), lookups and stack
   * walkers. Each is refused where it is called, so nothing after it runs.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "Probe.class.getClassLoader()",
        "Thread.currentThread().getContextClassLoader()",
        "ClassLoader.getSystemClassLoader()",
        "ClassLoader.getPlatformClassLoader()",
        "Probe.class.getModule()",
        "Object.class.getModule()",
        "Thread.currentThread().getClass().getModule()",
        "ModuleLayer.boot()",
        "Class.forName((Module) null, \"org.rexec.cell.CellCore\")",
        "java.lang.invoke.MethodHandles.lookup()",
        "StackWalker.getInstance()",
      })
  void theWaysAroundANameAreRefused(String expression) {
    RunResult result =
        Programs.run(
            "Probe.java",
            "public class Probe { public static void main(String[] args) {"
                + " try { Object reached = " + expression + ";"
                + " System.out.println(\"REACHED \" + reached); }"
                + " catch (SecurityException e) { System.out.println(\"refused\"); } } }");

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("refused\n");
    assertThat(result.violations()).extracting(Violation::rule).containsOnly("allow-list");
  }

  /** A call, a class constant or a method-handle constant naming one of rexec's packages. */
  @ParameterizedTest
  @CsvSource({
    "call, org/rexec/cell/CellParentLoader, <init>, ()V",
    "call, org/rexec/text/BoundedText, printable, (Ljava/lang/String;)Ljava/lang/String;",
    "call, org/rexec/jdk/JdkPackages, isJdkClass, (Ljava/lang/String;)Z",
    "call, org/rexec/net/IpLiteral, isLiteral, (Ljava/lang/String;)Z",
    "class, org/rexec/cell/CellCore, , ",
    "class, org/rexec/text/Units, , ",
    "handle, org/rexec/text/BoundedText, printable, (Ljava/lang/String;)Ljava/lang/String;",
    "handle, org/rexec/jdk/JdkPackages, isJdkClass, (Ljava/lang/String;)Z",
  })
  void bytecodeNamingTheMachineryOrALeafIsRejected(
      String kind, String owner, String name, String descriptor) {
    byte[] probe =
        Programs.mainClass(
            "Naming",
            main -> {
              switch (kind) {
                case "call":
                  if ("<init>".equals(name)) {
                    main.visitTypeInsn(Opcodes.NEW, owner);
                    main.visitInsn(Opcodes.DUP);
                    main.visitMethodInsn(Opcodes.INVOKESPECIAL, owner, name, descriptor, false);
                  } else {
                    main.visitLdcInsn("127.0.0.1");
                    main.visitMethodInsn(Opcodes.INVOKESTATIC, owner, name, descriptor, false);
                  }
                  break;
                case "class":
                  main.visitLdcInsn(Type.getObjectType(owner));
                  break;
                default:
                  main.visitLdcInsn(
                      new Handle(Opcodes.H_INVOKESTATIC, owner, name, descriptor, false));
                  break;
              }
              main.visitInsn(Opcodes.POP);
              main.visitInsn(Opcodes.RETURN);
            });

    RunResult result = Programs.runClassFile(probe);

    assertThat(result.status()).isEqualTo(RunStatus.REJECTED);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.violations()).extracting(Violation::rule).containsOnly("runtime-package");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"org/rexec/cell/Evil", "org/rexec/jdk/Evil", "org/rexec/net/Evil",
          "org/rexec/text/Evil", "org/rexec/cell/CellCore"})
  void aCellCannotDefineAClassInRexecsPackages(String name) {
    byte[] probe =
        Programs.mainClass(
            name,
            main -> {
              main.visitFieldInsn(
                  Opcodes.GETSTATIC, "java/lang/System", "out", "Ljava/io/PrintStream;");
              main.visitLdcInsn("DEFINED");
              main.visitMethodInsn(
                  Opcodes.INVOKEVIRTUAL, "java/io/PrintStream", "println",
                  "(Ljava/lang/String;)V", false);
              main.visitInsn(Opcodes.RETURN);
            });

    RunResult result = Programs.runClassFile(probe);

    assertThat(result.status()).isEqualTo(RunStatus.REJECTED);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.message())
        .hasValueSatisfying(m -> assertThat(m).contains("refused").contains("runtime-package"));
  }

  /**
   * The main thread, as the JVM's, has no task: its {@code run()}, called by the program, does
   * nothing. It must not enter {@code main} again, nor tell the run a second time that main
   * ended: here a nested main threw, the outer one caught it and returned, and the run was
   * reported as ended by the exception.
   */
  @Test
  void runOnTheMainThreadDoesNotEnterMainAgain() {
    RunResult result =
        Programs.run(
            Policy.builder().threads(4).build(),
            "Again.java",
            """
            public class Again {
              static int entered;
              public static void main(String[] args) throws Exception {
                entered++;
                if (entered > 1) {
                  throw new IllegalStateException("main entered again");
                }
                try {
                  Thread.currentThread().run();
                  System.out.println("run() returned");
                } catch (IllegalStateException e) {
                  System.out.println("caught " + e.getMessage());
                }
                Thread main = Thread.currentThread();
                Thread other = new Thread(main::run);
                other.start();
                other.join();
                System.out.println("entered " + entered);
              }
            }
            """);

    assertThat(result.stderr()).isEmpty();
    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("run() returned\nentered 1\n");
  }

  /** A shutdown hook's thread, rexec's too, runs the hook once, whoever calls its run(). */
  @Test
  void runOnAHooksThreadDoesNotRunTheHookAgain() {
    RunResult result =
        Programs.run(
            "Hook.java",
            """
            public class Hook {
              static int ran;
              public static void main(String[] args) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                  ran++;
                  System.out.println("hook " + ran);
                  if (ran < 3) {
                    Thread.currentThread().run();
                  }
                }));
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("hook 1\n");
  }

  /**
   * The streams and the uncaught-exception handler a run gives its main thread belong to that
   * run: kept in a static and used by a later run of the same cell, they write nothing (the
   * earlier run's output budget would otherwise be spent again, into the supervisor's sink).
   */
  @Test
  void aRunsStreamsAndHandlerWriteNothingAfterTheRun() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (Cell cell = Cell.builder(Policy.defaults()).stdout(out).stderr(err).create()) {
      String main =
          cell.loadSource(
              "Keep.java",
              """
              public class Keep {
                static java.io.PrintStream oldOut;
                static java.io.PrintStream oldErr;
                static Thread.UncaughtExceptionHandler oldHandler;
                public static void main(String[] args) {
                  if (oldOut == null) {
                    oldOut = System.out;
                    oldErr = System.err;
                    oldHandler = Thread.currentThread().getUncaughtExceptionHandler();
                    System.out.println("run 1");
                    return;
                  }
                  oldOut.println("stale out");
                  oldErr.println("stale err");
                  oldHandler.uncaughtException(
                      Thread.currentThread(), new RuntimeException("stale handler"));
                  System.out.println("run 2");
                }
              }
              """);

      RunResult first = cell.run(main);
      RunResult second = cell.run(main);

      assertThat(first.status()).isEqualTo(RunStatus.COMPLETED);
      assertThat(second.status()).isEqualTo(RunStatus.COMPLETED);
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("run 1\nrun 2\n");
      assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }
  }

  /** The handler a run gives its main thread names nothing of rexec's when printed. */
  @Test
  void theMainThreadsHandlerShowsNoRexecName() {
    RunResult result =
        Programs.run(
            "Handler.java",
            """
            public class Handler {
              public static void main(String[] args) {
                Object handler = Thread.currentThread().getUncaughtExceptionHandler();
                System.out.println(String.valueOf(handler));
                System.out.println(handler.getClass().getName());
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).doesNotContain("rexec").startsWith("java.lang.");
  }
}
