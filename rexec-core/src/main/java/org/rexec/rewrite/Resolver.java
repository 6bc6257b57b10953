package org.rexec.rewrite;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.objectweb.asm.Opcodes;

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
  // By identity: a type is the same object for the whole rewrite (the cell's and the JDK's
  // descriptions are cached), and a lambda's class is described anew for each call site.
  private final Map<TypeInfo, List<TypeInfo>> superinterfaces = new IdentityHashMap<>();
  private final Map<TypeInfo, Set<String>> supertypeNames = new IdentityHashMap<>();

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

  /**
   * Whether a chain of supertypes (superclasses and superinterfaces, as the JVM loads them one
   * inside the other) above the class {@code internalName} is longer than {@code max}. A chain
   * that comes back to a class it holds ends there. Each type is looked at once, and no chain
   * is followed further than {@code max + 1}, so neither the time nor the stack this takes
   * depends on how deep a hostile hierarchy is.
   */
  boolean hasSupertypesDeeperThan(String internalName, int max) {
    return new Heights().height(internalName, max + 1) > max;
  }

  /** Heights of supertype chains for one question, each type's computed once. */
  private final class Heights {
    private final Map<String, Integer> exact = new HashMap<>();
    private final Map<String, Integer> atLeast = new HashMap<>();
    private final Set<String> open = new HashSet<>();

    /** The length of the longest chain of supertypes above {@code name}, or {@code cap}. */
    int height(String name, int cap) {
      Integer known = exact.get(name);
      if (known != null) {
        return Math.min(known, cap);
      }
      if (atLeast.getOrDefault(name, 0) >= cap) {
        return cap;
      }
      Optional<TypeInfo> type = type(name);
      if (type.isEmpty() || !open.add(name)) {
        return 0;
      }
      int height = 0;
      List<String> supertypes = new ArrayList<>(type.get().interfaces());
      if (type.get().superName() != null) {
        supertypes.add(type.get().superName());
      }
      for (String supertype : supertypes) {
        if (height >= cap) {
          break;
        }
        height = Math.max(height, cap == 1 ? 1 : 1 + height(supertype, cap - 1));
      }
      open.remove(name);
      if (height < cap) {
        exact.put(name, height);
      } else {
        atLeast.merge(name, height, Math::max);
      }
      return Math.min(height, cap);
    }
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
    // Step 1: the class and its superclasses (for an interface: itself, then Object's public
    // instance methods).
    if (start.isInterface()) {
      if (start.declaresMethod(name, descriptor)) {
        return found(start);
      }
      Optional<TypeInfo> object = type(OBJECT);
      int access =
          object.map(o -> o.methodAccess(name, descriptor)).orElse(TypeInfo.NOT_DECLARED);
      if (access != TypeInfo.NOT_DECLARED
          && (access & Opcodes.ACC_PUBLIC) != 0
          && (access & Opcodes.ACC_STATIC) == 0) {
        return found(object.get());
      }
    } else {
      for (TypeInfo current : classChain(start)) {
        if (current.declaresMethod(name, descriptor)) {
          return found(current);
        }
      }
    }
    // Step 2: the maximally-specific superinterface methods. If exactly one is not abstract, the
    // JVM picks it; otherwise it picks one of them arbitrarily. Then a JDK one is judged if there
    // is one, so that whichever the JVM picks, no JDK method is reached unjudged.
    List<TypeInfo> candidates = maximallySpecific(start, name, descriptor);
    List<TypeInfo> concrete =
        candidates.stream()
            .filter(c -> (c.methodAccess(name, descriptor) & Opcodes.ACC_ABSTRACT) == 0)
            .toList();
    if (concrete.size() == 1) {
      return found(concrete.get(0));
    }
    for (TypeInfo candidate : candidates) {
      if (!candidate.inCell()) {
        return found(candidate);
      }
    }
    return candidates.isEmpty()
        ? new Resolution(Origin.NO_MEMBER, owner)
        : found(candidates.get(0));
  }

  /**
   * The maximally-specific superinterface methods of {@code type} (JVMS 5.4.3.3): the
   * superinterfaces, direct or not, that declare the method neither private nor static, less
   * those of them that another of them extends.
   */
  List<TypeInfo> maximallySpecific(TypeInfo type, String name, String descriptor) {
    List<TypeInfo> declaring = new ArrayList<>();
    for (TypeInfo candidate : superinterfaces(type)) {
      if (candidate.declaresSelectable(name, descriptor)) {
        declaring.add(candidate);
      }
    }
    if (declaring.size() < 2) {
      return declaring;
    }
    // Linear in the declarations: mark what each of them extends, keep what none extends.
    Set<String> extended = new HashSet<>();
    for (TypeInfo candidate : declaring) {
      for (TypeInfo superinterface : superinterfaces(candidate)) {
        extended.add(superinterface.name());
      }
    }
    List<TypeInfo> specific = new ArrayList<>();
    for (TypeInfo candidate : declaring) {
      if (!extended.contains(candidate.name())) {
        specific.add(candidate);
      }
    }
    return specific;
  }

  /** Whether {@code type} is {@code supertype} or extends or implements it, directly or not. */
  boolean isSubtype(TypeInfo type, String supertype) {
    return supertypeNames.computeIfAbsent(type, this::collectSupertypeNames).contains(supertype);
  }

  private Set<String> collectSupertypeNames(TypeInfo type) {
    Set<String> names = new HashSet<>();
    for (TypeInfo current : classChain(type)) {
      names.add(current.name());
    }
    for (TypeInfo superinterface : superinterfaces(type)) {
      names.add(superinterface.name());
    }
    return names;
  }

  /** Resolves a field reference (JVMS 5.4.3.2). */
  Resolution resolveField(String owner, String name, String descriptor) {
    Optional<TypeInfo> ownerType = type(owner);
    if (ownerType.isEmpty()) {
      return new Resolution(Origin.NO_CLASS, owner);
    }
    for (TypeInfo current : classChain(ownerType.get())) {
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

  /**
   * {@code type} and its superclasses, nearest first, as far as they exist. A circular chain
   * (hand-made class files; the JVM refuses them with {@code ClassCircularityError}) ends where
   * it would repeat.
   */
  List<TypeInfo> classChain(TypeInfo type) {
    List<TypeInfo> chain = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (TypeInfo current = type;
        current != null && seen.add(current.name());
        current = superclass(current)) {
      chain.add(current);
    }
    return chain;
  }

  private TypeInfo superclass(TypeInfo type) {
    return type.superName() == null ? null : type(type.superName()).orElse(null);
  }

  /**
   * All superinterfaces of {@code type} and of its superclasses, breadth first. Remembered for
   * the rewrite of one class: its hierarchy is judged many times, and a hostile one is wide.
   */
  List<TypeInfo> superinterfaces(TypeInfo type) {
    return superinterfaces.computeIfAbsent(type, this::collectSuperinterfaces);
  }

  private List<TypeInfo> collectSuperinterfaces(TypeInfo type) {
    Set<String> seen = new HashSet<>();
    Deque<TypeInfo> queue = new ArrayDeque<>();
    List<TypeInfo> ordered = new ArrayList<>();
    for (TypeInfo current : classChain(type)) {
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
    return List.copyOf(ordered);
  }
}
