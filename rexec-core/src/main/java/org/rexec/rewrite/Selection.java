package org.rexec.rewrite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.objectweb.asm.Opcodes;

/**
 * Finds the JDK methods that the JVM selects (JVMS 5.4.6) on an instance of a cell class for a
 * call that resolves elsewhere: to a method of a cell supertype, or of a JDK supertype that the
 * JDK method's own class does not extend or implement. The rewriter judges a call where it
 * resolves, so such a JDK method would run unjudged; the class must route it itself.
 *
 * <p>Selection, as HotSpot does it on JDK 17 to 25: the first method of the class and its
 * superclasses with the signature that is neither private nor static (it is selected even if it
 * is abstract, which throws {@code AbstractMethodError}, or not public, which throws {@code
 * IllegalAccessError} for an interface call, so those run no JDK code); else the one
 * maximally-specific superinterface method that is not abstract, if there is exactly one. A
 * class of the cell that extends a JDK class with a substitute extends the substitute once
 * rewritten, so the substitute's methods are selected before the JDK class's.
 */
final class Selection {

  /**
   * A JDK method that instances of a cell class run for a call resolved elsewhere.
   *
   * @param name the method's name
   * @param descriptor its descriptor
   * @param declaring the JDK class or interface that declares it
   * @param access its access flags
   * @param exposedBy a supertype of the cell class whose method with this signature it
   *     implements: a call that resolves there runs it
   */
  record Inherited(
      String name, String descriptor, TypeInfo declaring, int access, TypeInfo exposedBy) {

    /** Whether it is a default method of an interface (else a method of a superclass). */
    boolean isDefault() {
      return declaring.isInterface();
    }
  }

  private final Resolver resolver;
  private final Interpositions interpositions;

  Selection(Resolver resolver, Interpositions interpositions) {
    this.resolver = resolver;
    this.interpositions = interpositions;
  }

  /**
   * The JDK methods that {@code type}, a class of the cell (or the class the JVM makes for a
   * lambda), runs for calls that resolve elsewhere, in a stable order. Empty for interfaces.
   */
  List<Inherited> inheritedJdkMethods(TypeInfo type) {
    if (type.isInterface()) {
      return List.of();
    }
    List<TypeInfo> chain = rewrittenChain(type);
    // For each signature, the class of the chain that selection meets first.
    Map<String, TypeInfo> firstInChain = new HashMap<>();
    for (TypeInfo current : chain) {
      for (String signature : current.methods().keySet()) {
        if (isSelectable(current, signature)) {
          firstInChain.putIfAbsent(signature, current);
        }
      }
    }
    List<TypeInfo> supertypes = new ArrayList<>(chain.subList(1, chain.size()));
    supertypes.addAll(resolver.superinterfaces(type));
    // Every signature a call could resolve to on a supertype, with the supertypes declaring it;
    // sorted, so that the bridges and refusals of a class come in the same order in every JVM.
    Map<String, List<TypeInfo>> declarers = new TreeMap<>();
    for (TypeInfo supertype : supertypes) {
      for (String signature : supertype.methods().keySet()) {
        if (isSelectable(supertype, signature)) {
          declarers.computeIfAbsent(signature, key -> new ArrayList<>()).add(supertype);
        }
      }
    }
    List<Inherited> inherited = new ArrayList<>();
    for (Map.Entry<String, List<TypeInfo>> entry : declarers.entrySet()) {
      String name = methodName(entry.getKey());
      String descriptor = methodDescriptor(entry.getKey());
      TypeInfo selected =
          select(type, firstInChain.get(entry.getKey()), entry.getValue(), name, descriptor);
      if (selected == null || selected.inCell() || Packages.isRexec(selected.name())) {
        continue;
      }
      for (TypeInfo declarer : entry.getValue()) {
        if (!resolver.isSubtype(selected, declarer.name())) {
          inherited.add(
              new Inherited(
                  name, descriptor, selected, selected.methodAccess(name, descriptor), declarer));
          break;
        }
      }
    }
    return inherited;
  }

  /**
   * The class that declares the method selected for {@code name + descriptor}, or null where
   * the JVM throws instead of running a method of the JDK, or selects none.
   *
   * @param inChain the first class of the chain that declares it selectable, or null
   * @param declarers the supertypes that declare it selectable
   */
  private TypeInfo select(
      TypeInfo type, TypeInfo inChain, List<TypeInfo> declarers, String name, String descriptor) {
    if (inChain != null) {
      int access = inChain.methodAccess(name, descriptor);
      boolean throwsInstead =
          (access & Opcodes.ACC_ABSTRACT) != 0 || (access & Opcodes.ACC_PUBLIC) == 0;
      // A JDK method that is abstract or not public is selected, and the call throws.
      return inChain.inCell() || !throwsInstead ? inChain : null;
    }
    boolean jdkDefault = false;
    for (TypeInfo declarer : declarers) {
      jdkDefault |=
          declarer.isInterface()
              && !declarer.inCell()
              && (declarer.methodAccess(name, descriptor) & Opcodes.ACC_ABSTRACT) == 0;
    }
    if (!jdkDefault) {
      return null; // Whatever is selected, no JDK code runs.
    }
    TypeInfo found = null;
    for (TypeInfo candidate : resolver.maximallySpecific(type, name, descriptor)) {
      if ((candidate.methodAccess(name, descriptor) & Opcodes.ACC_ABSTRACT) == 0) {
        if (found != null) {
          return null; // Two defaults: IncompatibleClassChangeError.
        }
        found = candidate;
      }
    }
    return found;
  }

  private static boolean isSelectable(TypeInfo type, String signature) {
    return !signature.startsWith("<")
        && type.declaresSelectable(methodName(signature), methodDescriptor(signature));
  }

  /** The class and its superclasses as the JVM will see them: substitutes in place. */
  private List<TypeInfo> rewrittenChain(TypeInfo type) {
    List<TypeInfo> chain = new ArrayList<>();
    for (TypeInfo current : resolver.classChain(type)) {
      Class<?> substitute =
          current.inCell() ? null : interpositions.substituteClass(current.name());
      if (substitute != null && !chain.isEmpty() && chain.get(chain.size() - 1).inCell()) {
        // Only a cell class's superclass is renamed to the substitute.
        Optional<TypeInfo> described = JdkTypes.substitute(substitute);
        described.ifPresent(chain::add);
      }
      chain.add(current);
    }
    return chain;
  }

  private static String methodName(String signature) {
    return signature.substring(0, signature.indexOf('('));
  }

  private static String methodDescriptor(String signature) {
    return signature.substring(signature.indexOf('('));
  }
}
