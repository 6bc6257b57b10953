package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;

/**
 * The cell's termination cannot be caught: not by cell handlers, not by the handlers compilers
 * write for {@code synchronized}, not by handlers crafted to catch themselves.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class TerminationTest {

  @Test
  void exitInsideASynchronizedBlockEndsTheRun() {
    // javac's handler for a synchronized block covers its own first instructions: a guard that
    // rethrows there must not catch itself.
    RunResult result =
        Programs.run(
            "Locked.java",
            """
            public class Locked {
              public static void main(String[] args) {
                Object lock = new Object();
                synchronized (lock) {
                  System.out.println("inside");
                  System.exit(3);
                }
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.EXITED);
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.stdout()).isEqualTo("inside\n");
  }

  @Test
  void aCatchInsideNestedSynchronizedBlocksDoesNotCatchTheExit() {
    RunResult result =
        Programs.run(
            "Nested.java",
            """
            public class Nested {
              static final Object OUTER = new Object();
              public static void main(String[] args) {
                Object inner = new Object();
                synchronized (OUTER) {
                  synchronized (inner) {
                    try {
                      System.exit(4);
                    } catch (Throwable t) {
                      System.out.println("caught " + t);
                    } finally {
                      System.out.println("finally");
                    }
                  }
                }
                System.out.println("after");
              }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.EXITED);
    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.stdout()).isEmpty();
  }

  @Test
  void aHandlerThatCoversItselfCannotHoldTheExit() {
    // A crafted handler inside its own range that drops what it caught and starts over.
    byte[] classFile =
        Programs.mainClass(
            "SelfCatch",
            main -> {
              Label start = new Label();
              Label handler = new Label();
              Label end = new Label();
              main.visitTryCatchBlock(start, end, handler, null);
              main.visitLabel(start);
              main.visitInsn(Opcodes.ICONST_5);
              main.visitMethodInsn(
                  Opcodes.INVOKESTATIC, "java/lang/System", "exit", "(I)V", false);
              main.visitJumpInsn(Opcodes.GOTO, end);
              main.visitLabel(handler);
              main.visitInsn(Opcodes.POP);
              main.visitJumpInsn(Opcodes.GOTO, start);
              main.visitLabel(end);
              main.visitInsn(Opcodes.RETURN);
            });

    RunResult result = Programs.runClassFile(classFile);

    assertThat(result.status()).isEqualTo(RunStatus.EXITED);
    assertThat(result.exitCode()).isEqualTo(5);
  }

  @Test
  void aCraftedReleaseOfAMonitorNotHeldCannotHoldTheExit() {
    // Shaped like javac's release handler, covering itself, but releasing a monitor never taken:
    // its monitorexit throws, and without care the handler would catch that forever.
    byte[] classFile =
        Programs.mainClass(
            "BadRelease",
            main -> {
              Label start = new Label();
              Label handler = new Label();
              Label released = new Label();
              Label end = new Label();
              main.visitTypeInsn(Opcodes.NEW, "java/lang/Object");
              main.visitInsn(Opcodes.DUP);
              main.visitMethodInsn(
                  Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
              main.visitVarInsn(Opcodes.ASTORE, 1);
              main.visitTryCatchBlock(start, released, handler, null);
              main.visitLabel(start);
              main.visitIntInsn(Opcodes.BIPUSH, 6);
              main.visitMethodInsn(
                  Opcodes.INVOKESTATIC, "java/lang/System", "exit", "(I)V", false);
              main.visitJumpInsn(Opcodes.GOTO, end);
              main.visitLabel(handler);
              main.visitVarInsn(Opcodes.ASTORE, 2);
              main.visitVarInsn(Opcodes.ALOAD, 1);
              main.visitInsn(Opcodes.MONITOREXIT);
              main.visitLabel(released);
              main.visitVarInsn(Opcodes.ALOAD, 2);
              main.visitInsn(Opcodes.ATHROW);
              main.visitLabel(end);
              main.visitInsn(Opcodes.RETURN);
            });

    RunResult result = Programs.runClassFile(classFile);

    assertThat(result.status()).isEqualTo(RunStatus.EXITED);
    assertThat(result.exitCode()).isEqualTo(6);
  }
}
