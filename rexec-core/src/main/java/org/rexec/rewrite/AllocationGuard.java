package org.rexec.rewrite;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.rexec.policy.Rule;
import org.rexec.runtime.Guards;

/**
 * Plants the allocation guard where cell code chooses the size of one allocation: before every
 * array allocation whose length is not a small constant, and before the JDK calls that allocate
 * by a size argument ({@code Arrays.copyOf}, {@code new ArrayList(n)}, {@code
 * ensureCapacity(n)}, ...). The guard ends the run with the memory limit when the allocation
 * would be larger than the largest allowed, before the JVM tries it. Format strings are checked
 * before the JDK calls that format, since a width sizes the string built ({@link
 * Guards#format}). Calls are matched by the owner the bytecode names, so {@code super} calls of
 * subclasses are guarded too, and the JDK member itself still runs.
 *
 * <p>A multi-dimensional {@code multianewarray} becomes a call to {@link Guards#newArray}, which
 * counts every level before allocating; more than four dimensions are refused.
 */
final class AllocationGuard extends CodeRewriter {

  private static final String GUARDS = Type.getInternalName(Guards.class);
  private static final String ALLOCATION = "(II" + GuardCode.CELL_DESCRIPTOR + ")I";
  private static final String FORMAT =
      "(Ljava/lang/String;" + GuardCode.CELL_DESCRIPTOR + ")Ljava/lang/String;";
  private static final int MAX_DIMENSIONS = 4;

  /** A JDK call with a size argument: its place from the top of the stack, and its shift. */
  private record Sized(int depth, int shift) {}

  private static final Map<String, Sized> SIZED = sizedCalls();

  /**
   * The JDK calls that format, keyed as {@link #SIZED}: the format string is always just below
   * the arguments array.
   */
  private static final Set<String> FORMATS = formatCalls();

  AllocationGuard(ClassVisitor next, ClassRewrite rewrite) {
    super(next, rewrite);
  }

  @Override
  MethodVisitor method(MethodVisitor next, int access, String name) {
    return new Guarding(next);
  }

  private final class Guarding extends MethodVisitor {
    /** The last instruction pushed a constant no larger than a {@code sipush} can. */
    private boolean smallConstant;

    Guarding(MethodVisitor next) {
      super(Opcodes.ASM9, next);
    }

    private void guard(int shift) {
      if (shift >= 0) {
        mv.visitInsn(Opcodes.ICONST_0 + shift);
      } else {
        mv.visitIntInsn(Opcodes.BIPUSH, shift);
      }
      GuardCode.loadCell(mv, rewrite.className);
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, GUARDS, "allocation", ALLOCATION, false);
    }

    private void guardFormat() {
      GuardCode.loadCell(mv, rewrite.className);
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, GUARDS, "format", FORMAT, false);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
      if (opcode == Opcodes.NEWARRAY) {
        if (!smallConstant) {
          guard(shiftOf(operand));
        }
        super.visitIntInsn(opcode, operand);
        smallConstant = false;
        return;
      }
      super.visitIntInsn(opcode, operand);
      smallConstant = opcode == Opcodes.BIPUSH || opcode == Opcodes.SIPUSH;
    }

    @Override
    public void visitInsn(int opcode) {
      super.visitInsn(opcode);
      smallConstant = opcode >= Opcodes.ICONST_M1 && opcode <= Opcodes.ICONST_5;
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
      if (opcode == Opcodes.ANEWARRAY && !smallConstant) {
        guard(2);
      }
      super.visitTypeInsn(opcode, type);
      smallConstant = false;
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
      smallConstant = false;
      if (dimensions == 1) {
        guard(shiftOf(Type.getType(descriptor).getElementType(), 1, descriptor));
        super.visitMultiANewArrayInsn(descriptor, dimensions);
        return;
      }
      if (dimensions > MAX_DIMENSIONS) {
        rewrite.reject(
            "define",
            "an array allocation of " + dimensions + " dimensions at once",
            Rule.CLASS_VERSION);
        super.visitMultiANewArrayInsn(descriptor, dimensions);
        return;
      }
      // [d1 .. dn] -> [d1 .. dn, component, cell] -> [array]
      pushClass(Type.getType(descriptor.substring(dimensions)));
      GuardCode.loadCell(mv, rewrite.className);
      mv.visitMethodInsn(
          Opcodes.INVOKESTATIC,
          GUARDS,
          "newArray",
          "("
              + "I".repeat(dimensions)
              + "Ljava/lang/Class;"
              + GuardCode.CELL_DESCRIPTOR
              + ")Ljava/lang/Object;",
          false);
      mv.visitTypeInsn(Opcodes.CHECKCAST, descriptor);
    }

    @Override
    public void visitMethodInsn(
        int opcode, String owner, String name, String descriptor, boolean isInterface) {
      String member = owner + '.' + name + descriptor;
      Sized sized = SIZED.get(member);
      if (sized != null) {
        aroundArgument(sized.depth(), () -> guard(sized.shift()));
      } else if (FORMATS.contains(member)) {
        aroundArgument(1, this::guardFormat);
      }
      super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
      smallConstant = false;
    }

    /** Pushes the class of {@code type}: a primitive's is its wrapper's {@code TYPE}. */
    private void pushClass(Type type) {
      String wrapper =
          switch (type.getSort()) {
            case Type.BOOLEAN -> "java/lang/Boolean";
            case Type.BYTE -> "java/lang/Byte";
            case Type.CHAR -> "java/lang/Character";
            case Type.SHORT -> "java/lang/Short";
            case Type.INT -> "java/lang/Integer";
            case Type.FLOAT -> "java/lang/Float";
            case Type.LONG -> "java/lang/Long";
            case Type.DOUBLE -> "java/lang/Double";
            default -> null;
          };
      if (wrapper == null) {
        mv.visitLdcInsn(type);
      } else {
        mv.visitFieldInsn(Opcodes.GETSTATIC, wrapper, "TYPE", "Ljava/lang/Class;");
      }
    }

    /**
     * Plants {@code guard} (which maps the value on top to itself) for the argument {@code depth}
     * one-slot values below the top, rotating it up and back.
     */
    private void aroundArgument(int depth, Runnable guard) {
      switch (depth) {
        case 0 -> guard.run();
        case 1 -> {
          mv.visitInsn(Opcodes.SWAP);
          guard.run();
          mv.visitInsn(Opcodes.SWAP);
        }
        default -> {
          mv.visitInsn(Opcodes.DUP2_X1);
          mv.visitInsn(Opcodes.POP2);
          guard.run();
          mv.visitInsn(Opcodes.DUP_X2);
          mv.visitInsn(Opcodes.POP);
        }
      }
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
      super.visitVarInsn(opcode, varIndex);
      smallConstant = false;
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
      super.visitFieldInsn(opcode, owner, name, descriptor);
      smallConstant = false;
    }

    @Override
    public void visitInvokeDynamicInsn(
        String name, String descriptor, Handle bootstrapMethod, Object... arguments) {
      super.visitInvokeDynamicInsn(name, descriptor, bootstrapMethod, arguments);
      smallConstant = false;
    }

    @Override
    public void visitLdcInsn(Object value) {
      super.visitLdcInsn(value);
      smallConstant = false;
    }

    @Override
    public void visitLabel(Label label) {
      // A jump may arrive here with another length on the stack.
      super.visitLabel(label);
      smallConstant = false;
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
      // The shift and the cell, plus two more while an argument is rotated.
      super.visitMaxs(GuardCode.addStack(maxStack, 4), maxLocals);
    }
  }

  private static int shiftOf(int newArrayType) {
    return switch (newArrayType) {
      case Opcodes.T_BOOLEAN, Opcodes.T_BYTE -> 0;
      case Opcodes.T_CHAR, Opcodes.T_SHORT -> 1;
      case Opcodes.T_INT, Opcodes.T_FLOAT -> 2;
      default -> 3;
    };
  }

  /** The shift of an array's elements: references count four bytes. */
  private static int shiftOf(Type element, int dimensions, String descriptor) {
    if (Type.getType(descriptor).getDimensions() > dimensions) {
      return 2;
    }
    return switch (element.getSort()) {
      case Type.BOOLEAN, Type.BYTE -> 0;
      case Type.CHAR, Type.SHORT -> 1;
      case Type.LONG, Type.DOUBLE -> 3;
      default -> 2;
    };
  }

  /** The JDK calls that allocate by a size argument, keyed by owner, name and descriptor. */
  private static Map<String, Sized> sizedCalls() {
    Map<String, Sized> calls = new HashMap<>();
    // Arrays.copyOf and copyOfRange: the new length, or the end of the range, is on top.
    String[][] elements = {
      {"Z", "0"}, {"B", "0"}, {"C", "1"}, {"S", "1"}, {"I", "2"}, {"F", "2"}, {"J", "3"},
      {"D", "3"}, {"Ljava/lang/Object;", "2"}
    };
    for (String[] element : elements) {
      String array = "[" + element[0];
      int shift = Integer.parseInt(element[1]);
      calls.put("java/util/Arrays.copyOf(" + array + "I)" + array, new Sized(0, shift));
      calls.put("java/util/Arrays.copyOfRange(" + array + "II)" + array, new Sized(0, shift));
    }
    calls.put(
        "java/util/Arrays.copyOf([Ljava/lang/Object;ILjava/lang/Class;)[Ljava/lang/Object;",
        new Sized(1, 2));
    calls.put(
        "java/util/Arrays.copyOfRange([Ljava/lang/Object;IILjava/lang/Class;)[Ljava/lang/Object;",
        new Sized(1, 2));
    // Collections: the initial capacity. Hash tables hold about two references per entry.
    for (String list : new String[] {"ArrayList", "ArrayDeque", "Vector", "PriorityQueue"}) {
      calls.put("java/util/" + list + ".<init>(I)V", new Sized(0, 2));
    }
    calls.put("java/util/Vector.<init>(II)V", new Sized(1, 2));
    calls.put("java/util/PriorityQueue.<init>(ILjava/util/Comparator;)V", new Sized(1, 2));
    calls.put("java/util/ArrayList.ensureCapacity(I)V", new Sized(0, 2));
    calls.put("java/util/Vector.ensureCapacity(I)V", new Sized(0, 2));
    calls.put("java/util/Vector.setSize(I)V", new Sized(0, 2));
    calls.put("java/util/concurrent/ArrayBlockingQueue.<init>(I)V", new Sized(0, 2));
    calls.put("java/util/concurrent/ArrayBlockingQueue.<init>(IZ)V", new Sized(1, 2));
    for (String map :
        new String[] {
          "java/util/HashMap", "java/util/HashSet", "java/util/LinkedHashMap",
          "java/util/LinkedHashSet", "java/util/Hashtable", "java/util/WeakHashMap",
          "java/util/IdentityHashMap", "java/util/concurrent/ConcurrentHashMap"
        }) {
      calls.put(map + ".<init>(I)V", new Sized(0, 3));
      calls.put(map + ".<init>(IF)V", new Sized(1, 3));
    }
    calls.put("java/util/LinkedHashMap.<init>(IFZ)V", new Sized(2, 3));
    calls.put("java/util/concurrent/ConcurrentHashMap.<init>(IFI)V", new Sized(2, 3));
    // Character buffers: Latin-1 strings take a byte per character.
    for (String builder : new String[] {"java/lang/StringBuilder", "java/lang/StringBuffer"}) {
      calls.put(builder + ".<init>(I)V", new Sized(0, 0));
      calls.put(builder + ".ensureCapacity(I)V", new Sized(0, 0));
      calls.put(builder + ".setLength(I)V", new Sized(0, 0));
      calls.put(builder + ".repeat(II)" + "L" + builder + ";", new Sized(0, 0));
    }
    calls.put("java/io/ByteArrayOutputStream.<init>(I)V", new Sized(0, 0));
    calls.put("java/io/StringWriter.<init>(I)V", new Sized(0, 0));
    calls.put("java/io/CharArrayWriter.<init>(I)V", new Sized(0, 1));
    calls.put("java/io/BufferedInputStream.<init>(Ljava/io/InputStream;I)V", new Sized(0, 0));
    calls.put("java/io/BufferedOutputStream.<init>(Ljava/io/OutputStream;I)V", new Sized(0, 0));
    calls.put("java/io/PushbackInputStream.<init>(Ljava/io/InputStream;I)V", new Sized(0, 0));
    calls.put("java/io/BufferedReader.<init>(Ljava/io/Reader;I)V", new Sized(0, 1));
    calls.put("java/io/BufferedWriter.<init>(Ljava/io/Writer;I)V", new Sized(0, 1));
    calls.put("java/io/PushbackReader.<init>(Ljava/io/Reader;I)V", new Sized(0, 1));
    // NIO buffers.
    String[][] buffers = {
      {"Byte", "0"}, {"Char", "1"}, {"Short", "1"}, {"Int", "2"}, {"Float", "2"}, {"Long", "3"},
      {"Double", "3"}
    };
    for (String[] buffer : buffers) {
      String type = "java/nio/" + buffer[0] + "Buffer";
      calls.put(type + ".allocate(I)L" + type + ";", new Sized(0, Integer.parseInt(buffer[1])));
    }
    calls.put("java/nio/ByteBuffer.allocateDirect(I)Ljava/nio/ByteBuffer;", new Sized(0, 0));
    // A bit set grows to hold the highest bit set or flipped: bits, not bytes.
    calls.put("java/util/BitSet.<init>(I)V", new Sized(0, -3));
    calls.put("java/util/BitSet.set(I)V", new Sized(0, -3));
    calls.put("java/util/BitSet.set(II)V", new Sized(0, -3));
    calls.put("java/util/BitSet.set(IZ)V", new Sized(1, -3));
    calls.put("java/util/BitSet.set(IIZ)V", new Sized(1, -3));
    calls.put("java/util/BitSet.flip(I)V", new Sized(0, -3));
    calls.put("java/util/BitSet.flip(II)V", new Sized(0, -3));
    return Map.copyOf(calls);
  }

  private static Set<String> formatCalls() {
    String args = "[Ljava/lang/Object;)";
    String string = "Ljava/lang/String;";
    String locale = "Ljava/util/Locale;";
    Set<String> calls = new HashSet<>();
    calls.add("java/lang/String.format(" + string + args + string);
    calls.add("java/lang/String.format(" + locale + string + args + string);
    calls.add("java/lang/String.formatted(" + args + string);
    for (String owner :
        new String[] {"java/util/Formatter", "java/io/PrintStream", "java/io/PrintWriter"}) {
      String returned = "L" + owner + ";";
      for (String name : new String[] {"format", "printf"}) {
        calls.add(owner + "." + name + "(" + string + args + returned);
        calls.add(owner + "." + name + "(" + locale + string + args + returned);
      }
    }
    return Set.copyOf(calls);
  }
}
