package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.rexec.rewrite.RewriteCache;

/**
 * A rewrite judged against one cell's classes is never reused for a cell whose classes differ:
 * an attacker cannot plant an unguarded rewrite in the shared cache.
 */
class RewriteCacheAttackTest {

  /** Calls {@code new Helper().getContextClassLoader()} and prints the result. */
  private static final byte[] CALLER =
      Programs.mainClass(
          "Caller",
          main -> {
            main.visitTypeInsn(Opcodes.NEW, "Helper");
            main.visitInsn(Opcodes.DUP);
            main.visitMethodInsn(Opcodes.INVOKESPECIAL, "Helper", "<init>", "()V", false);
            main.visitMethodInsn(
                Opcodes.INVOKEVIRTUAL,
                "Helper",
                "getContextClassLoader",
                "()Ljava/lang/ClassLoader;",
                false);
            main.visitInsn(Opcodes.POP);
            main.visitFieldInsn(
                Opcodes.GETSTATIC, "java/lang/System", "out", "Ljava/io/PrintStream;");
            main.visitLdcInsn("called");
            main.visitMethodInsn(
                Opcodes.INVOKEVIRTUAL, "java/io/PrintStream", "println", "(Ljava/lang/String;)V",
                false);
            main.visitInsn(Opcodes.RETURN);
          });

  /** A Thread subclass that declares its own harmless getContextClassLoader(). */
  private static final byte[] HARMLESS_HELPER =
      Programs.classFile(
          "Helper",
          "java/lang/Thread",
          writer -> {
            MethodVisitor method =
                writer.visitMethod(
                    Opcodes.ACC_PUBLIC, "getContextClassLoader", "()Ljava/lang/ClassLoader;",
                    null, null);
            method.visitCode();
            method.visitInsn(Opcodes.ACONST_NULL);
            method.visitInsn(Opcodes.ARETURN);
            method.visitMaxs(1, 1);
            method.visitEnd();
          });

  /** A Thread subclass that inherits the JDK's getContextClassLoader(). */
  private static final byte[] INHERITING_HELPER =
      Programs.classFile("Helper", "java/lang/Thread", writer -> {});

  private static RunResult run(RewriteCache cache, byte[] helper) {
    try (Cell cell = Cell.builder(Policy.defaults()).codeCache(CodeCaches.rewritingInto(cache)).create()) {
      cell.loadClassFile(helper);
      return cell.run(cell.loadClassFile(CALLER));
    }
  }

  @Test
  void aCachedRewriteIsNotReusedWhenTheClassesItDependsOnDiffer() {
    RewriteCache cache = new RewriteCache(RewriteCache.DEFAULT_MAX_BYTES);

    RunResult benign = run(cache, HARMLESS_HELPER);
    RunResult attack = run(cache, INHERITING_HELPER);

    assertThat(benign.stdout()).isEqualTo("called\n");
    assertThat(attack.stdout()).isEmpty();
    assertThat(attack.exception().orElseThrow().type()).isEqualTo("java.lang.SecurityException");
    assertThat(attack.violations()).singleElement().satisfies(
        violation -> assertThat(violation.detail())
            .isEqualTo("java.lang.Thread.getContextClassLoader()"));
  }

  @Test
  void aCachedRewriteIsReusedWhenTheClassesAreTheSame() {
    RewriteCache cache = new RewriteCache(RewriteCache.DEFAULT_MAX_BYTES);

    run(cache, HARMLESS_HELPER);
    String afterFirst = cache.statistics();
    RunResult second = run(cache, HARMLESS_HELPER);

    assertThat(afterFirst).startsWith("hits=0 ");
    assertThat(cache.statistics()).startsWith("hits=2 ");
    assertThat(second.stdout()).isEqualTo("called\n");
  }
}
