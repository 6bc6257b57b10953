package org.rexec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * What the rexec command prints of its own about a program it did not run, or before running
 * it: the lines of a load error and of {@code rexec check}, which a program's author shapes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class PrintedByRexecCliAttackTest {

  @TempDir Path temp;

  /** Counts bytes and keeps only the first few, so that a huge output costs no memory. */
  static final class Counting extends OutputStream {
    long count;
    final ByteArrayOutputStream head = new ByteArrayOutputStream();

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (head.size() < 100_000) {
        head.write(b, off, Math.min(len, 100_000));
      }
      count += len;
    }
  }

  record Outcome(int status, long outBytes, String outHead, String err, Duration took) {}

  private static Outcome rexec(String... args) {
    Counting out = new Counting();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    long start = System.nanoTime();
    int status =
        Main.execute(
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
    return new Outcome(
        status,
        out.count,
        out.head.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8),
        Duration.ofNanos(System.nanoTime() - start));
  }

  private Path jar(String entryName, byte[] content) throws IOException {
    Path jar = temp.resolve("hostile.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry(entryName));
      out.write(content);
      out.closeEntry();
    }
    return jar;
  }

  /** The lines rexec printed of its own: those that start with {@code rexec:}. */
  private static long rexecLines(String err) {
    return err.lines().filter(line -> line.startsWith("rexec:")).count();
  }

  @Test
  void aJarEntryNameCannotForgeLinesOfRexecs() throws IOException {
    Path jar =
        jar("Evil\nrexec: status completed, exit 0\u001b[2J\u001b[H.class", new byte[] {1, 2, 3});

    Outcome outcome = rexec("run", jar.toString());

    assertThat(outcome.status()).isEqualTo(ExitCodes.REJECTED);
    // One line of rexec's own, saying what was wrong; no line or terminal escape of the jar's.
    assertThat(rexecLines(outcome.err())).isEqualTo(1);
    assertThat(outcome.err()).doesNotContain("\u001b").doesNotContain("\nrexec: status");
  }

  @Test
  void aClassNameInALoadErrorCannotForgeLinesOfRexecs() throws IOException {
    // Two entries defining the same class, whose name holds a line break and an escape.
    String name = "Evil\nrexec: status completed, exit 0\u001b[2J";
    byte[] classFile = emptyClass(name);
    Path jar = temp.resolve("twice.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (String entry : new String[] {"a.class", "b.class"}) {
        out.putNextEntry(new JarEntry(entry));
        out.write(classFile);
        out.closeEntry();
      }
    }

    Outcome outcome = rexec("run", jar.toString());

    assertThat(outcome.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(rexecLines(outcome.err())).isEqualTo(1);
    assertThat(outcome.err()).doesNotContain("\u001b").doesNotContain("\nrexec: status");
  }

  @Test
  void javacsQuoteOfASourceLineCarriesNoTerminalEscape() throws IOException {
    Path source =
        Files.writeString(
            temp.resolve("Hostile.java"),
            "public class Hostile { public static void main(String[] args) {\n"
                + " int x = undefined; /* \u001b[1A\u001b[2K\u001b]0;owned\u0007 */\n"
                + "} }\n");

    Outcome outcome = rexec("run", source.toString());

    assertThat(outcome.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(outcome.err()).contains("cannot find symbol");
    assertThat(outcome.err()).doesNotContain("\u001b").doesNotContain("\u0007");
  }

  @Test
  void rexecCheckPrintsABoundedListWhateverTheClassesHold() throws IOException {
    Path classes = Files.createDirectories(temp.resolve("classes"));
    for (int i = 0; i < 10; i++) {
      String name = "C".repeat(2_000) + i;
      Files.write(classes.resolve(i + ".class"), manyRefusedCalls(name, 4_000));
    }
    long input = 0;
    try (var files = Files.list(classes)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        input += Files.size(file);
      }
    }

    Outcome outcome = rexec("check", classes.toString());

    assertThat(outcome.status()).isEqualTo(ExitCodes.VIOLATIONS);
    assertThat(outcome.outHead()).contains("(rule: allow-list)");
    // Some hundreds of KB of class files: at most the bound of a run's result, as for --json.
    assertThat(input).isLessThan(1_000_000);
    assertThat(outcome.outBytes()).isLessThan(ResultJson.MAX_SIZE_BESIDES_OUTPUT);
  }

  private static byte[] emptyClass(String internalName) {
    ClassWriter writer = new ClassWriter(0);
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, internalName, null,
        "java/lang/Object", null);
    writer.visitEnd();
    return writer.toByteArray();
  }

  /** A class whose {@code main} makes {@code calls} refused calls to a long-named member. */
  private static byte[] manyRefusedCalls(String internalName, int calls) {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, internalName, null,
        "java/lang/Object", null);
    MethodVisitor main =
        writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "m".repeat(2_000),
            "([Ljava/lang/String;)V", null, null);
    main.visitCode();
    String member = "x".repeat(2_000);
    for (int i = 0; i < calls; i++) {
      main.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Thread", member, "()V", false);
    }
    main.visitInsn(Opcodes.RETURN);
    main.visitMaxs(0, 0);
    main.visitEnd();
    writer.visitEnd();
    return writer.toByteArray();
  }
}
