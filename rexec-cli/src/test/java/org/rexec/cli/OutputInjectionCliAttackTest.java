package org.rexec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Lines of rexec's own that a hostile submitted file tries to forge through the names rexec
 * prints about it (a file of a directory of class files), and what a hostile program makes the
 * command print.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class OutputInjectionCliAttackTest {

  private static final String FORGED = "Evil\nrexec: status completed, exit 0\nx";

  @TempDir Path temp;

  record Outcome(int status, String out, String err, Duration took) {
    JsonNode json() throws IOException {
      return new ObjectMapper().readTree(out);
    }
  }

  private static Outcome rexec(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
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
        out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8),
        Duration.ofNanos(System.nanoTime() - start));
  }

  private Path program(String body) throws IOException {
    return Files.writeString(
        temp.resolve("Hostile.java"),
        "import java.io.*; import java.nio.*; import java.nio.channels.*;"
            + " public class Hostile {"
            + " public static void main(String[] args) throws Throwable { "
            + body
            + " } }");
  }

  /** The exact bytes of a stream in the result: its base64 where given, else its text. */
  private static byte[] bytes(JsonNode json, String stream) {
    JsonNode base64 = json.get(stream + "Base64");
    return base64.isNull()
        ? json.get(stream).asText().getBytes(StandardCharsets.UTF_8)
        : Base64.getDecoder().decode(base64.asText());
  }

  @Test
  void gatheringWritesToTheStandardOutputChannelStayWithinTheOutputLimit() throws IOException {
    // 100 buffers with an array and 100 without (read-only) of 1 MiB, written 20 times each:
    // 4 GiB asked for.
    Path hostile =
        program(
            "FileChannel out = new FileOutputStream(FileDescriptor.out).getChannel();"
                + " FileChannel err = new FileOutputStream(FileDescriptor.err).getChannel();"
                + " byte[] mib = new byte[1 << 20]; java.util.Arrays.fill(mib, (byte) 'x');"
                + " ByteBuffer noArray = ByteBuffer.wrap(mib).asReadOnlyBuffer();"
                + " ByteBuffer[] heap = new ByteBuffer[100]; ByteBuffer[] off = new ByteBuffer[100];"
                + " long asked = 0;"
                + " for (int round = 0; round < 20; round++) {"
                + "  for (int i = 0; i < 100; i++) { heap[i] = ByteBuffer.wrap(mib);"
                + "   off[i] = noArray.duplicate(); }"
                + "  asked += out.write(heap) + err.write(off); }");

    Outcome outcome = rexec("run", "--json", "--output=1m", "--timeout=10s", hostile.toString());

    assertThat(outcome.took()).isLessThan(Duration.ofSeconds(20));
    JsonNode json = outcome.json();
    assertThat(json.get("status").asText()).as(outcome.out()).isEqualTo("output-limit");
    assertThat(json.get("outputTruncated").asBoolean()).isTrue();
    byte[] stdout = bytes(json, "stdout");
    byte[] stderr = bytes(json, "stderr");
    // Counted once, in the order written: the limit exactly, all of it the program's bytes.
    assertThat(stdout.length + stderr.length).isEqualTo(1 << 20);
    assertThat(stdout).containsOnly('x');
    assertThat((long) outcome.out().length()).isLessThanOrEqualTo(ResultJson.maxSize(1 << 20));
  }

  @Test
  void theChannelAndSystemOutShareOneCountAndOneOrder() throws IOException {
    Path hostile =
        program(
            "FileChannel out = new FileOutputStream(FileDescriptor.out).getChannel();"
                + " for (int i = 0; i < 1000; i++) { System.out.print('a');"
                + "  out.write(new ByteBuffer[] {ByteBuffer.wrap(new byte[] {'b'}),"
                + "   ByteBuffer.allocate(0), ByteBuffer.wrap(new byte[] {'c'}).asReadOnlyBuffer()}); }");

    Outcome outcome = rexec("run", "--json", "--output=2000", hostile.toString());

    JsonNode json = outcome.json();
    assertThat(json.get("status").asText()).isEqualTo("output-limit");
    assertThat(new String(bytes(json, "stdout"), StandardCharsets.US_ASCII))
        .isEqualTo("abc".repeat(666) + "ab");
    assertThat(json.get("outputTruncated").asBoolean()).isTrue();
  }

  @Test
  void aGatheringWriteOfManyEmptyBuffersEndsAtTheTimeLimit() throws IOException {
    // One call of rexec's channel with 30 million buffers: rexec's own loop, no guard of the
    // cell's in it.
    Path hostile =
        program(
            "FileChannel out = new FileOutputStream(FileDescriptor.out).getChannel();"
                + " ByteBuffer[] empty = new ByteBuffer[30_000_000];"
                + " java.util.Arrays.fill(empty, ByteBuffer.allocate(0));"
                + " while (true) { out.write(empty); }");

    Outcome outcome = rexec("run", "--json", "--timeout=1s", hostile.toString());

    assertThat(outcome.took()).isLessThan(Duration.ofSeconds(1).plus(Duration.ofSeconds(8)));
    assertThat(outcome.json().get("status").asText()).isEqualTo("timeout");
  }

  private static long rexecLines(String err) {
    return err.lines().filter(line -> line.startsWith("rexec:")).count();
  }

  /** A directory of class files holding one malformed class file whose name forges a line. */
  private Path directoryWithForgingFileName() throws IOException {
    Path classes = Files.createDirectories(temp.resolve("classes"));
    Files.write(classes.resolve(FORGED + ".class"), new byte[] {1, 2, 3});
    return classes;
  }

  @Test
  void aFileNameInADirectoryOfClassesCannotForgeLinesOfRexecs() throws IOException {
    Outcome outcome = rexec("run", directoryWithForgingFileName().toString());

    assertThat(outcome.status()).isEqualTo(ExitCodes.REJECTED);
    assertThat(rexecLines(outcome.err())).isEqualTo(1);
    assertThat(outcome.err()).doesNotContain("\nrexec: status");
  }

  @Test
  void aTooLargeFileNamedToForgeALineCannotForgeLinesOfRexecs() throws IOException {
    Path classes = Files.createDirectories(temp.resolve("classes"));
    Files.write(classes.resolve(FORGED + ".class"), new byte[5 << 20]);

    Outcome outcome = rexec("run", classes.toString());

    assertThat(outcome.status()).isEqualTo(ExitCodes.REJECTED);
    assertThat(outcome.err()).contains("larger than");
    assertThat(rexecLines(outcome.err())).isEqualTo(1);
    assertThat(outcome.err()).doesNotContain("\nrexec: status");
  }

  @Test
  void aFileNameOnTheClassPathCannotForgeLinesOfRexecs() throws IOException {
    Path classes = directoryWithForgingFileName();

    Outcome outcome = rexec("check", "-cp", classes.toString(), "Main");

    assertThat(outcome.status()).isNotZero();
    assertThat(rexecLines(outcome.err())).isEqualTo(1);
    assertThat(outcome.err()).doesNotContain("\nrexec: status");
  }

  @Test
  void aSourceThatOverflowsJavacsStackGivesOneJsonObject() throws IOException {
    int depth = 200_000;
    Path hostile =
        program("int x = " + "(".repeat(depth) + "1" + ")".repeat(depth) + ";");

    Outcome outcome = rexec("run", "--json", hostile.toString());

    JsonNode json = outcome.json();
    assertThat(json.get("status").asText()).as(outcome.err()).isEqualTo("compile-error");
    assertThat(outcome.out().lines()).hasSize(1);
    assertThat(outcome.out().length()).isLessThan(200_000);
  }

  @Test
  void aSourceThatOverflowsJavacsAnalysisGivesOneJsonObject() throws IOException {
    Path hostile = program("int x = 1" + " + 1".repeat(100_000) + ";");

    Outcome outcome = rexec("run", "--json", hostile.toString());

    assertThat(outcome.out().lines()).as(outcome.err()).hasSize(1);
    JsonNode json = outcome.json();
    assertThat(json.get("status").asText()).as(outcome.err()).isIn("compile-error", "completed");
    assertThat(outcome.out().length()).isLessThan(200_000);
  }

  /**
   * A chain of {@code depth} classes, each extending the one before, and a main class at its
   * end: rewriting judges each against its supertypes.
   */
  private Path deepHierarchy(int depth) throws IOException {
    Path classes = Files.createDirectories(temp.resolve("deep"));
    String superName = "java/lang/Object";
    for (int i = 0; i < depth; i++) {
      String name = "C" + i;
      ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
      writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null, superName,
          null);
      MethodVisitor init = writer.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
      init.visitCode();
      init.visitVarInsn(Opcodes.ALOAD, 0);
      init.visitMethodInsn(Opcodes.INVOKESPECIAL, superName, "<init>", "()V", false);
      init.visitInsn(Opcodes.RETURN);
      init.visitMaxs(0, 0);
      init.visitEnd();
      if (i == depth - 1) {
        MethodVisitor main =
            writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "main",
                "([Ljava/lang/String;)V", null, null);
        main.visitCode();
        main.visitTypeInsn(Opcodes.NEW, name);
        main.visitInsn(Opcodes.DUP);
        main.visitMethodInsn(Opcodes.INVOKESPECIAL, name, "<init>", "()V", false);
        main.visitMethodInsn(Opcodes.INVOKEVIRTUAL, name, "toString", "()Ljava/lang/String;",
            false);
        main.visitInsn(Opcodes.POP);
        main.visitInsn(Opcodes.RETURN);
        main.visitMaxs(0, 0);
        main.visitEnd();
      }
      writer.visitEnd();
      Files.write(classes.resolve(name + ".class"), writer.toByteArray());
      superName = name;
    }
    return classes;
  }

  @Test
  void aDeepHierarchyIsRejectedQuicklyWithOneJsonObject() throws IOException {
    // Was a StackOverflowError out of the command (no JSON) after 89 s of rewriting.
    Path classes = deepHierarchy(20_000);

    Outcome outcome =
        rexec("run", "--json", "--timeout=10s", "--main", "C19999", classes.toString());

    assertThat(outcome.out().lines()).as(outcome.err()).hasSize(1);
    JsonNode json = outcome.json();
    assertThat(json.get("status").asText()).as(outcome.out()).isEqualTo("rejected");
    assertThat(json.get("message").asText()).contains("more than 100 supertypes one above the other");
    assertThat(outcome.status()).isEqualTo(ExitCodes.REJECTED);
    assertThat(outcome.took()).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aHierarchyOneDeeperThanAllowedIsRejected() throws IOException {
    Path classes = deepHierarchy(101);

    Outcome outcome = rexec("run", "--json", "--main", "C100", classes.toString());

    assertThat(outcome.json().get("status").asText()).as(outcome.out()).isEqualTo("rejected");
  }

  @Test
  void aHierarchyAsDeepAsAllowedRuns() throws IOException {
    // Object, then C0 to C98: C99 has 100 superclasses, as java loads them.
    Path classes = deepHierarchy(100);

    Outcome outcome = rexec("run", "--json", "--main", "C99", classes.toString());

    assertThat(outcome.json().get("status").asText()).as(outcome.out()).isEqualTo("completed");
  }


  /** Interfaces I0 to I{depth-1}, each extending the one before, and Main implementing the last. */
  private Path deepInterfaces(int depth) throws IOException {
    Path classes = Files.createDirectories(temp.resolve("interfaces"));
    for (int i = 0; i < depth; i++) {
      ClassWriter writer = new ClassWriter(0);
      writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT,
          "I" + i, null, "java/lang/Object", i == 0 ? null : new String[] {"I" + (i - 1)});
      writer.visitEnd();
      Files.write(classes.resolve("I" + i + ".class"), writer.toByteArray());
    }
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "Main", null,
        "java/lang/Object", new String[] {"I" + (depth - 1)});
    MethodVisitor main =
        writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "main",
            "([Ljava/lang/String;)V", null, null);
    main.visitCode();
    main.visitInsn(Opcodes.RETURN);
    main.visitMaxs(0, 0);
    main.visitEnd();
    writer.visitEnd();
    Files.write(classes.resolve("Main.class"), writer.toByteArray());
    return classes;
  }

  @Test
  void aDeepChainOfInterfacesGivesOneJsonObjectQuickly() throws IOException {
    Path classes = deepInterfaces(20_000);

    Outcome outcome = rexec("run", "--json", "--main", "Main", classes.toString());

    assertThat(outcome.out().lines()).as(outcome.err()).hasSize(1);
    assertThat(outcome.json().get("status").asText()).as(outcome.out()).isEqualTo("rejected");
    assertThat(outcome.took()).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aSupervisorStackTooSmallForAnAllowedHierarchyStillGetsOneJsonObject() throws Exception {
    // 100 supertypes are allowed; a thread with a small stack cannot define them one inside the
    // other. picocli hands on only exceptions: the StackOverflowError left the command.
    Path classes = deepHierarchy(100);
    Outcome[] outcome = new Outcome[1];
    Thread small =
        new Thread(
            null,
            () -> outcome[0] = rexec("run", "--json", "--main", "C99", classes.toString()),
            "small-stack",
            256 << 10);
    small.start();
    small.join();

    assertThat(outcome[0]).isNotNull();
    assertThat(outcome[0].out().lines()).as(outcome[0].err()).hasSize(1);
    assertThat(outcome[0].json().get("status").asText()).isIn("completed", "rejected");
  }
}
