package org.rexec;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Runs small programs in cells, from source or from class files built with ASM. */
final class Programs {

  private Programs() {}

  /** Compiles {@code source} as {@code fileName} in a fresh cell and runs its first class. */
  static RunResult run(Policy policy, String fileName, String source, String... args) {
    try (Cell cell = Cell.create(policy)) {
      return cell.run(cell.loadSource(fileName, source), args);
    }
  }

  /** As {@link #run(Policy, String, String, String...)} with the default policy. */
  static RunResult run(String fileName, String source, String... args) {
    return run(Policy.defaults(), fileName, source, args);
  }

  /** Runs with {@code stdin} as the program's standard input. */
  static RunResult runWithInput(String stdin, String fileName, String source, String... args) {
    try (Cell cell =
        Cell.builder(Policy.defaults())
            .stdin(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)))
            .create()) {
      return cell.run(cell.loadSource(fileName, source), args);
    }
  }

  /**
   * A class file of a public class {@code internalName} (extending Object, Java 17) with a
   * default constructor and a {@code public static void main(String[])} whose body
   * {@code mainBody} writes; the body must end with a return.
   */
  static byte[] mainClass(String internalName, Consumer<MethodVisitor> mainBody) {
    return classFile(
        internalName,
        "java/lang/Object",
        writer -> {
          MethodVisitor main =
              writer.visitMethod(
                  Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC,
                  "main",
                  "([Ljava/lang/String;)V",
                  null,
                  null);
          main.visitCode();
          mainBody.accept(main);
          main.visitMaxs(0, 0);
          main.visitEnd();
        });
  }

  /** A class file with a default constructor and whatever {@code members} adds. */
  static byte[] classFile(
      String internalName, String superName, Consumer<ClassWriter> members) {
    return classFile(internalName, superName, List.of(), 0, members);
  }

  /** As {@link #classFile(String, String, Consumer)}, with superinterfaces. */
  static byte[] classFile(
      String internalName, String superName, List<String> interfaces,
      Consumer<ClassWriter> members) {
    return classFile(internalName, superName, interfaces, 0, members);
  }

  /** As {@link #classFile(String, String, Consumer)}, with superinterfaces and more flags. */
  static byte[] classFile(
      String internalName, String superName, List<String> interfaces, int access,
      Consumer<ClassWriter> members) {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
      @Override
      protected String getCommonSuperClass(String type1, String type2) {
        return "java/lang/Object";
      }
    };
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER | access, internalName, null,
        superName, interfaces.toArray(String[]::new));
    MethodVisitor init = writer.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
    init.visitCode();
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, superName, "<init>", "()V", false);
    init.visitInsn(Opcodes.RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();
    members.accept(writer);
    writer.visitEnd();
    return writer.toByteArray();
  }

  /** Runs the class file's {@code main} in a fresh cell with the default policy. */
  static RunResult runClassFile(byte[] classFile, String... args) {
    try (Cell cell = Cell.create(Policy.defaults())) {
      return cell.run(cell.loadClassFile(classFile), args);
    }
  }
}
