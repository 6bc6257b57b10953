package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.rexec.policy.AllowList;

/**
 * Every way of reaching a JDK member off the allow-list is refused, and refusing it leaves the
 * host untouched: the command never ran.
 */
class AllowListEnforcementTest {

  @TempDir Path temp;

  private static final String EXEC_REFUSED =
      "Cannot run program \"touch\": Permission denied (rule: processes)";

  /** Runs {@code source}, which tries to create {@code marker} with touch(1). */
  private RunResult attemptTouch(String fileName, String source) {
    Path marker = temp.resolve("pwned");
    RunResult result = Programs.run(fileName, source, marker.toString());
    assertThat(marker).doesNotExist();
    return result;
  }

  @Test
  void execAsDirectCallIsRefused() {
    RunResult result =
        attemptTouch(
            "Direct.java",
            """
            public class Direct {
              public static void main(String[] args) throws Exception {
                Runtime.getRuntime().exec(new String[] {"touch", args[0]});
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.EXCEPTION);
    assertThat(result.exception().orElseThrow().type()).isEqualTo("java.io.IOException");
    assertThat(result.exception().orElseThrow().message()).isEqualTo(EXEC_REFUSED);
    assertThat(result.violations())
        .singleElement()
        .satisfies(
            violation -> {
              assertThat(violation.operation()).isEqualTo("exec");
              assertThat(violation.detail()).isEqualTo("touch");
              assertThat(violation.rule()).isEqualTo("processes");
              assertThat(violation.className()).isEqualTo("Direct");
              assertThat(violation.methodName()).isEqualTo("main");
              assertThat(violation.line()).isEqualTo(3);
            });
    assertThat(result.stderr())
        .isEqualTo("Exception in thread \"main\" java.io.IOException: " + EXEC_REFUSED
            + "\n\tat Direct.main(Direct.java:3)\n");
  }

  @Test
  void execInALambdaBodyIsRefused() {
    RunResult result =
        attemptTouch(
            "InLambda.java",
            """
            import java.util.function.Consumer;
            public class InLambda {
              public static void main(String[] args) {
                Consumer<String> touch = path -> {
                  try {
                    Runtime.getRuntime().exec(new String[] {"touch", path});
                  } catch (java.io.IOException e) {
                    throw new RuntimeException(e);
                  }
                };
                touch.accept(args[0]);
              }
            }
            """);

    assertThat(result.exception().orElseThrow().message())
        .isEqualTo("java.io.IOException: " + EXEC_REFUSED);
    assertThat(result.violations()).singleElement().satisfies(
        violation -> assertThat(violation.methodName()).startsWith("lambda$main$"));
  }

  @Test
  void execAsMethodReferenceIsRefusedWhenCalled() {
    RunResult result =
        attemptTouch(
            "MethodRef.java",
            """
            import java.util.function.Function;
            public class MethodRef {
              interface Exec { Process exec(String[] command) throws java.io.IOException; }
              public static void main(String[] args) throws Exception {
                System.out.println("before");
                Exec exec = Runtime.getRuntime()::exec;
                System.out.println("made");
                exec.exec(new String[] {"touch", args[0]});
              }
            }
            """);

    assertThat(result.stdout()).isEqualTo("before\nmade\n");
    assertThat(result.exception().orElseThrow().message()).isEqualTo(EXEC_REFUSED);
    assertThat(result.violations()).singleElement().satisfies(
        violation -> assertThat(violation.operation()).isEqualTo("exec"));
  }

  @Test
  void execInAStaticInitializerIsRefused() {
    RunResult result =
        attemptTouch(
            "InInit.java",
            """
            public class InInit {
              static String target;
              static class Payload {
                static {
                  try {
                    Runtime.getRuntime().exec(new String[] {"touch", target});
                  } catch (java.io.IOException e) {
                    throw new RuntimeException(e);
                  }
                }
                static void trigger() {}
              }
              public static void main(String[] args) {
                target = args[0];
                Payload.trigger();
              }
            }
            """);

    assertThat(result.exception().orElseThrow().type())
        .isEqualTo("java.lang.ExceptionInInitializerError");
    assertThat(result.stderr()).contains("Caused by: java.io.IOException: " + EXEC_REFUSED);
    assertThat(result.violations()).singleElement().satisfies(
        violation -> assertThat(violation.methodName()).isEqualTo("<clinit>"));
  }

  @Test
  void refusedCodeThatNeverRunsDoesNotStopTheProgram() {
    RunResult result =
        Programs.run(
            "Dormant.java",
            """
            public class Dormant {
              static void never() throws Exception { Runtime.getRuntime().exec("rm -rf /"); }
              public static void main(String[] args) throws Exception {
                if (args.length > 99) never();
                System.out.println("ran");
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("ran\n");
    assertThat(result.violations()).isEmpty();
  }

  @Test
  void catchingTheRefusalDoesNotLetTheCallThrough() {
    RunResult result =
        attemptTouch(
            "Retry.java",
            """
            public class Retry {
              public static void main(String[] args) {
                for (int i = 0; i < 3; i++) {
                  try {
                    Runtime.getRuntime().exec(new String[] {"touch", args[0]});
                    System.out.println("escaped");
                  } catch (Throwable t) {
                    System.out.println(t.getClass().getSimpleName());
                  }
                }
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("IOException\n".repeat(3));
    assertThat(result.violations()).hasSize(3);
  }

  @Test
  void strictModeRejectsTheClassWithEveryViolationListed() {
    RunResult result =
        Programs.run(
            Policy.builder().strict(true).build(),
            "Many.java",
            """
            import java.util.Locale;
            public class Many {
              public static void main(String[] args) throws Exception {
                System.out.println("must not run");
                Many.class.getDeclaredMethods();
                Locale.setDefault(Locale.ROOT);
                Thread.setDefaultUncaughtExceptionHandler(null);
                new ClassLoader() {};
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.REJECTED);
    assertThat(result.exitCode()).isEqualTo(126);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.violations())
        .extracting(Violation::detail)
        .containsExactly(
            "java.lang.Class.getDeclaredMethods()",
            "java.util.Locale.setDefault(java.util.Locale)",
            "java.lang.Thread.setDefaultUncaughtExceptionHandler("
                + "java.lang.Thread$UncaughtExceptionHandler)",
            "java.lang.ClassLoader", // Many$1's supertype
            "java.lang.ClassLoader()"); // and its super(...) call
    assertThat(result.violations())
        .extracting(Violation::line)
        .containsExactly(5, 6, 7, -1, 8);
  }

  @Test
  void reflectionIsRefused() {
    RunResult result =
        Programs.run(
            "Reflect.java",
            """
            public class Reflect {
              public static void main(String[] args) {
                try {
                  Reflect.class.getDeclaredMethods();
                } catch (SecurityException e) { System.out.println(e.getMessage()); }
                try {
                  Reflect.class.getClassLoader();
                } catch (SecurityException e) { System.out.println(e.getMessage()); }
                try {
                  Thread.currentThread().getContextClassLoader();
                } catch (SecurityException e) { System.out.println(e.getMessage()); }
              }
            }
            """);

    assertThat(result.stdout())
        .isEqualTo(
            """
            calling java.lang.Class.getDeclaredMethods() is not allowed in this cell (rule: allow-list)
            calling java.lang.Class.getClassLoader() is not allowed in this cell (rule: allow-list)
            calling java.lang.Thread.getContextClassLoader() is not allowed in this cell (rule: allow-list)
            """);
  }

  @Test
  void excludedMemberReachedThroughASubclassOwnerIsRefused() {
    // Thread.getContextClassLoader named through the cell's own subclass: resolution finds the
    // JDK declaration and judges it there.
    RunResult result =
        Programs.run(
            "Sub.java",
            """
            public class Sub extends Thread {
              public static void main(String[] args) {
                try {
                  new Sub().getContextClassLoader();
                  System.out.println("escaped");
                } catch (SecurityException e) { System.out.println("refused"); }
              }
            }
            """);

    assertThat(result.stdout()).isEqualTo("refused\n");
    assertThat(result.violations()).singleElement().satisfies(
        violation -> assertThat(violation.detail())
            .isEqualTo("java.lang.Thread.getContextClassLoader()"));
  }

  @Test
  void methodHandleConstantToAForbiddenMemberIsRefused() {
    Handle exec =
        new Handle(
            Opcodes.H_INVOKEVIRTUAL,
            "java/lang/Class",
            "getDeclaredMethods",
            "()[Ljava/lang/reflect/Method;",
            false);
    byte[] probe =
        Programs.mainClass(
            "HandleProbe",
            main -> {
              main.visitLdcInsn(exec);
              main.visitInsn(Opcodes.POP);
              main.visitInsn(Opcodes.RETURN);
            });

    RunResult result = Programs.runClassFile(probe);

    assertThat(result.exception().orElseThrow().type()).isEqualTo("java.lang.SecurityException");
    assertThat(result.violations()).singleElement().satisfies(
        violation -> assertThat(violation.operation()).isEqualTo("method-handle"));
  }

  @Test
  void dynamicConstantWhoseBootstrapInvokesAForbiddenMemberIsRefused() {
    // condy: ConstantBootstraps.invoke is allowed; invoking Class.getDeclaredMethods is not.
    Handle invoke =
        new Handle(
            Opcodes.H_INVOKESTATIC,
            "java/lang/invoke/ConstantBootstraps",
            "invoke",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;"
                + "Ljava/lang/invoke/MethodHandle;[Ljava/lang/Object;)Ljava/lang/Object;",
            false);
    Handle reflect =
        new Handle(
            Opcodes.H_INVOKEVIRTUAL,
            "java/lang/Class",
            "getDeclaredMethods",
            "()[Ljava/lang/reflect/Method;",
            false);
    ConstantDynamic process =
        new ConstantDynamic(
            "m", "[Ljava/lang/Object;", invoke, reflect, Type.getObjectType("java/lang/Runtime"));
    byte[] probe =
        Programs.mainClass(
            "CondyProbe",
            main -> {
              main.visitLdcInsn(process);
              main.visitInsn(Opcodes.POP);
              main.visitInsn(Opcodes.RETURN);
            });

    RunResult result = Programs.runClassFile(probe);

    assertThat(result.exception().orElseThrow().type()).isEqualTo("java.lang.SecurityException");
    assertThat(result.violations()).singleElement().satisfies(
        violation ->
            assertThat(violation.detail()).isEqualTo("java.lang.Class.getDeclaredMethods()"));
  }

  private static final Handle ENUM_CONSTANT =
      new Handle(
          Opcodes.H_INVOKESTATIC,
          "java/lang/invoke/ConstantBootstraps",
          "enumConstant",
          "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;)"
              + "Ljava/lang/Enum;",
          false);

  /** The default allow-list with one more line. */
  private static AllowList defaultsWith(String line) throws IOException {
    try (InputStream in = AllowList.class.getResourceAsStream("default-allow-list.txt")) {
      return AllowList.parse(
          "test", new String(in.readAllBytes(), StandardCharsets.UTF_8) + "\n" + line + "\n");
    }
  }

  /** A main class that prints {@code constant}, loaded with {@code ldc}. */
  private static byte[] printsConstant(String className, Object constant) {
    return Programs.mainClass(
        className,
        main -> {
          main.visitFieldInsn(
              Opcodes.GETSTATIC, "java/lang/System", "out", "Ljava/io/PrintStream;");
          main.visitLdcInsn(constant);
          main.visitMethodInsn(
              Opcodes.INVOKEVIRTUAL, "java/io/PrintStream", "println", "(Ljava/lang/Object;)V",
              false);
          main.visitInsn(Opcodes.RETURN);
        });
  }

  @Test
  void aDynamicConstantOfAnEnumOffTheListIsRefused() {
    // The constant's type comes from its descriptor, never named as a class literal.
    ConstantDynamic option =
        new ConstantDynamic(
            "RETAIN_CLASS_REFERENCE", "Ljava/lang/StackWalker$Option;", ENUM_CONSTANT);
    byte[] probe = printsConstant("EnumProbe", option);

    RunResult result = Programs.runClassFile(probe);

    assertThat(result.stdout()).isEmpty();
    assertThat(result.exception().orElseThrow().message())
        .isEqualTo("using class java.lang.StackWalker$Option is not allowed in this cell (rule:"
            + " allow-list)");
  }

  @Test
  void aDynamicConstantOfAnExcludedEnumConstantIsRefused() throws IOException {
    // The class is allowed, one constant of it is not: judged as a read of its field.
    AllowList allowList = defaultsWith("-java.lang.Thread$State#NEW");
    ConstantDynamic state = new ConstantDynamic("NEW", "Ljava/lang/Thread$State;", ENUM_CONSTANT);
    byte[] probe = printsConstant("StateProbe", state);

    RunResult result;
    try (Cell cell = Cell.create(Policy.builder().allowList(allowList).build())) {
      result = cell.run(cell.loadClassFile(probe));
    }

    assertThat(result.stdout()).isEmpty();
    assertThat(result.exception().orElseThrow().message())
        .isEqualTo("accessing java.lang.Thread$State.NEW is not allowed in this cell (rule:"
            + " allow-list)");
  }

  @Test
  void aDynamicConstantCannotReadTheJvmsStandardOutput() throws Exception {
    // Even where the allow-list admits getStaticFinal, System.out read by name would be the
    // JVM's own stream: an interposed field cannot be routed there, so it is refused.
    AllowList allowList = defaultsWith("java.lang.invoke.ConstantBootstraps#getStaticFinal");
    Handle getStaticFinal =
        new Handle(
            Opcodes.H_INVOKESTATIC,
            "java/lang/invoke/ConstantBootstraps",
            "getStaticFinal",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;"
                + "Ljava/lang/Class;)Ljava/lang/Object;",
            false);
    ConstantDynamic out =
        new ConstantDynamic(
            "out", "Ljava/io/PrintStream;", getStaticFinal, Type.getType(System.class));
    byte[] probe =
        Programs.mainClass(
            "OutProbe",
            main -> {
              main.visitLdcInsn(out);
              main.visitLdcInsn("marker-2b7e");
              main.visitMethodInsn(
                  Opcodes.INVOKEVIRTUAL, "java/io/PrintStream", "println",
                  "(Ljava/lang/String;)V", false);
              main.visitInsn(Opcodes.RETURN);
            });
    PrintStream hostOut = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    RunResult result;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (Cell cell = Cell.create(Policy.builder().allowList(allowList).build())) {
      result = cell.run(cell.loadClassFile(probe));
    } finally {
      System.setOut(hostOut);
    }

    assertThat(captured.toString(StandardCharsets.UTF_8))
        .doesNotContain("marker-2b7e");
    assertThat(result.exception().orElseThrow().message())
        .isEqualTo("accessing java.lang.System.out is not allowed in this cell (rule: allow-list)");
  }

  @Test
  void aDynamicConstantsBootstrapIsNotHandedTheClassOfATypeOffTheList() {
    // A bootstrap method of the cell's receives the constant's type as a Class object.
    byte[] probe =
        Programs.classFile(
            "TypeProbe",
            "java/lang/Object",
            writer -> {
              writer.visitField(
                  Opcodes.ACC_STATIC, "seen", "Ljava/lang/Class;", null, null).visitEnd();
              MethodVisitor bootstrap =
                  writer.visitMethod(
                      Opcodes.ACC_STATIC,
                      "bootstrap",
                      "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;"
                          + "Ljava/lang/Class;)Ljava/lang/Object;",
                      null,
                      null);
              bootstrap.visitCode();
              bootstrap.visitVarInsn(Opcodes.ALOAD, 2);
              bootstrap.visitFieldInsn(
                  Opcodes.PUTSTATIC, "TypeProbe", "seen", "Ljava/lang/Class;");
              bootstrap.visitInsn(Opcodes.ACONST_NULL);
              bootstrap.visitInsn(Opcodes.ARETURN);
              bootstrap.visitMaxs(0, 0);
              bootstrap.visitEnd();
              MethodVisitor main =
                  writer.visitMethod(
                      Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "main", "([Ljava/lang/String;)V",
                      null, null);
              main.visitCode();
              main.visitLdcInsn(
                  new ConstantDynamic(
                      "loader",
                      "Ljava/lang/ClassLoader;",
                      new Handle(
                          Opcodes.H_INVOKESTATIC,
                          "TypeProbe",
                          "bootstrap",
                          "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;"
                              + "Ljava/lang/Class;)Ljava/lang/Object;",
                          false)));
              main.visitInsn(Opcodes.POP);
              main.visitFieldInsn(
                  Opcodes.GETSTATIC, "java/lang/System", "out", "Ljava/io/PrintStream;");
              main.visitFieldInsn(Opcodes.GETSTATIC, "TypeProbe", "seen", "Ljava/lang/Class;");
              main.visitMethodInsn(
                  Opcodes.INVOKEVIRTUAL, "java/io/PrintStream", "println",
                  "(Ljava/lang/Object;)V", false);
              main.visitInsn(Opcodes.RETURN);
              main.visitMaxs(0, 0);
              main.visitEnd();
            });

    RunResult result = Programs.runClassFile(probe);

    assertThat(result.stdout()).isEmpty();
    assertThat(result.exception().orElseThrow().message())
        .isEqualTo("using class java.lang.ClassLoader is not allowed in this cell (rule:"
            + " allow-list)");
  }

  @Test
  void invokedynamicWithAForbiddenBootstrapIsRefused() {
    Handle bootstrap =
        new Handle(
            Opcodes.H_INVOKESTATIC,
            "java/lang/invoke/MethodHandles",
            "constant",
            "(Ljava/lang/Class;Ljava/lang/Object;)Ljava/lang/invoke/MethodHandle;",
            false);
    byte[] probe =
        Programs.mainClass(
            "IndyProbe",
            main -> {
              main.visitInvokeDynamicInsn("x", "()V", bootstrap);
              main.visitInsn(Opcodes.RETURN);
            });

    RunResult result = Programs.runClassFile(probe);

    assertThat(result.violations()).singleElement().satisfies(
        violation -> assertThat(violation.operation()).isEqualTo("bootstrap"));
  }

  @Test
  void aClassExtendingAForbiddenSupertypeCannotBeInitialized() {
    RunResult result =
        Programs.run(
            "Loader.java",
            """
            public class Loader {
              static class Evil extends ClassLoader {}
              public static void main(String[] args) {
                try {
                  new Evil();
                  System.out.println("escaped");
                } catch (ExceptionInInitializerError e) {
                  System.out.println(e.getCause());
                }
              }
            }
            """);

    assertThat(result.stdout())
        .isEqualTo(
            "java.lang.SecurityException: extend java.lang.ClassLoader is not allowed in this"
                + " cell (rule: allow-list)\n");
    assertThat(result.violations()).singleElement().satisfies(
        violation -> assertThat(violation.operation()).isEqualTo("extend"));
  }

  @Test
  void unsafeIsRefused() {
    byte[] probe =
        Programs.mainClass(
            "UnsafeProbe",
            main -> {
              main.visitFieldInsn(
                  Opcodes.GETSTATIC, "sun/misc/Unsafe", "theUnsafe", "Lsun/misc/Unsafe;");
              main.visitInsn(Opcodes.POP);
              main.visitInsn(Opcodes.RETURN);
            });

    RunResult result = Programs.runClassFile(probe);

    assertThat(result.exception().orElseThrow().type()).isEqualTo("java.lang.SecurityException");
    assertThat(result.violations()).singleElement().satisfies(
        violation -> assertThat(violation.detail()).isEqualTo("sun.misc.Unsafe.theUnsafe"));
  }

  @Test
  void checkListsViolationsWithoutRunning() throws Exception {
    try (Cell cell = Cell.create(Policy.defaults())) {
      cell.loadSource(
          "Checked.java",
          """
          public class Checked {
            public static void main(String[] args) throws Exception {
              System.out.println("checked");
              Checked.class.getDeclaredMethods();
            }
          }
          """);

      assertThat(cell.check())
          .singleElement()
          .hasToString(
              "Checked.main:4: calling java.lang.Class.getDeclaredMethods() is not allowed in"
                  + " this cell (rule: allow-list)");
    }
  }

  @Test
  void typeNamesInSignaturesAndCastsAreNotReferences() {
    RunResult result =
        Programs.run(
            "Names.java",
            """
            public class Names {
              static Process none() { return null; }
              public static void main(String[] args) {
                Object o = none();
                System.out.println(o instanceof Process);
                Process[] many = new Process[2];
                System.out.println(many.length);
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("false\n2\n");
    assertThat(Type.getType("[Ljava/lang/Process;").getDimensions()).isEqualTo(1);
  }

  @Test
  void aRefusalIsRecordedWhateverCharactersTheClassNameHolds() {
    // Class and method names may hold almost any character; the site must survive them all.
    String name = "We\u0001ird\\Name";
    byte[] probe =
        Programs.mainClass(
            name,
            main -> {
              main.visitMethodInsn(
                  Opcodes.INVOKESTATIC, "java/lang/Thread", "getAllStackTraces",
                  "()Ljava/util/Map;", false);
              main.visitInsn(Opcodes.POP);
              main.visitInsn(Opcodes.RETURN);
            });

    RunResult result = Programs.runClassFile(probe);

    assertThat(result.exception().orElseThrow().type()).isEqualTo("java.lang.SecurityException");
    assertThat(result.violations()).singleElement().satisfies(
        violation -> assertThat(violation.className()).isEqualTo(name));
  }

  @Test
  void aLambdaCannotImplementAnInterfaceOffTheAllowList() {
    RunResult result =
        Programs.run(
            "Handler.java",
            """
            import java.lang.reflect.InvocationHandler;
            public class Handler {
              public static void main(String[] args) {
                InvocationHandler handler = (proxy, method, arguments) -> null;
                System.out.println("made " + (handler != null));
              }
            }
            """);

    assertThat(result.stdout()).isEmpty();
    assertThat(result.violations()).singleElement().satisfies(
        violation -> {
          assertThat(violation.operation()).isEqualTo("extend");
          assertThat(violation.detail()).isEqualTo("java.lang.reflect.InvocationHandler");
        });
  }
}
