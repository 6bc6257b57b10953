package org.rexec.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Attribute;
import org.objectweb.asm.ByteVector;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.rexec.policy.AllowList;

/** The shape of rewritten classes, read back with ASM. */
class RewriterTest {

  private static final String GUARDS = "org/rexec/runtime/Guards";

  /** A cell class path over a map. */
  private static final class MapClassPath implements CellClassPath {
    final Map<String, byte[]> classes = new HashMap<>();

    @Override
    public byte[] classBytes(String internalName) {
      return classes.get(internalName);
    }

    @Override
    public String classHash(String internalName) {
      byte[] bytes = classes.get(internalName);
      return bytes == null ? null : Integer.toHexString(java.util.Arrays.hashCode(bytes));
    }
  }

  private static RewriteResult rewrite(byte[] classFile) {
    MapClassPath classPath = new MapClassPath();
    String name = new ClassReader(classFile).getClassName();
    classPath.classes.put(name, classFile);
    Rewriter rewriter =
        new Rewriter(AllowList.defaults(), 1 << 20, new RewriteCache(RewriteCache.DEFAULT_MAX_BYTES));
    return rewriter.rewrite(name, new CellClasses(classPath));
  }

  /** The instructions and labels of one method, one line each ("LABEL", "INVOKESTATIC a.b"). */
  private static List<String> trace(byte[] classFile, String methodName) {
    List<String> events = new ArrayList<>();
    new ClassReader(classFile)
        .accept(
            new ClassVisitor(Opcodes.ASM9) {
              @Override
              public MethodVisitor visitMethod(
                  int access, String name, String descriptor, String signature, String[] ex) {
                return !name.equals(methodName) ? null : new MethodVisitor(Opcodes.ASM9) {
                  @Override
                  public void visitLabel(Label label) {
                    events.add("LABEL");
                  }

                  @Override
                  public void visitInsn(int opcode) {
                    events.add(opcode == Opcodes.DUP ? "DUP" : "INSN " + opcode);
                  }

                  @Override
                  public void visitJumpInsn(int opcode, Label label) {
                    events.add(opcode == Opcodes.GOTO ? "GOTO" : "JUMP " + opcode);
                  }

                  @Override
                  public void visitLdcInsn(Object value) {
                    events.add("LDC");
                  }

                  @Override
                  public void visitVarInsn(int opcode, int index) {
                    events.add("VAR");
                  }

                  @Override
                  public void visitFieldInsn(int op, String owner, String name, String desc) {
                    events.add((op == Opcodes.GETSTATIC ? "GETSTATIC " : "FIELD ")
                        + owner + "." + name);
                  }

                  @Override
                  public void visitMethodInsn(
                      int op, String owner, String name, String desc, boolean itf) {
                    events.add("INVOKE " + owner + "." + name);
                  }
                };
              }
            },
            0);
    return events;
  }

  private static byte[] mainClass(java.util.function.Consumer<MethodVisitor> body) {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
      @Override
      protected String getCommonSuperClass(String type1, String type2) {
        return "java/lang/Object";
      }
    };
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "Sample", null, "java/lang/Object", null);
    MethodVisitor main =
        writer.visitMethod(
            Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "main", "([Ljava/lang/String;)V", null,
            null);
    main.visitCode();
    body.accept(main);
    main.visitMaxs(0, 0);
    main.visitEnd();
    writer.visitEnd();
    return writer.toByteArray();
  }

  @Test
  void aRefusedCallIsPrecededByTheRefusalGuardWithNoLabelBetween() {
    byte[] original =
        mainClass(
            main -> {
              main.visitMethodInsn(
                  Opcodes.INVOKESTATIC, "java/lang/Thread", "getAllStackTraces",
                  "()Ljava/util/Map;", false);
              main.visitInsn(Opcodes.POP);
              main.visitInsn(Opcodes.RETURN);
            });

    RewriteResult result = rewrite(original);
    List<String> events = trace(result.bytes(), "main");

    int call = events.indexOf("INVOKE java/lang/Thread.getAllStackTraces");
    assertThat(events.subList(call - 3, call + 1))
        .containsExactly(
            "LDC", "GETSTATIC Sample.$rexec$cell", "INVOKE " + GUARDS + ".refused",
            "INVOKE java/lang/Thread.getAllStackTraces");
    assertThat(result.refusals()).singleElement().satisfies(
        site -> assertThat(site.detail()).isEqualTo("java.lang.Thread.getAllStackTraces()"));
  }

  @Test
  void anInterposedFieldReadCallsTheShim() {
    byte[] original =
        mainClass(
            main -> {
              main.visitFieldInsn(
                  Opcodes.GETSTATIC, "java/lang/System", "out", "Ljava/io/PrintStream;");
              main.visitInsn(Opcodes.POP);
              main.visitInsn(Opcodes.RETURN);
            });

    List<String> events = trace(rewrite(original).bytes(), "main");

    assertThat(events).doesNotContain("GETSTATIC java/lang/System.out");
    assertThat(events).containsSubsequence(
        "GETSTATIC Sample.$rexec$cell", "INVOKE org/rexec/runtime/SystemShim.out");
  }

  @Test
  void methodEntryAndBackwardJumpsAreGuarded() {
    byte[] original =
        mainClass(
            main -> {
              Label head = new Label();
              main.visitLabel(head);
              main.visitJumpInsn(Opcodes.GOTO, head);
            });

    List<String> events = trace(rewrite(original).bytes(), "main");

    assertThat(events.subList(0, 2))
        .containsExactly("GETSTATIC Sample.$rexec$cell", "INVOKE " + GUARDS + ".check");
    int jump = events.lastIndexOf("GOTO");
    // The back-edge invokes the loop guard, a method handle the class holds.
    assertThat(events.subList(jump - 2, jump + 1))
        .containsExactly(
            "GETSTATIC Sample.$rexec$loop", "INVOKE java/lang/invoke/MethodHandle.invokeExact",
            "GOTO");
  }

  @Test
  void aLoopThatCallsGetsTheKillCheckAtItsBackEdge() {
    byte[] original =
        mainClass(
            main -> {
              Label head = new Label();
              main.visitLabel(head);
              main.visitMethodInsn(
                  Opcodes.INVOKESTATIC, "java/lang/Thread", "onSpinWait", "()V", false);
              main.visitJumpInsn(Opcodes.GOTO, head);
            });

    List<String> events = trace(rewrite(original).bytes(), "main");

    int jump = events.lastIndexOf("GOTO");
    assertThat(events.subList(jump - 2, jump + 1))
        .containsExactly("GETSTATIC Sample.$rexec$cell", "INVOKE " + GUARDS + ".check", "GOTO");
  }

  @Test
  void everyExceptionHandlerStartsWithTheHandlerGuard() {
    byte[] original =
        mainClass(
            main -> {
              Label start = new Label();
              Label end = new Label();
              Label handler = new Label();
              main.visitTryCatchBlock(start, end, handler, null); // catch-all, as finally
              main.visitLabel(start);
              main.visitInsn(Opcodes.NOP);
              main.visitLabel(end);
              main.visitInsn(Opcodes.RETURN);
              main.visitLabel(handler);
              main.visitInsn(Opcodes.POP);
              main.visitInsn(Opcodes.RETURN);
            });

    List<String> events = trace(rewrite(original).bytes(), "main");

    int guard = events.indexOf("DUP");
    assertThat(events.get(guard - 1)).isEqualTo("LABEL");
    assertThat(events.subList(guard, guard + 5))
        .containsExactly(
            "DUP", "GETSTATIC Sample.$rexec$cell", "INVOKE " + GUARDS + ".caught", "LABEL",
            "INSN " + Opcodes.POP);
    // The guard's own exit, appended to the method, rethrows out of it.
    assertThat(events.subList(events.size() - 2, events.size()))
        .containsExactly("LABEL", "INSN " + Opcodes.ATHROW);
  }

  @Test
  void aGuardInsideASynchronizedBlockReleasesItsMonitorOnTheWayOut() {
    // javac's shape: the release handler covers the block and its own first instructions.
    byte[] original =
        mainClass(
            main -> {
              Label start = new Label();
              Label end = new Label();
              Label handler = new Label();
              Label released = new Label();
              Label done = new Label();
              main.visitTryCatchBlock(start, end, handler, null);
              main.visitTryCatchBlock(handler, released, handler, null);
              main.visitVarInsn(Opcodes.ALOAD, 0);
              main.visitInsn(Opcodes.DUP);
              main.visitVarInsn(Opcodes.ASTORE, 1);
              main.visitInsn(Opcodes.MONITORENTER);
              main.visitLabel(start);
              main.visitVarInsn(Opcodes.ALOAD, 1);
              main.visitInsn(Opcodes.MONITOREXIT);
              main.visitLabel(end);
              main.visitJumpInsn(Opcodes.GOTO, done);
              main.visitLabel(handler);
              main.visitVarInsn(Opcodes.ASTORE, 2);
              main.visitVarInsn(Opcodes.ALOAD, 1);
              main.visitInsn(Opcodes.MONITOREXIT);
              main.visitLabel(released);
              main.visitVarInsn(Opcodes.ALOAD, 2);
              main.visitInsn(Opcodes.ATHROW);
              main.visitLabel(done);
              main.visitInsn(Opcodes.RETURN);
            });

    List<String> events = trace(rewrite(original).bytes(), "main");

    // Balanced locking on every path keeps the method compilable by the JIT.
    assertThat(events.subList(events.size() - 4, events.size()))
        .containsExactly(
            "LABEL", "VAR", "INSN " + Opcodes.MONITOREXIT, "INSN " + Opcodes.ATHROW);
  }

  @Test
  void theStaticInitializerFirstFetchesTheCell() {
    byte[] original = mainClass(main -> main.visitInsn(Opcodes.RETURN));
    List<String> fields = new ArrayList<>();

    byte[] rewritten = rewrite(original).bytes();
    new ClassReader(rewritten)
        .accept(
            new ClassVisitor(Opcodes.ASM9) {
              @Override
              public FieldVisitor visitField(
                  int access, String name, String descriptor, String signature, Object value) {
                fields.add(access + " " + name + " " + descriptor);
                return null;
              }
            },
            0);

    int access = Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL | Opcodes.ACC_SYNTHETIC;
    assertThat(fields)
        .containsExactly(
            access + " $rexec$cell Lorg/rexec/runtime/CellContext;",
            access + " $rexec$loop Ljava/lang/invoke/MethodHandle;");
    assertThat(trace(rewritten, "<clinit>"))
        .startsWith(
            "LDC", "INVOKE org/rexec/runtime/CellContext.of", "DUP", "FIELD Sample.$rexec$cell",
            "INVOKE org/rexec/runtime/CellContext.loopGuard", "FIELD Sample.$rexec$loop");
  }

  @Test
  void unknownAttributesAreDropped() {
    ClassWriter writer = new ClassWriter(0);
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "Sample", null, "java/lang/Object", null);
    writer.visitAttribute(
        new Attribute("org.example.Secret") {
          @Override
          protected ByteVector write(
              ClassWriter classWriter, byte[] code, int length, int maxStack, int maxLocals) {
            return new ByteVector().putInt(42);
          }
        });
    writer.visitEnd();

    byte[] rewritten = rewrite(writer.toByteArray()).bytes();

    assertThat(new String(rewritten, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("org.example.Secret");
  }

  @Test
  void aClassFileOfAnotherNameIsMalformed() {
    MapClassPath classPath = new MapClassPath();
    classPath.classes.put("Expected", mainClass(main -> main.visitInsn(Opcodes.RETURN)));
    Rewriter rewriter =
        new Rewriter(AllowList.defaults(), 1 << 20, new RewriteCache(RewriteCache.DEFAULT_MAX_BYTES));

    assertThatThrownBy(() -> rewriter.rewrite("Expected", new CellClasses(classPath)))
        .isInstanceOf(ClassFormatError.class)
        .hasMessage("Expected.class defines Sample (wrong name)");
  }
}
