package org.rexec.rewrite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The classes of one cell, described from their class files (never by loading them), for
 * member resolution. One per cell; thread-safe.
 */
public final class CellClasses {

  private final CellClassPath classPath;
  private final ConcurrentMap<String, Optional<TypeInfo>> types = new ConcurrentHashMap<>();

  public CellClasses(CellClassPath classPath) {
    this.classPath = classPath;
  }

  CellClassPath classPath() {
    return classPath;
  }

  /** Whether the cell has a class with this internal name. */
  boolean contains(String internalName) {
    return !Packages.isReserved(internalName) && classPath.classBytes(internalName) != null;
  }

  /** The cell's class with this internal name, or empty. Malformed classes are empty too. */
  Optional<TypeInfo> find(String internalName) {
    return types.computeIfAbsent(internalName, this::describe);
  }

  private Optional<TypeInfo> describe(String internalName) {
    if (Packages.isReserved(internalName)) {
      return Optional.empty();
    }
    byte[] bytes = classPath.classBytes(internalName);
    if (bytes == null) {
      return Optional.empty();
    }
    try {
      Collector collector = new Collector();
      new ClassReader(bytes)
          .accept(collector, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
      if (!internalName.equals(collector.name)) {
        return Optional.empty();
      }
      return Optional.of(collector.toTypeInfo());
    } catch (RuntimeException malformed) {
      // The class itself is refused when it is loaded; for resolution it does not exist.
      return Optional.empty();
    }
  }

  private static final class Collector extends ClassVisitor {
    String name;
    String superName;
    List<String> interfaces = new ArrayList<>();
    boolean isInterface;
    boolean isPublic;
    final Map<String, Integer> methods = new HashMap<>();
    final Set<String> fields = new HashSet<>();

    Collector() {
      super(Opcodes.ASM9);
    }

    @Override
    public void visit(
        int version,
        int access,
        String name,
        String signature,
        String superName,
        String[] interfaces) {
      this.name = name;
      this.superName = superName;
      this.interfaces = interfaces == null ? List.of() : List.of(interfaces);
      this.isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
      this.isPublic = (access & Opcodes.ACC_PUBLIC) != 0;
    }

    @Override
    public FieldVisitor visitField(
        int access, String name, String descriptor, String signature, Object value) {
      fields.add(name + ":" + descriptor);
      return null;
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      // A duplicate makes the class malformed; the JVM refuses it when it is defined.
      methods.putIfAbsent(name + descriptor, access);
      return null;
    }

    TypeInfo toTypeInfo() {
      return new TypeInfo(
          name, superName, interfaces, isInterface, isPublic, true, Map.copyOf(methods), Set.copyOf(fields));
    }
  }
}
