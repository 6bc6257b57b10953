package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Attribute;
import org.objectweb.asm.ByteVector;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** What no policy allows is refused at load; what the rewriter does not model is refused too. */
class ClassFileRejectionTest {

  @Test
  void aNativeMethodIsRejected() {
    RunResult result =
        Programs.run(
            "Native.java",
            """
            public class Native {
              static native void poke();
              public static void main(String[] args) { System.out.println("ran"); }
            }
            """);

    assertThat(result.status()).isEqualTo(RunStatus.REJECTED);
    assertThat(result.exitCode()).isEqualTo(126);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.message())
        .hasValue("class Native refused: native Native.poke() is not allowed in this cell"
            + " (rule: native-method)");
    assertThat(result.violations()).singleElement().satisfies(
        violation -> assertThat(violation.rule()).isEqualTo("native-method"));
  }

  @Test
  void aClassFileNewerThanTheRewriterModelsIsRejected() {
    byte[] future = Programs.mainClass("Future", main -> main.visitInsn(Opcodes.RETURN));
    future[7] = 70; // major version of Java 26

    RunResult result = Programs.runClassFile(future);

    assertThat(result.status()).isEqualTo(RunStatus.REJECTED);
    assertThat(result.message()).hasValueSatisfying(
        message -> assertThat(message).contains("class file version 70 (Java 26)"));
  }

  @Test
  void aClassCompiledWithPreviewFeaturesIsRejected() {
    byte[] preview = Programs.mainClass("Preview", main -> main.visitInsn(Opcodes.RETURN));
    preview[4] = (byte) 0xFF;
    preview[5] = (byte) 0xFF;

    RunResult result = Programs.runClassFile(preview);

    assertThat(result.status()).isEqualTo(RunStatus.REJECTED);
    assertThat(result.message()).hasValueSatisfying(
        message -> assertThat(message).contains("preview features"));
  }

  @Test
  void aClassFileOverTheSizeLimitIsRejected() {
    try (Cell cell = Cell.create(Policy.builder().maxClassFileBytes(200).build())) {
      String name =
          cell.loadClassFile(
              Programs.mainClass(
                  "Big",
                  main -> {
                    main.visitLdcInsn("x".repeat(300));
                    main.visitInsn(Opcodes.POP);
                    main.visitInsn(Opcodes.RETURN);
                  }));

      RunResult result = cell.run(name);

      assertThat(result.status()).isEqualTo(RunStatus.REJECTED);
      assertThat(result.violations()).singleElement().satisfies(
          violation -> assertThat(violation.rule()).isEqualTo("class-size"));
    }
  }

  @Test
  void bytesThatAreNotAClassFileAreRefusedAtLoad() {
    try (Cell cell = Cell.create(Policy.defaults())) {
      assertThatThrownBy(() -> cell.loadClassFile("not a class".getBytes()))
          .isInstanceOf(LoadException.class)
          .hasMessage("class file: not a valid class file")
          .extracting(thrown -> ((LoadException) thrown).kind())
          .isEqualTo(LoadException.Kind.REJECTED);
    }
  }

  @Test
  void aTruncatedClassFileIsRejectedNotACrash() {
    byte[] whole = Programs.mainClass("Cut", main -> main.visitInsn(Opcodes.RETURN));
    byte[] truncated = Arrays.copyOf(whole, whole.length - 20);
    try (Cell cell = Cell.create(Policy.defaults())) {
      String name = cell.loadClassFile(truncated);

      RunResult result = cell.run(name);

      assertThat(result.status()).isEqualTo(RunStatus.REJECTED);
      assertThat(result.exitCode()).isEqualTo(RunResult.EXIT_REJECTED);
      assertThat(result.message()).hasValueSatisfying(
          message -> assertThat(message).startsWith("Cut.class is malformed"));
    }
  }

  @Test
  void unknownAttributesAreDroppedAndTheClassRuns() {
    byte[] withAttribute =
        Programs.classFile(
            "Tagged",
            "java/lang/Object",
            writer -> {
              writer.visitAttribute(new Opaque("org.example.Secret", new byte[] {1, 2, 3}));
              MethodVisitor main =
                  writer.visitMethod(
                      Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC,
                      "main", "([Ljava/lang/String;)V", null, null);
              main.visitCode();
              main.visitInsn(Opcodes.RETURN);
              main.visitMaxs(0, 1);
              main.visitEnd();
            });
    assertThat(attributeNames(withAttribute)).contains("org.example.Secret");

    RunResult result = Programs.runClassFile(withAttribute);

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
  }

  @Test
  void aDeclaredFinalizerIsNotOneTheJvmWouldRun() throws Exception {
    try (Cell cell = Cell.create(Policy.defaults())) {
      cell.loadSource(
          "Final.java",
          """
          public class Final {
            @SuppressWarnings("removal")
            @Override protected void finalize() { System.out.println("FINALIZED"); }
            public static void main(String[] args) {}
          }
          """);

      Class<?> imported = cell.importClass("Final");

      // The JVM registers an object for finalization only if its class overrides finalize().
      assertThatThrownBy(() -> imported.getDeclaredMethod("finalize"))
          .isInstanceOf(NoSuchMethodException.class);
      assertThat(imported.getDeclaredMethods())
          .extracting(java.lang.reflect.Method::getName)
          .doesNotContain("finalize");
    }
  }

  @Test
  void aBackwardJumpIntoTheMiddleOfAGuardedSequenceIsImpossible() {
    // A refused call inside a loop: the loop head label precedes the guard, so every iteration
    // meets the guard before the call.
    byte[] looping =
        Programs.mainClass(
            "Loop",
            main -> {
              Label head = new Label();
              main.visitLabel(head);
              main.visitMethodInsn(
                  Opcodes.INVOKESTATIC, "java/lang/Thread", "getAllStackTraces",
                  "()Ljava/util/Map;", false);
              main.visitInsn(Opcodes.POP);
              main.visitJumpInsn(Opcodes.GOTO, head);
            });

    RunResult result = Programs.runClassFile(looping);

    assertThat(result.exception().orElseThrow().type()).isEqualTo("java.lang.SecurityException");
  }

  private static java.util.List<String> attributeNames(byte[] classFile) {
    java.util.List<String> names = new java.util.ArrayList<>();
    new ClassReader(classFile)
        .accept(
            new org.objectweb.asm.ClassVisitor(Opcodes.ASM9) {
              @Override
              public void visitAttribute(Attribute attribute) {
                names.add(attribute.type);
              }
            },
            new Attribute[] {new Opaque("org.example.Secret", new byte[0])},
            0);
    return names;
  }

  /** An attribute the JVM does not define. */
  private static final class Opaque extends Attribute {
    private final byte[] content;

    Opaque(String type, byte[] content) {
      super(type);
      this.content = content;
    }

    @Override
    protected Attribute read(
        ClassReader reader, int offset, int length, char[] buffer, int codeOffset,
        Label[] labels) {
      return new Opaque(type, Arrays.copyOfRange(reader.b, offset, offset + length));
    }

    @Override
    protected ByteVector write(
        ClassWriter writer, byte[] code, int codeLength, int maxStack, int maxLocals) {
      return new ByteVector().putByteArray(content, 0, content.length);
    }
  }
}
