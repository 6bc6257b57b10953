package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The errors a program constructs and throws itself ({@code new OutOfMemoryError()} of a full
 * pool) are its own exceptions, as under plain {@code java}; the errors the JVM throws (heap
 * exhausted, an array over the VM's limit, a stack overflow) still end the run with their limit,
 * also when the program catches them, and no bytecode can make one look the program's.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class ProgramErrorsTest {

  /** Allocations as large as the JVM allows, so that the JVM, not the cell, refuses them. */
  private static final Policy UNCAPPED =
      Policy.builder().memory(1L << 40).maxAllocation(1L << 40).build();

  private static RunResult run(String body) {
    return Programs.run(
        UNCAPPED,
        "Prog.java",
        "public class Prog { public static void main(String[] args) throws Throwable { "
            + body
            + " } }");
  }

  @Test
  void aPoolThatThrowsItsOwnOutOfMemoryErrorCompletes() {
    RunResult result =
        run("""
            int[] pool = new int[2]; int used = 0;
            for (int i = 0; i < 3; i++) {
              try {
                if (used == pool.length) { throw new OutOfMemoryError("pool full at " + used); }
                pool[used++] = i;
              } catch (OutOfMemoryError e) { System.out.println("caught " + e.getMessage()); }
            }
            System.out.println("done");
            """);

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("caught pool full at 2\ndone\n");
  }

  @Test
  void theProgramsOwnErrorsOfEveryVmErrorClassAreCaughtAsExceptions() {
    RunResult result =
        run("""
            Throwable[] made = { new StackOverflowError(), new OutOfMemoryError(),
                new InternalError("x"), new UnknownError() };
            for (Throwable t : made) {
              try { throw t; } catch (VirtualMachineError e) { System.out.println(e); }
            }
            class Full extends OutOfMemoryError { Full() { super("full"); } }
            try { throw new Full(); } catch (OutOfMemoryError e) { System.out.println(e.getMessage()); }
            """);

    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout())
        .isEqualTo(
            "java.lang.StackOverflowError\njava.lang.OutOfMemoryError\njava.lang.InternalError: x\n"
                + "java.lang.UnknownError\nfull\n");
  }

  @Test
  void theProgramsOwnErrorUncaughtEndsTheRunAsAnExceptionAsOnTheJvm() {
    RunResult result = run("throw new StackOverflowError(\"parser too deep\");");

    assertThat(result.status()).isEqualTo(RunStatus.EXCEPTION);
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .startsWith("Exception in thread \"main\" java.lang.StackOverflowError: parser too deep");
  }

  @Test
  void anArrayOverTheVmsLimitCaughtByTheProgramStillEndsAtTheMemoryLimit() {
    RunResult result =
        run("""
            try { int[] huge = new int[Integer.MAX_VALUE]; System.out.println(huge.length); }
            catch (OutOfMemoryError e) { System.out.println("survived " + e); }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.MEMORY_LIMIT);
    assertThat(result.message().orElseThrow()).startsWith("the program ran out of memory: ");
    assertThat(result.stdout()).isEmpty();
  }

  @Test
  void aHeapExhaustedCaughtByTheProgramStillEndsAtTheMemoryLimit() {
    // Larger than any heap this suite runs with: the JVM throws at once, filling nothing.
    RunResult result =
        run("""
            try { long[] huge = new long[Integer.MAX_VALUE - 16]; System.out.println(huge.length); }
            catch (OutOfMemoryError e) { System.out.println("survived " + e); }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.MEMORY_LIMIT);
    assertThat(result.stdout()).isEmpty();
  }

  @Test
  void aRealStackOverflowCaughtNextToTheProgramsOwnStillEndsWithStack() {
    RunResult result =
        Programs.run(
            Policy.builder().cpuTime(Duration.ofSeconds(10)).timeout(Duration.ofSeconds(20)).build(),
            "Deep.java",
            """
            public class Deep {
              static int depth(int n) { return depth(n + 1) + 1; }
              public static void main(String[] args) {
                try { throw new StackOverflowError("mine"); }
                catch (StackOverflowError e) { System.out.println("own " + e.getMessage()); }
                try { System.out.println(depth(0)); }
                catch (StackOverflowError e) { System.out.println("survived"); }
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.STACK);
    assertThat(result.stdout()).isEqualTo("own mine\n");
  }

  /**
   * Bytecode that tries to have the mark taken by an error it did not just construct: each puts
   * another error where the compilers leave the new one.
   */
  enum Shuffle {
    /** new; dup; pop; load the other; swap: the other is on top after the constructor. */
    POP_AND_SWAP(
        main -> {
          main.visitTypeInsn(Opcodes.NEW, OOM);
          main.visitInsn(Opcodes.DUP);
          main.visitInsn(Opcodes.POP);
          main.visitVarInsn(Opcodes.ALOAD, 1);
          main.visitInsn(Opcodes.SWAP);
          construct(main);
        }),
    /** load the other; new; dup; store the copy away. */
    STORE_THE_COPY(
        main -> {
          main.visitVarInsn(Opcodes.ALOAD, 1);
          main.visitTypeInsn(Opcodes.NEW, OOM);
          main.visitInsn(Opcodes.DUP);
          main.visitVarInsn(Opcodes.ASTORE, 2);
          construct(main);
        }),
    /** load the other; new; dup_x1: the copy goes under the other. */
    DUP_UNDER(
        main -> {
          main.visitVarInsn(Opcodes.ALOAD, 1);
          main.visitTypeInsn(Opcodes.NEW, OOM);
          main.visitInsn(Opcodes.DUP_X1);
          construct(main);
          main.visitInsn(Opcodes.SWAP);
          main.visitInsn(Opcodes.POP);
        }),
    /** No shuffle at all: the control, whose error is marked, so its run completes. */
    NONE(
        main -> {
          main.visitTypeInsn(Opcodes.NEW, OOM);
          main.visitInsn(Opcodes.DUP);
          construct(main);
          main.visitVarInsn(Opcodes.ASTORE, 1);
          main.visitVarInsn(Opcodes.ALOAD, 1);
        });

    final Consumer<MethodVisitor> markOther;

    Shuffle(Consumer<MethodVisitor> markOther) {
      this.markOther = markOther;
    }
  }

  private static final String OOM = "java/lang/OutOfMemoryError";

  private static void construct(MethodVisitor main) {
    main.visitMethodInsn(Opcodes.INVOKESPECIAL, OOM, "<init>", "()V", false);
  }

  @ParameterizedTest
  @EnumSource(Shuffle.class)
  void noShuffleOfTheStackMarksAnErrorTheProgramDidNotJustConstruct(Shuffle shuffle) {
    // Local 1: an error made in a shape the rewriter does not mark (a jump inside the new), so
    // it counts as the JVM's, like a real limit error the program got hold of.
    byte[] classFile =
        Programs.mainClass(
            "Shuffler",
            main -> {
              Label inside = new Label();
              main.visitTypeInsn(Opcodes.NEW, OOM);
              main.visitInsn(Opcodes.DUP);
              main.visitInsn(Opcodes.ICONST_0);
              main.visitJumpInsn(Opcodes.IFEQ, inside);
              main.visitLabel(inside);
              construct(main);
              main.visitVarInsn(Opcodes.ASTORE, 1);
              shuffle.markOther.accept(main);
              main.visitInsn(Opcodes.POP);
              // try { throw local 1; } catch (Throwable t) { System.out.println("caught"); }
              Label start = new Label();
              Label end = new Label();
              Label handler = new Label();
              main.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
              main.visitLabel(start);
              main.visitVarInsn(Opcodes.ALOAD, 1);
              main.visitInsn(Opcodes.ATHROW);
              main.visitLabel(end);
              main.visitLabel(handler);
              main.visitInsn(Opcodes.POP);
              main.visitFieldInsn(
                  Opcodes.GETSTATIC, "java/lang/System", "out", "Ljava/io/PrintStream;");
              main.visitLdcInsn("caught");
              main.visitMethodInsn(
                  Opcodes.INVOKEVIRTUAL, "java/io/PrintStream", "println", "(Ljava/lang/String;)V",
                  false);
              main.visitInsn(Opcodes.RETURN);
            });

    RunResult result = Programs.runClassFile(classFile);

    if (shuffle == Shuffle.NONE) {
      assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
      assertThat(result.stdout()).isEqualTo("caught\n");
    } else {
      assertThat(result.status()).isEqualTo(RunStatus.MEMORY_LIMIT);
      assertThat(result.stdout()).isEmpty();
    }
  }
}
