package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * A JDK method that a direct call could not reach as it is (refused or interposed) is not
 * reached either by virtual dispatch through a type of the cell's: an interface or abstract
 * method of the cell's with the same signature, implemented by the JDK method that a class of
 * the cell inherits. Each attack asserts its effect on the host.
 */
class DispatchTest {

  /**
   * The name an attack gives every thread its code runs on: one per attack, so that a JVM thread
   * one of them renamed does not fail the others.
   */
  private static String mark(String attack) {
    return "renamed-by-a-cell-" + attack;
  }

  @Test
  void printStackTraceThroughACellInterfaceWritesToTheCellsStderr() {
    String[] hostErr = new String[1];
    RunResult result =
        withHostErrCaptured(
            hostErr,
            () ->
                Programs.run(
                    "Trace.java",
                    """
                    public class Trace {
                      interface Printer { void printStackTrace(); }
                      static class Boom extends RuntimeException implements Printer {
                        Boom() { super("marker-6d1f"); }
                      }
                      public static void main(String[] args) {
                        Printer printer = new Boom();
                        printer.printStackTrace();
                        System.out.println("printed");
                      }
                    }
                    """));

    assertThat(hostErr[0]).doesNotContain("marker-6d1f");
    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("printed\n");
    assertThat(result.stderr()).startsWith("Trace$Boom: marker-6d1f\n\tat Trace.main(Trace.java:7)");
  }

  @Test
  void aGlobalSetterReachedThroughACellInterfaceIsRefused() throws Exception {
    URLConnection probe = new URL("http://example.invalid/").openConnection();
    boolean before = probe.getDefaultUseCaches();
    RunResult result;
    try {
      result =
          Programs.run(
              "Caches.java",
              """
              import java.net.*;
              public class Caches {
                interface Defaults { void setDefaultUseCaches(boolean use); }
                static class Connection extends URLConnection implements Defaults {
                  Connection() throws Exception { super(new URL("http://example.invalid/")); }
                  public void connect() {}
                }
                public static void main(String[] args) throws Exception {
                  Defaults defaults = new Connection();
                  defaults.setDefaultUseCaches(!defaults.equals(null));
                  defaults.setDefaultUseCaches(defaults.equals(null));
                  System.out.println("changed");
                }
              }
              """);
    } finally {
      boolean after = probe.getDefaultUseCaches();
      probe.setDefaultUseCaches(before);
      assertThat(after).as("the JVM's default use of caches").isEqualTo(before);
    }

    assertThat(result.stdout()).isEmpty();
    assertThat(result.exception().orElseThrow().type()).isEqualTo("java.lang.SecurityException");
    assertThat(result.exception().orElseThrow().message())
        .isEqualTo(
            "calling java.net.URLConnection.setDefaultUseCaches(boolean) is not allowed in this"
                + " cell (rule: allow-list)");
  }

  @Test
  void theContextClassLoaderIsNotHandedOutThroughACellInterface() {
    RunResult result =
        Programs.run(
            "Context.java",
            """
            public class Context {
              interface Loading { ClassLoader getContextClassLoader(); }
              static class Worker extends Thread implements Loading {}
              public static void main(String[] args) {
                Loading loading = new Worker();
                Object loader = loading.getContextClassLoader();
                System.out.println("got " + loader.getClass().getName());
              }
            }
            """);

    assertThat(result.stdout()).isEmpty();
    assertThat(result.exception().orElseThrow().message())
        .isEqualTo(
            "calling java.lang.Thread.getContextClassLoader() is not allowed in this cell (rule:"
                + " allow-list)");
  }

  @Test
  void aCellDefaultMethodDoesNotHideTheInheritedJdkMethod() {
    // The class's superclass wins over the interface's default (JVMS 5.4.6): Thread's method.
    RunResult result =
        Programs.run(
            "Diamond.java",
            """
            public class Diamond {
              interface Loading { default ClassLoader getContextClassLoader() { return null; } }
              static class Worker extends Thread implements Loading {}
              public static void main(String[] args) {
                Loading loading = new Worker();
                Object loader = loading.getContextClassLoader();
                System.out.println("got " + loader);
              }
            }
            """);

    assertThat(result.stdout()).isEmpty();
    assertThat(result.exception().orElseThrow().type()).isEqualTo("java.lang.SecurityException");
  }

  @Test
  void aClassInheritingAFinalRefusedMethodForItsInterfaceCannotBeInitialized() {
    RunResult result =
        Programs.run(
            "Group.java",
            """
            public class Group {
              interface Grouped { ThreadGroup getThreadGroup(); }
              static class Worker extends Thread implements Grouped {}
              public static void main(String[] args) {
                Grouped grouped = new Worker();
                Object group = grouped.getThreadGroup();
                System.out.println("got " + group);
              }
            }
            """);

    assertThat(result.stdout()).isEmpty();
    assertThat(result.exception().orElseThrow().type())
        .isEqualTo("java.lang.ExceptionInInitializerError");
    assertThat(result.stderr())
        .contains(
            "Caused by: java.lang.SecurityException: inheriting"
                + " java.lang.Thread.getThreadGroup() as Group$Grouped.getThreadGroup() is not"
                + " allowed in this cell (rule: dispatch)");
    assertThat(result.violations()).singleElement().satisfies(
        violation -> {
          assertThat(violation.rule()).isEqualTo("dispatch");
          assertThat(violation.className()).isEqualTo("Group$Worker");
        });
  }

  @Test
  void strictModeRejectsAClassThatInheritsARefusedMethodForItsInterface() {
    RunResult result =
        Programs.run(
            Policy.builder().strict(true).build(),
            "Strict.java",
            """
            public class Strict {
              interface Loading { ClassLoader getContextClassLoader(); }
              static class Worker extends Thread implements Loading {}
              public static void main(String[] args) {
                Loading loading = new Worker();
                System.out.println("got " + loading.getContextClassLoader());
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.REJECTED);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.violations()).singleElement().satisfies(
        violation -> {
          assertThat(violation.className()).isEqualTo("Strict$Worker");
          assertThat(violation.detail()).isEqualTo("java.lang.Thread.getContextClassLoader()");
        });
  }

  @Test
  void aRefusedParallelWalkThroughACellInterfaceIsRefused() {
    RunResult result =
        Programs.run(
            "Walk.java",
            """
            import java.util.concurrent.*;
            import java.util.function.*;
            public class Walk {
              interface Walking {
                void forEach(long parallelism, BiConsumer<? super Integer, ? super Integer> action);
              }
              static class Table extends ConcurrentHashMap<Integer, Integer> implements Walking {}
              public static void main(String[] args) {
                Table table = new Table();
                for (int i = 0; i < 20_000; i++) table.put(i, i);
                Walking walking = table;
                walking.forEach(1, (k, v) -> Thread.currentThread().setName("%s"));
                System.out.println("walked");
              }
            }
            """.formatted(mark("walk")));

    assertThat(liveThreadsNamed(mark("walk"))).isEmpty();
    assertThat(result.stdout()).isEmpty();
    assertThat(result.exception().orElseThrow().message())
        .isEqualTo(
            "calling java.util.concurrent.ConcurrentHashMap.forEach(long,"
                + " java.util.function.BiConsumer) is not allowed in this cell (rule: allow-list)");
  }

  @Test
  void asyncStagesThroughACellInterfaceRunInTheCellsPool() {
    RunResult result =
        Programs.run(
            Policy.builder().threads(4).build(),
            "Async.java",
            """
            import java.util.concurrent.*;
            import java.util.function.*;
            public class Async {
              interface Stage {
                <U> CompletableFuture<U> thenApplyAsync(Function<? super String, ? extends U> f);
              }
              static class Future extends CompletableFuture<String> implements Stage {}
              public static void main(String[] args) throws Exception {
                Future future = new Future();
                Stage stage = future;
                stage.thenApplyAsync(s -> {
                  Thread.currentThread().setName("%s");
                  try { Thread.sleep(5_000); } catch (InterruptedException e) { }
                  return s;
                });
                future.complete("x");
                Thread.sleep(300);
                System.out.println("started");
              }
            }
            """.formatted(mark("async")));

    // A thread the JDK started would still sleep; the cell's are stopped with the run.
    assertThat(liveThreadsNamed(mark("async"))).isEmpty();
    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("started\n");
    assertThat(result.contained()).isTrue();
  }

  @Test
  void forkThroughACellInterfaceNeverReachesTheCommonPool() {
    RunResult result =
        Programs.run(
            "Fork.java",
            """
            import java.util.concurrent.*;
            public class Fork {
              interface Forking { ForkJoinTask<Void> fork(); }
              static class Task extends RecursiveAction implements Forking {
                protected void compute() { Thread.currentThread().setName("%s"); }
              }
              public static void main(String[] args) throws Exception {
                Forking forking = new Task();
                ForkJoinTask<Void> task = forking.fork();
                Thread.sleep(200);
                System.out.println("forked " + task.isDone());
              }
            }
            """.formatted(mark("fork")));

    assertThat(liveThreadsNamed(mark("fork"))).isEmpty();
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr())
        .contains(
            "inheriting java.util.concurrent.ForkJoinTask.fork() as Fork$Forking.fork() is not"
                + " allowed in this cell (rule: dispatch)");
  }

  @Test
  void aSubclassOfAJdkLockStillWaitsWhereTheRunsEndReachesIt() {
    // The shim for lock() called the receiver's lock() for every lock not of the JDK's own
    // classes: a subclass that does not override it reached the JDK's uninterruptible wait by
    // dispatch, and super.lock() in one that does came back to its override.
    RunResult result =
        Programs.run(
            Policy.builder().threads(4).build(),
            "Locks.java",
            """
            import java.util.concurrent.locks.*;
            public class Locks {
              static class Plain extends ReentrantLock {}
              static class Counting extends ReentrantLock {
                int locks;
                @Override public void lock() { locks++; super.lock(); }
              }
              public static void main(String[] args) throws Exception {
                Counting counting = new Counting();
                counting.lock();
                counting.unlock();
                System.out.println("counted " + counting.locks);
                for (ReentrantLock lock : new ReentrantLock[] {new Plain(), counting}) {
                  lock.lock();
                  new Thread(() -> lock.lock()).start();
                }
                Thread.sleep(200);
                System.exit(0);
              }
            }
            """);

    assertThat(result.stdout()).isEqualTo("counted 1\n");
    assertThat(result.exitCode()).isZero();
    assertThat(result.contained()).isTrue();
  }

  @Test
  void workTheJdkDoesThroughACellInterfaceIsStillBounded() {
    RunResult result =
        Programs.run(
            "Power.java",
            """
            import java.math.BigInteger;
            public class Power {
              interface Raising { BigInteger pow(int exponent); }
              static class Big extends BigInteger implements Raising { Big() { super("3"); } }
              public static void main(String[] args) {
                Raising raising = new Big();
                System.out.println(raising.pow(1 << 21).bitLength());
              }
            }
            """);

    assertThat(result.stdout()).isEmpty();
    assertThat(result.exception().orElseThrow().message()).endsWith("(big-number limit)");
  }

  @Test
  void aJavacGenericBridgeStillReachesTheRefusal() {
    RunResult result =
        Programs.run(
            "Generic.java",
            """
            public class Generic {
              interface Source<T> { T getContextClassLoader(); }
              static class Worker extends Thread implements Source<ClassLoader> {}
              public static void main(String[] args) {
                Source<ClassLoader> source = new Worker();
                System.out.println("got " + source.getContextClassLoader());
              }
            }
            """);

    assertThat(result.stdout()).isEmpty();
    assertThat(result.exception().orElseThrow().message())
        .isEqualTo(
            "calling java.lang.Thread.getContextClassLoader() is not allowed in this cell (rule:"
                + " allow-list)");
  }

  @Test
  void aMethodReferenceToTheCellInterfaceReachesTheRefusal() {
    RunResult result =
        Programs.run(
            "Reference.java",
            """
            import java.util.function.Function;
            public class Reference {
              interface Loading { ClassLoader getContextClassLoader(); }
              static class Worker extends Thread implements Loading {}
              public static void main(String[] args) {
                Function<Loading, Object> get = Loading::getContextClassLoader;
                System.out.println("got " + get.apply(new Worker()));
              }
            }
            """);

    assertThat(result.stdout()).isEmpty();
    assertThat(result.exception().orElseThrow().message())
        .isEqualTo(
            "calling java.lang.Thread.getContextClassLoader() is not allowed in this cell (rule:"
                + " allow-list)");
  }

  // ---- hand-made class files -------------------------------------------------------------

  private static final String LOADER_DESCRIPTOR = "()Ljava/lang/ClassLoader;";
  private static final String STREAM_DESCRIPTOR = "()Ljava/util/stream/Stream;";

  @Test
  void anInterfaceLoadedAfterItsImplementationIsStillJudged() {
    byte[] worker =
        Programs.classFile("Worker", "java/lang/Thread", List.of("Loading"), writer -> {});
    byte[] loading = loading();
    byte[] main = callThroughLoading("getContextClassLoader", LOADER_DESCRIPTOR);

    RunResult result = runClassFiles(main, worker, loading);

    assertThat(result.stdout()).isEmpty();
    assertThat(result.exception().orElseThrow().type()).isEqualTo("java.lang.SecurityException");
  }

  @Test
  void anAbstractClassInBetweenDoesNotHideTheInheritedMethod() {
    // abstract Middle extends Thread implements Loading; Worker extends Middle. Both the
    // interface call and a virtual call naming Middle reach a refusal.
    byte[] loading = loading();
    byte[] middle =
        Programs.classFile("Middle", "java/lang/Thread", List.of("Loading"), Opcodes.ACC_ABSTRACT,
            writer -> {});
    byte[] worker = Programs.classFile("Worker", "Middle", List.of(), writer -> {});
    for (int opcode : new int[] {Opcodes.INVOKEINTERFACE, Opcodes.INVOKEVIRTUAL}) {
      byte[] main =
          Programs.mainClass(
              "Main",
              body -> {
                newInstance(body, "Worker");
                boolean viaInterface = opcode == Opcodes.INVOKEINTERFACE;
                body.visitMethodInsn(
                    opcode, viaInterface ? "Loading" : "Middle", "getContextClassLoader",
                    LOADER_DESCRIPTOR, viaInterface);
                printObject(body);
                body.visitInsn(Opcodes.RETURN);
              });

      RunResult result = runClassFiles(main, loading, middle, worker);

      assertThat(result.stdout()).isEmpty();
      assertThat(result.exception().orElseThrow().type())
          .isEqualTo("java.lang.SecurityException");
    }
  }

  @Test
  void aSeparatelyCompiledInterfaceCannotExposeAnInterposedDefaultMethod() {
    // Parallel declares parallelStream() abstractly without extending Collection; Numbers
    // extends ArrayList and implements it: the JVM selects Collection's default.
    byte[] parallel = interfaceFile("Parallel", List.of(), "parallelStream", STREAM_DESCRIPTOR);
    byte[] numbers =
        Programs.classFile("Numbers", "java/util/ArrayList", List.of("Parallel"), writer -> {});
    RunResult result =
        runClassFiles(
            walkInParallel("Numbers", Opcodes.INVOKEINTERFACE, "Parallel", true),
            parallel, numbers, renamer(mark("separate")));

    assertThat(liveThreadsNamed(mark("separate"))).isEmpty();
    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("false\n");
  }

  @Test
  void aSuperCallThroughAnInterfaceResolvesToTheJdkDefaultAsTheJvmDoes() {
    // Both extends Parallel (abstract parallelStream) and Collection (default): resolving
    // Both.parallelStream picks Collection's default, the only non-abstract maximally-specific
    // one (JVMS 5.4.3.3), and invokespecial Both.parallelStream runs it.
    byte[] parallel = interfaceFile("Parallel", List.of(), "parallelStream", STREAM_DESCRIPTOR);
    byte[] both = interfaceFile("Both", List.of("Parallel", "java/util/Collection"), null, null);
    byte[] numbers =
        Programs.classFile(
            "Numbers",
            "java/util/ArrayList",
            List.of("Both"),
            writer -> {
              MethodVisitor sneaky =
                  writer.visitMethod(Opcodes.ACC_PUBLIC, "sneaky", STREAM_DESCRIPTOR, null, null);
              sneaky.visitCode();
              sneaky.visitVarInsn(Opcodes.ALOAD, 0);
              sneaky.visitMethodInsn(
                  Opcodes.INVOKESPECIAL, "Both", "parallelStream", STREAM_DESCRIPTOR, true);
              sneaky.visitInsn(Opcodes.ARETURN);
              sneaky.visitMaxs(0, 0);
              sneaky.visitEnd();
            });
    RunResult result =
        runClassFiles(
            walkInParallel("Numbers", Opcodes.INVOKEVIRTUAL, "Numbers", false, "sneaky"),
            parallel, both, numbers, renamer(mark("super")));

    assertThat(liveThreadsNamed(mark("super"))).isEmpty();
    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("false\n");
  }

  private static final String BOOTSTRAP_DESCRIPTOR =
      "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;"
          + "[Ljava/lang/Object;)Ljava/lang/invoke/CallSite;";

  /** LambdaMetafactory's arguments for a {@code Runnable} that also implements the markers. */
  private static final Object[] MARKED_RUNNABLE = {
    Type.getType("()V"),
    new Handle(Opcodes.H_INVOKESTATIC, "Main", "nothing", "()V", false),
    Type.getType("()V"),
    2, // FLAG_MARKERS
    2,
    Type.getObjectType("Parallel"),
    Type.getObjectType("java/util/Collection")
  };

  @Test
  void aLambdaCannotBeMadeToInheritAnInterposedDefaultThroughMarkers() {
    // altMetafactory with marker interfaces: the lambda's class implements Parallel and
    // Collection, so Parallel.parallelStream selects Collection's default on it.
    Handle altMetafactory =
        new Handle(
            Opcodes.H_INVOKESTATIC, "java/lang/invoke/LambdaMetafactory", "altMetafactory",
            BOOTSTRAP_DESCRIPTOR, false);

    RunResult result =
        runClassFiles(
            lambdaThroughParallel(altMetafactory, MARKED_RUNNABLE, writer -> {}),
            interfaceFile("Parallel", List.of(), "parallelStream", STREAM_DESCRIPTOR));

    assertThat(result.stdout()).isEmpty();
    assertThat(result.exception().orElseThrow().type()).isEqualTo("java.lang.SecurityException");
    assertThat(result.violations()).singleElement().satisfies(
        violation -> assertThat(violation.rule()).isEqualTo("dispatch"));
  }

  @Test
  void theLambdaMetafactoryCannotBeCalledWithMarkersComputedAtRunTime() {
    // A bootstrap method of the cell's calls altMetafactory itself, so no constant of the call
    // site names the markers; the JDK's bootstrap methods are reachable only as such.
    String cellBootstrap =
        "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;"
            + "Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/CallSite;";
    Consumer<ClassWriter> bootstrapMethod =
        writer -> {
          MethodVisitor bootstrap =
              writer.visitMethod(Opcodes.ACC_STATIC, "bootstrap", cellBootstrap, null, null);
          bootstrap.visitCode();
          bootstrap.visitVarInsn(Opcodes.ALOAD, 0);
          bootstrap.visitVarInsn(Opcodes.ALOAD, 1);
          bootstrap.visitVarInsn(Opcodes.ALOAD, 2);
          bootstrap.visitLdcInsn(MARKED_RUNNABLE.length);
          bootstrap.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
          for (int i = 0; i < MARKED_RUNNABLE.length; i++) {
            bootstrap.visitInsn(Opcodes.DUP);
            bootstrap.visitLdcInsn(i);
            bootstrap.visitLdcInsn(MARKED_RUNNABLE[i]);
            if (MARKED_RUNNABLE[i] instanceof Integer) {
              bootstrap.visitMethodInsn(
                  Opcodes.INVOKESTATIC, "java/lang/Integer", "valueOf", "(I)Ljava/lang/Integer;",
                  false);
            }
            bootstrap.visitInsn(Opcodes.AASTORE);
          }
          bootstrap.visitMethodInsn(
              Opcodes.INVOKESTATIC, "java/lang/invoke/LambdaMetafactory", "altMetafactory",
              BOOTSTRAP_DESCRIPTOR, false);
          bootstrap.visitInsn(Opcodes.ARETURN);
          bootstrap.visitMaxs(0, 0);
          bootstrap.visitEnd();
        };

    RunResult result =
        runClassFiles(
            lambdaThroughParallel(
                new Handle(Opcodes.H_INVOKESTATIC, "Main", "bootstrap", cellBootstrap, false),
                new Object[0],
                bootstrapMethod),
            interfaceFile("Parallel", List.of(), "parallelStream", STREAM_DESCRIPTOR));

    assertThat(result.stdout()).isEmpty();
    assertThat(result.violations()).singleElement().satisfies(
        violation ->
            assertThat(violation.detail())
                .startsWith("java.lang.invoke.LambdaMetafactory.altMetafactory("));
  }

  /**
   * {@code Main}: its {@code main} makes a {@code Runnable} by {@code invokedynamic} with the
   * bootstrap method and arguments, calls {@code Parallel.parallelStream()} on it and prints
   * whether the stream is parallel. {@code Main.nothing()} is the lambda's body.
   */
  private static byte[] lambdaThroughParallel(
      Handle bootstrap, Object[] arguments, Consumer<ClassWriter> members) {
    return Programs.classFile(
        "Main",
        "java/lang/Object",
        writer -> {
          members.accept(writer);
          MethodVisitor nothing =
              writer.visitMethod(Opcodes.ACC_STATIC, "nothing", "()V", null, null);
          nothing.visitCode();
          nothing.visitInsn(Opcodes.RETURN);
          nothing.visitMaxs(0, 0);
          nothing.visitEnd();
          MethodVisitor body =
              writer.visitMethod(
                  Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "main", "([Ljava/lang/String;)V",
                  null, null);
          body.visitCode();
          body.visitInvokeDynamicInsn("run", "()Ljava/lang/Runnable;", bootstrap, arguments);
          body.visitTypeInsn(Opcodes.CHECKCAST, "Parallel");
          body.visitMethodInsn(
              Opcodes.INVOKEINTERFACE, "Parallel", "parallelStream", STREAM_DESCRIPTOR, true);
          body.visitMethodInsn(
              Opcodes.INVOKEINTERFACE, "java/util/stream/BaseStream", "isParallel", "()Z", true);
          printBoolean(body);
          body.visitInsn(Opcodes.RETURN);
          body.visitMaxs(0, 0);
          body.visitEnd();
        });
  }

  @Test
  void aPrivateMethodOfTheSameSignatureCannotStopTheRouting() {
    // Worker declares a private getContextClassLoader(): the JVM skips it in selection, and no
    // bridge can take its name, so the class is refused.
    byte[] loading = loading();
    byte[] worker =
        Programs.classFile(
            "Worker",
            "java/lang/Thread",
            List.of("Loading"),
            writer -> {
              MethodVisitor hidden =
                  writer.visitMethod(
                      Opcodes.ACC_PRIVATE, "getContextClassLoader", LOADER_DESCRIPTOR, null,
                      null);
              hidden.visitCode();
              hidden.visitInsn(Opcodes.ACONST_NULL);
              hidden.visitInsn(Opcodes.ARETURN);
              hidden.visitMaxs(0, 0);
              hidden.visitEnd();
            });
    byte[] main = callThroughLoading("getContextClassLoader", LOADER_DESCRIPTOR);

    RunResult result = runClassFiles(main, loading, worker);

    assertThat(result.stdout()).isEmpty();
    assertThat(result.exception().orElseThrow().type())
        .isEqualTo("java.lang.ExceptionInInitializerError");
    assertThat(result.violations()).singleElement().satisfies(
        violation -> assertThat(violation.rule()).isEqualTo("dispatch"));
  }

  @Test
  void aDynamicConstantCallingThroughTheCellInterfaceReachesTheRefusal() {
    // invoke(Loading.getContextClassLoader, invoke(new Worker())): method handles, no call.
    Handle invoke =
        new Handle(
            Opcodes.H_INVOKESTATIC,
            "java/lang/invoke/ConstantBootstraps",
            "invoke",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;"
                + "Ljava/lang/invoke/MethodHandle;[Ljava/lang/Object;)Ljava/lang/Object;",
            false);
    ConstantDynamic worker =
        new ConstantDynamic(
            "worker", "Ljava/lang/Object;", invoke,
            new Handle(Opcodes.H_NEWINVOKESPECIAL, "Worker", "<init>", "()V", false));
    ConstantDynamic loader =
        new ConstantDynamic(
            "loader", "Ljava/lang/Object;", invoke,
            new Handle(
                Opcodes.H_INVOKEINTERFACE, "Loading", "getContextClassLoader", LOADER_DESCRIPTOR,
                true),
            worker);
    byte[] main =
        Programs.mainClass(
            "Main",
            body -> {
              body.visitLdcInsn(loader);
              printObject(body);
              body.visitInsn(Opcodes.RETURN);
            });

    RunResult result =
        runClassFiles(
            main,
            loading(),
            Programs.classFile("Worker", "java/lang/Thread", List.of("Loading"), writer -> {}));

    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr())
        .contains(
            "calling java.lang.Thread.getContextClassLoader() is not allowed in this cell (rule:"
                + " allow-list)");
  }

  @Test
  void aClassFileTooOldForASuperCallToAnInterfaceIsRefusedWhereItNeedsOne() {
    // Java 7 class files cannot name an interface method in invokespecial: no bridge to
    // Collection.parallelStream can be planted, so the class is refused.
    byte[] parallel = interfaceFile("Parallel", List.of(), "parallelStream", STREAM_DESCRIPTOR);
    byte[] numbers =
        withVersion(
            Programs.classFile(
                "Numbers", "java/util/ArrayList", List.of("Parallel"), writer -> {}),
            Opcodes.V1_7);
    RunResult result =
        runClassFiles(
            walkInParallel("Numbers", Opcodes.INVOKEINTERFACE, "Parallel", true),
            parallel, numbers, renamer(mark("old")));

    assertThat(liveThreadsNamed(mark("old"))).isEmpty();
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr())
        .contains(
            "inheriting java.util.Collection.parallelStream() as Parallel.parallelStream() is not"
                + " allowed in this cell (rule: dispatch)");
  }

  @Test
  void aCircularHierarchyEndsInTheJvmsErrorNotInTheRewriter() {
    // Ping extends Pong extends Ping: judging a call to Ping.missing() walks the chain once.
    byte[] ping = Programs.classFile("Ping", "Pong", writer -> {});
    byte[] pong = Programs.classFile("Pong", "Ping", writer -> {});
    byte[] main =
        Programs.mainClass(
            "Main",
            body -> {
              body.visitInsn(Opcodes.ACONST_NULL);
              body.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "Ping", "missing", "()V", false);
              body.visitInsn(Opcodes.RETURN);
            });

    RunResult result = runClassFiles(main, ping, pong);

    assertThat(result.status()).isEqualTo(RunStatus.EXCEPTION);
    assertThat(result.wallTime()).isLessThan(java.time.Duration.ofSeconds(5));
  }

  @Test
  void aCachedRewriteIsNotReusedWhenTheInterfaceDiffers() {
    // The same Worker bytes, first beside a harmless interface, then beside a hostile one.
    byte[] worker =
        Programs.classFile("Worker", "java/lang/Thread", List.of("Loading"), writer -> {});
    byte[] harmless = interfaceFile("Loading", List.of(), "getName", "()Ljava/lang/String;");
    byte[] hostile = loading();

    RunResult first =
        runClassFiles(callThroughLoading("getName", "()Ljava/lang/String;"), worker, harmless);
    RunResult second =
        runClassFiles(callThroughLoading("getContextClassLoader", LOADER_DESCRIPTOR), worker,
            hostile);

    assertThat(first.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(first.stdout()).startsWith("Thread-");
    assertThat(second.stdout()).isEmpty();
    assertThat(second.exception().orElseThrow().type()).isEqualTo("java.lang.SecurityException");
  }

  /** {@code interface Loading { ClassLoader getContextClassLoader(); }}. */
  private static byte[] loading() {
    return interfaceFile("Loading", List.of(), "getContextClassLoader", LOADER_DESCRIPTOR);
  }

  /** {@code System.out.println(((Loading) new Worker()).method())}. */
  private static byte[] callThroughLoading(String method, String descriptor) {
    return Programs.mainClass(
        "Main",
        body -> {
          newInstance(body, "Worker");
          body.visitMethodInsn(Opcodes.INVOKEINTERFACE, "Loading", method, descriptor, true);
          printObject(body);
          body.visitInsn(Opcodes.RETURN);
        });
  }

  // ---- helpers --------------------------------------------------------------------------

  /** {@code Renamer}: accepts anything and renames the thread it runs on to {@code mark}. */
  private static byte[] renamer(String mark) {
    return Programs.classFile(
          "Renamer",
          "java/lang/Object",
          List.of("java/util/function/Consumer"),
          writer -> {
            MethodVisitor accept =
                writer.visitMethod(
                    Opcodes.ACC_PUBLIC, "accept", "(Ljava/lang/Object;)V", null, null);
            accept.visitCode();
            accept.visitMethodInsn(
                Opcodes.INVOKESTATIC, "java/lang/Thread", "currentThread",
                "()Ljava/lang/Thread;", false);
            accept.visitLdcInsn(mark);
            accept.visitMethodInsn(
                Opcodes.INVOKEVIRTUAL, "java/lang/Thread", "setName", "(Ljava/lang/String;)V",
                false);
            accept.visitInsn(Opcodes.RETURN);
            accept.visitMaxs(0, 0);
            accept.visitEnd();
          });
  }

  /**
   * A main class that fills a new {@code listClass} with 20,000 numbers, gets a stream from it
   * by calling {@code method} (default {@code parallelStream}) with {@code opcode} on {@code
   * owner}, prints whether it is parallel and walks it with a {@code Renamer}.
   */
  private static byte[] walkInParallel(
      String listClass, int opcode, String owner, boolean isInterface, String... method) {
    String name = method.length == 0 ? "parallelStream" : method[0];
    return Programs.mainClass(
        "Main",
        body -> {
          newInstance(body, listClass);
          body.visitVarInsn(Opcodes.ASTORE, 1);
          body.visitInsn(Opcodes.ICONST_0);
          body.visitVarInsn(Opcodes.ISTORE, 2);
          org.objectweb.asm.Label loop = new org.objectweb.asm.Label();
          org.objectweb.asm.Label done = new org.objectweb.asm.Label();
          body.visitLabel(loop);
          body.visitVarInsn(Opcodes.ILOAD, 2);
          body.visitLdcInsn(20_000);
          body.visitJumpInsn(Opcodes.IF_ICMPGE, done);
          body.visitVarInsn(Opcodes.ALOAD, 1);
          body.visitVarInsn(Opcodes.ILOAD, 2);
          body.visitMethodInsn(
              Opcodes.INVOKESTATIC, "java/lang/Integer", "valueOf", "(I)Ljava/lang/Integer;",
              false);
          body.visitMethodInsn(
              Opcodes.INVOKEVIRTUAL, "java/util/ArrayList", "add", "(Ljava/lang/Object;)Z",
              false);
          body.visitInsn(Opcodes.POP);
          body.visitIincInsn(2, 1);
          body.visitJumpInsn(Opcodes.GOTO, loop);
          body.visitLabel(done);
          body.visitVarInsn(Opcodes.ALOAD, 1);
          if (opcode == Opcodes.INVOKEINTERFACE) {
            body.visitTypeInsn(Opcodes.CHECKCAST, owner);
          }
          body.visitMethodInsn(opcode, owner, name, STREAM_DESCRIPTOR, isInterface);
          body.visitInsn(Opcodes.DUP);
          body.visitMethodInsn(
              Opcodes.INVOKEINTERFACE, "java/util/stream/BaseStream", "isParallel", "()Z", true);
          printBoolean(body);
          newInstance(body, "Renamer");
          body.visitMethodInsn(
              Opcodes.INVOKEINTERFACE, "java/util/stream/Stream", "forEach",
              "(Ljava/util/function/Consumer;)V", true);
          body.visitInsn(Opcodes.RETURN);
        });
  }

  private static void newInstance(MethodVisitor body, String className) {
    body.visitTypeInsn(Opcodes.NEW, className);
    body.visitInsn(Opcodes.DUP);
    body.visitMethodInsn(Opcodes.INVOKESPECIAL, className, "<init>", "()V", false);
  }

  /** Prints the object on top of the stack with {@code System.out.println(Object)}. */
  private static void printObject(MethodVisitor body) {
    body.visitFieldInsn(Opcodes.GETSTATIC, "java/lang/System", "out", "Ljava/io/PrintStream;");
    body.visitInsn(Opcodes.SWAP);
    body.visitMethodInsn(
        Opcodes.INVOKEVIRTUAL, "java/io/PrintStream", "println", "(Ljava/lang/Object;)V", false);
  }

  private static void printBoolean(MethodVisitor body) {
    body.visitFieldInsn(Opcodes.GETSTATIC, "java/lang/System", "out", "Ljava/io/PrintStream;");
    body.visitInsn(Opcodes.SWAP);
    body.visitMethodInsn(
        Opcodes.INVOKEVIRTUAL, "java/io/PrintStream", "println", "(Z)V", false);
  }

  /** The class file with another version number. */
  private static byte[] withVersion(byte[] classFile, int version) {
    ClassWriter writer = new ClassWriter(0);
    new ClassReader(classFile)
        .accept(
            new ClassVisitor(Opcodes.ASM9, writer) {
              @Override
              public void visit(
                  int ignored, int access, String name, String signature, String superName,
                  String[] interfaces) {
                super.visit(version, access, name, signature, superName, interfaces);
              }
            },
            0);
    return writer.toByteArray();
  }

  /** A public interface; with {@code methodName} non-null, one public abstract method. */
  static byte[] interfaceFile(
      String internalName, List<String> superinterfaces, String methodName, String descriptor) {
    ClassWriter writer = new ClassWriter(0);
    writer.visit(
        Opcodes.V17,
        Opcodes.ACC_PUBLIC | Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT,
        internalName,
        null,
        "java/lang/Object",
        superinterfaces.toArray(String[]::new));
    if (methodName != null) {
      writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT, methodName, descriptor, null,
          null).visitEnd();
    }
    writer.visitEnd();
    return writer.toByteArray();
  }

  /** Loads every class file into a fresh cell and runs the first one's {@code main}. */
  static RunResult runClassFiles(byte[] main, byte[]... others) {
    try (Cell cell = Cell.create(Policy.defaults())) {
      String mainClass = cell.loadClassFile(main);
      for (byte[] other : others) {
        cell.loadClassFile(other);
      }
      return cell.run(mainClass);
    }
  }

  /** The live threads of the JVM with this name: a cell's are all gone after its run. */
  static List<Thread> liveThreadsNamed(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().equals(name))
        .toList();
  }

  /** Runs {@code run} with the JVM's {@code System.err} captured into {@code captured[0]}. */
  private static RunResult withHostErrCaptured(String[] captured, Supplier<RunResult> run) {
    PrintStream hostErr = System.err;
    ByteArrayOutputStream capture = new ByteArrayOutputStream();
    System.setErr(new PrintStream(capture, true, StandardCharsets.UTF_8));
    try {
      return run.get();
    } finally {
      System.setErr(hostErr);
      captured[0] = capture.toString(StandardCharsets.UTF_8);
    }
  }
}
