package org.rexec.rewrite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
    List<TypeInfo> supertypes = new ArrayList<>(chain.subList(1, chain.size()));
    supertypes.addAll(resolver.superinterfaces(type));
    // The signatures for which the JVM may select a JDK method: one that a JDK class of the
    // chain declares first, public and concrete, or a default of a JDK interface. Sorted, so
    // that the bridges and refusals of a class come in the same order in every JVM.
    Set<String> candidates = new TreeSet<>();
    for (TypeInfo supertype : supertypes) {
      for (Map.Entry<String, Integer> method : supertype.methods().entrySet()) {
        if (!isSelectable(method)) {
          continue;
        }
        TypeInfo first = firstInChain(chain, method.getKey());
        boolean jdkInChain = first != null && runsJdkCode(first, first.access(method.getKey()));
        boolean jdkDefault =
            first == null
                && supertype.isInterface()
                && !supertype.inCell()
                && (method.getValue() & Opcodes.ACC_ABSTRACT) == 0;
        if (jdkInChain || jdkDefault) {
          candidates.add(method.getKey());
        }
      }
    }
    List<Inherited> inherited = new ArrayList<>();
    for (String signature : candidates) {
      String name = signature.substring(0, signature.indexOf('('));
      String descriptor = signature.substring(signature.indexOf('('));
      TypeInfo first = firstInChain(chain, signature);
      TypeInfo selected = first != null ? first : selectDefault(type, name, descriptor);
      if (selected == null || selected.inCell()) {
        continue;
      }
      for (TypeInfo declarer : supertypes) {
        if (TypeInfo.isSelectable(declarer.access(signature))
            && !resolver.isSubtype(selected, declarer.name())) {
          inherited.add(
              new Inherited(name, descriptor, selected, selected.access(signature), declarer));
          break;
        }
      }
    }
    return inherited;
  }

  /** The class of the chain whose method selection meets first, or null. */
  private static TypeInfo firstInChain(List<TypeInfo> chain, String signature) {
    for (TypeInfo current : chain) {
      if (TypeInfo.isSelectable(current.access(signature))) {
        return current;
      }
    }
    return null;
  }

  /**
   * Whether selection that meets {@code declaring}'s method first runs JDK code: the JDK's, public
   * and concrete. An abstract one throws {@code AbstractMethodError}, one that is not public
   * {@code IllegalAccessError} for an interface call; rexec's substitutes are trusted.
   */
  private static boolean runsJdkCode(TypeInfo declaring, int access) {
    return !declaring.inCell()
        && !Packages.isRexec(declaring.name())
        && (access & Opcodes.ACC_ABSTRACT) == 0
        && (access & Opcodes.ACC_PUBLIC) != 0;
  }

  /**
   * The default method selected where no class of the chain declares the method: the one
   * maximally-specific superinterface method that is not abstract, or null (none, or two, which
   * throws {@code IncompatibleClassChangeError}).
   */
  private TypeInfo selectDefault(TypeInfo type, String name, String descriptor) {
    TypeInfo found = null;
    for (TypeInfo candidate : resolver.maximallySpecific(type, name, descriptor)) {
      if ((candidate.methodAccess(name, descriptor) & Opcodes.ACC_ABSTRACT) == 0) {
        if (found != null) {
          return null;
        }
        found = candidate;
      }
    }
    return found;
  }

  private static boolean isSelectable(Map.Entry<String, Integer> method) {
    return !method.getKey().startsWith("<") && TypeInfo.isSelectable(method.getValue());
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
}
