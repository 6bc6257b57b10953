package org.rexec.rewrite;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Resolves member references the way the JVM will (JVMS 5.4.3.2 to 5.4.3.4), across the cell's
 * classes and the JDK's, to find the class that declares the member.
 *
 * <p>One resolver serves one class's rewrite and records the cell classes it consulted: the
 * rewrite depends on them, and a cached rewrite is reused only where they are the same.
 */
final class Resolver {

  /** Where a reference resolved. */
  enum Origin {
    /** Declared by a class of the cell: the cell's own code. */
    CELL,
    /** Declared by a JDK class. */
    JDK,
    /** The owner class exists nowhere: the JVM will throw {@code NoClassDefFoundError}. */
    NO_CLASS,
    /** The owner exists but declares or inherits no such member. */
    NO_MEMBER
  }

  /**
   * The outcome of resolving one reference.
   *
   * @param declaringClass the internal name of the declaring class, or of the owner if
   *     unresolved
   */
  record Resolution(Origin origin, String declaringClass) {}

  private static final String OBJECT = "java/lang/Object";

  private final CellClasses cellClasses;
  private final Map<String, String> dependencies = new TreeMap<>();

  Resolver(CellClasses cellClasses) {
    this.cellClasses = cellClasses;
  }

  /** The cell classes consulted so far, with their hashes ({@code null}: absent). */
  Map<String, String> dependencies() {
    return dependencies;
  }

  /** The class with this internal name: the cell's if it has one, else the JDK's. */
  Optional<TypeInfo> type(String internalName) {
    if (!Packages.isReserved(internalName)) {
      Optional<TypeInfo> cellType = cellClasses.find(internalName);
      dependencies.put(internalName, cellClasses.classPath().classHash(internalName));
      if (cellType.isPresent()) {
        return cellType;
      }
    }
    return JdkTypes.find(internalName);
  }

  /**
   * Whether the class {@code internalName} is {@code ancestor} or a subclass of it, as far as
   * the cell's classes and the JDK's tell (a hostile class file may loop; the walk is bounded).
   */
  boolean isSubclass(String internalName, String ancestor) {
    String current = internalName;
    for (int depth = 0; current != null && depth < 256; depth++) {
      if (current.equals(ancestor)) {
        return true;
      }
      current = type(current).map(TypeInfo::superName).orElse(null);
    }
    return false;
  }

  /** Resolves a method reference; {@code owner} is never an array type here. */
  Resolution resolveMethod(String owner, String name, String descriptor) {
    Optional<TypeInfo> ownerType = type(owner);
    if (ownerType.isEmpty()) {
      return new Resolution(Origin.NO_CLASS, owner);
    }
    TypeInfo start = ownerType.get();
    if ("<init>".equals(name)) {
      // Constructors are never inherited: invokespecial must name the declaring class.
      return start.declaresMethod(name, descriptor)
          ? found(start)
          : new Resolution(Origin.NO_MEMBER, owner);
    }
    // Step 1: the class and its superclasses (for an interface: itself, then Object).
    if (start.isInterface()) {
      if (start.declaresMethod(name, descriptor)) {
        return found(start);
      }
      Optional<TypeInfo> object = type(OBJECT);
      if (object.isPresent() && object.get().declaresMethod(name, descriptor)) {
        return found(object.get());
      }
    } else {
      for (TypeInfo current = start; current != null; current = superclass(current)) {
        if (current.declaresMethod(name, descriptor)) {
          return found(current);
        }
      }
    }
    // Step 2: the superinterfaces, breadth first. The JVM picks a maximally-specific one; any
    // declaration found is judged, and when several exist the closest is as good as any for
    // the allow-list because interface members are judged by their declaring interface.
    for (TypeInfo candidate : superinterfaces(start)) {
      if (candidate.declaresMethod(name, descriptor)) {
        return found(candidate);
      }
    }
    return new Resolution(Origin.NO_MEMBER, owner);
  }

  /** Resolves a field reference (JVMS 5.4.3.2). */
  Resolution resolveField(String owner, String name, String descriptor) {
    Optional<TypeInfo> ownerType = type(owner);
    if (ownerType.isEmpty()) {
      return new Resolution(Origin.NO_CLASS, owner);
    }
    for (TypeInfo current = ownerType.get(); current != null; current = superclass(current)) {
      if (current.declaresField(name, descriptor)) {
        return found(current);
      }
      for (TypeInfo candidate : superinterfaces(current)) {
        if (candidate.declaresField(name, descriptor)) {
          return found(candidate);
        }
      }
    }
    return new Resolution(Origin.NO_MEMBER, owner);
  }

  private static Resolution found(TypeInfo declaring) {
    return new Resolution(declaring.inCell() ? Origin.CELL : Origin.JDK, declaring.name());
  }

  private TypeInfo superclass(TypeInfo type) {
    return type.superName() == null ? null : type(type.superName()).orElse(null);
  }

  /** All superinterfaces of {@code type} and of its superclasses, breadth first. */
  private List<TypeInfo> superinterfaces(TypeInfo type) {
    Set<String> seen = new HashSet<>();
    Deque<TypeInfo> queue = new ArrayDeque<>();
    List<TypeInfo> ordered = new ArrayList<>();
    for (TypeInfo current = type; current != null; current = superclass(current)) {
      queue.add(current);
    }
    while (!queue.isEmpty()) {
      TypeInfo next = queue.poll();
      for (String name : next.interfaces()) {
        if (seen.add(name)) {
          type(name).ifPresent(
              found -> {
                ordered.add(found);
                queue.add(found);
              });
        }
      }
    }
    return ordered;
  }
}
