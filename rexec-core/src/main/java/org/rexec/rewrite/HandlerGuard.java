package org.rexec.rewrite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.TypePath;

/**
 * Plants the handler guard at the start of every exception handler, typed or catch-all (so also
 * in the handlers {@code finally} compiles to), so that the cell's termination and the VM's
 * errors cannot be swallowed: the guard rethrows them.
 *
 * <p>A handler guard that throws must leave the method, never land in a handler of the same
 * method: javac's handler for a {@code synchronized} block covers its own first instructions, so
 * a guard there would catch its own throw forever. Each guard is therefore covered first, ahead
 * of the method's own entries, by an entry to an <em>exit</em> appended to the method: it
 * releases the monitors of the {@code synchronized} blocks around the guard, then rethrows. The
 * release keeps the method's locking balanced, which the JIT compilers require; the exit itself
 * is covered by nothing, so even a crafted handler cannot catch the throw again.
 *
 * <p>Reads {@code rewrite.className}.
 */
final class HandlerGuard extends CodeRewriter {

  private boolean hasFrames;

  HandlerGuard(ClassVisitor next, ClassRewrite rewrite) {
    super(next, rewrite);
  }

  @Override
  public void visit(
      int version,
      int access,
      String name,
      String signature,
      String superName,
      String[] interfaces) {
    hasFrames = (version & 0xFFFF) >= Opcodes.V1_6;
    super.visit(version, access, name, signature, superName, interfaces);
  }

  @Override
  MethodVisitor method(MethodVisitor next, int access, String name) {
    return hasCode(access) ? new Guarding(next) : next;
  }

  /** An exception table entry of the method. */
  private record Entry(Label start, Label end, Label handler, String type) {}

  /** The guard of one handler: its bounds, its exit, and the lock it releases, if any. */
  private static final class Guard {
    final Label handler;
    final Label start = new Label();
    final Label end = new Label();
    final Label exit = new Label();
    /** The local holding the monitor this handler releases, or -1: see {@link Guarding}. */
    int lockLocal = -1;

    Guard(Label handler) {
      this.handler = handler;
    }
  }

  private final class Guarding extends MethodVisitor {
    /** Where each visited label is, counted in instructions. */
    private final Map<Label, Integer> positions = new HashMap<>();
    private final Map<Label, Guard> guards = new LinkedHashMap<>();
    private final List<Entry> entries = new ArrayList<>();
    private boolean entriesEmitted;
    private int position;
    /** Handlers whose label was just visited: the guard goes before the next instruction. */
    private final List<Guard> pending = new ArrayList<>();
    /** Guards whose handler may be a {@code synchronized} release, and how far it matched. */
    private final List<Guard> matching = new ArrayList<>();
    private int matched;
    private int candidateLock;

    Guarding(MethodVisitor next) {
      super(Opcodes.ASM9, next);
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
      Entry entry = new Entry(start, end, handler, type);
      entries.add(entry);
      if (entriesEmitted) {
        // An entry after code: its guard's entry still goes ahead of it.
        if (!guards.containsKey(handler)) {
          emitGuardEntry(guards.computeIfAbsent(handler, Guard::new));
        }
        emit(entry);
      } else {
        guards.computeIfAbsent(handler, Guard::new);
      }
    }

    @Override
    public AnnotationVisitor visitTryCatchAnnotation(
        int typeRef, TypePath typePath, String descriptor, boolean visible) {
      // Entries are reordered, so an annotation could no longer name its entry: dropped.
      return null;
    }

    private void emit(Entry entry) {
      super.visitTryCatchBlock(entry.start, entry.end, entry.handler, entry.type);
    }

    private void emitGuardEntry(Guard guard) {
      super.visitTryCatchBlock(guard.start, guard.end, guard.exit, null);
    }

    /**
     * Emits the guards' entries, then the method's own, before the first label: the earliest
     * place an entry's label can be, and after every entry the reader visits (all of them come
     * before the code). Not at the first instruction: the kill check upstream plants one at the
     * method entry, before the reader's entries reach this visitor.
     */
    private void emitEntries() {
      if (entriesEmitted) {
        return;
      }
      entriesEmitted = true;
      guards.values().forEach(this::emitGuardEntry);
      entries.forEach(this::emit);
    }

    @Override
    public void visitLabel(Label label) {
      emitEntries();
      super.visitLabel(label);
      positions.put(label, position);
      Guard guard = guards.get(label);
      if (guard != null) {
        pending.add(guard);
      }
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
      emitEntries();
      super.visitFrame(type, numLocal, local, numStack, stack);
    }

    @Override
    public void visitLineNumber(int line, Label start) {
      emitEntries();
      super.visitLineNumber(line, start);
    }

    /**
     * Called before every instruction: the handler guard goes after the handler's frame. Also
     * follows the instructions after a guard: javac and other compilers release a {@code
     * synchronized} block's monitor in a catch-all handler that begins {@code astore t; aload
     * lock; monitorexit}.
     */
    private void beforeInstruction(int opcode, int operand) {
      position++;
      if (!pending.isEmpty()) {
        pending.forEach(guard -> super.visitLabel(guard.start));
        GuardCode.caught(mv, rewrite.className);
        pending.forEach(guard -> super.visitLabel(guard.end));
        matching.clear();
        matching.addAll(pending);
        matched = 0;
        pending.clear();
      }
      if (!matching.isEmpty()) {
        follow(opcode, operand);
      }
    }

    private void beforeInstruction() {
      beforeInstruction(-1, -1);
    }

    private void follow(int opcode, int operand) {
      if (matched == 0 && opcode == Opcodes.ASTORE) {
        matched = 1;
      } else if (matched == 1 && opcode == Opcodes.ALOAD) {
        matched = 2;
        candidateLock = operand;
      } else {
        if (matched == 2 && opcode == Opcodes.MONITOREXIT) {
          matching.forEach(guard -> guard.lockLocal = candidateLock);
        }
        matching.clear();
      }
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
      beforeInstruction();
      super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
      beforeInstruction();
      super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
      beforeInstruction();
      super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
      beforeInstruction(opcode, varIndex);
      super.visitVarInsn(opcode, varIndex);
    }

    @Override
    public void visitInsn(int opcode) {
      beforeInstruction(opcode, -1);
      super.visitInsn(opcode);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
      beforeInstruction();
      super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
      beforeInstruction();
      super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
      beforeInstruction();
      super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(
        int opcode, String owner, String name, String descriptor, boolean isInterface) {
      beforeInstruction();
      super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    @Override
    public void visitInvokeDynamicInsn(
        String name, String descriptor, Handle bootstrapMethod, Object... arguments) {
      beforeInstruction();
      super.visitInvokeDynamicInsn(name, descriptor, bootstrapMethod, arguments);
    }

    @Override
    public void visitLdcInsn(Object value) {
      beforeInstruction();
      super.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
      beforeInstruction();
      super.visitIincInsn(varIndex, increment);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
      beforeInstruction();
      super.visitMultiANewArrayInsn(descriptor, numDimensions);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
      emitEntries();
      guards.values().forEach(this::emitExit);
      super.visitMaxs(GuardCode.addStack(maxStack, GuardCode.MAX_EXTRA_STACK), maxLocals);
    }

    /**
     * The exit of one guard: releases, innermost first, the monitor of every {@code
     * synchronized} release handler whose catch-all entry covers the guard, then rethrows.
     */
    private void emitExit(Guard guard) {
      List<Integer> locks = new ArrayList<>();
      Integer at = positions.get(guard.handler);
      for (Entry entry : entries) {
        Guard release = guards.get(entry.handler);
        if (at != null && entry.type == null && release.lockLocal >= 0 && covers(entry, at)
            && !locks.contains(release.lockLocal)) {
          locks.add(release.lockLocal);
        }
      }
      super.visitLabel(guard.exit);
      if (hasFrames) {
        int size = locks.stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        Object[] local = new Object[size];
        Arrays.fill(local, Opcodes.TOP);
        locks.forEach(lock -> local[lock] = "java/lang/Object");
        super.visitFrame(Opcodes.F_FULL, size, local, 1, new Object[] {"java/lang/Throwable"});
      }
      for (int lock : locks) {
        super.visitVarInsn(Opcodes.ALOAD, lock);
        super.visitInsn(Opcodes.MONITOREXIT);
      }
      super.visitInsn(Opcodes.ATHROW);
    }

    private boolean covers(Entry entry, int at) {
      Integer start = positions.get(entry.start);
      Integer end = positions.get(entry.end);
      return start != null && end != null && start <= at && at < end;
    }
  }
}
