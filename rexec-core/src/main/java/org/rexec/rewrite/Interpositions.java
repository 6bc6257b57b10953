package org.rexec.rewrite;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.rexec.bug.RexecBugException;
import org.rexec.policy.Rule;
import org.rexec.runtime.CellContext;
import org.rexec.runtime.Interposes;
import org.rexec.runtime.RedirectsConstructor;
import org.rexec.runtime.Substitutes;
import org.rexec.runtime.Shims;

/**
 * The table of interposed JDK members and their shims, read from the {@link Interposes}
 * annotations of the runtime's shim classes. Interposition takes precedence over the
 * allow-list: an interposed member always reaches its shim.
 */
final class Interpositions {

  /**
   * What the rewriter emits for an interposed member.
   *
   * @param owner the runtime class to call
   * @param name the method to call ({@code <init>} for a substitute's constructor)
   * @param descriptor its descriptor
   * @param form how the call replaces the original instruction
   * @param target for a redirect: the descriptor of the JDK constructor called instead
   * @param refuses the rule under which the shim refuses every call ({@link Interposes#refuses}),
   *     or {@code null}
   */
  record Shim(
      String owner, String name, String descriptor, Form form, String target, Rule refuses) {
    Shim(String owner, String name, String descriptor, Form form, String target) {
      this(owner, name, descriptor, form, target, null);
    }
  }

  /** How a shim takes the place of the original instruction. */
  enum Form {
    /** A static call to the shim replaces the instruction. */
    CALL,
    /** The constructor of a substitute class (the {@code new} names it too). */
    SUBSTITUTE,
    /** The shim maps the first argument; another constructor of the JDK class is called. */
    REDIRECT_FIRST,
    /** As {@link #REDIRECT_FIRST}, with {@code false} inserted as the second argument. */
    REDIRECT_FIRST_INSERT_FALSE,
    /** The shim maps all arguments into the one argument of another constructor. */
    REDIRECT_ALL,
    /**
     * The shim maps all arguments into an {@code Object[]} of the arguments of another
     * constructor (references only), which the rewriter spreads onto the stack.
     */
    REDIRECT_SPREAD
  }

  /** An interposed JDK member and how it is reached. */
  record Member(Interposes.Kind kind, String owner, String name, String descriptor) {}

  // Static because it is derived from the runtime's annotations, constant for the JVM's life.
  static final Interpositions INSTANCE = read();

  private static final String CONTEXT_DESCRIPTOR = Type.getDescriptor(CellContext.class);

  private final Map<Member, Shim> shims;
  private final Map<String, Class<?>> substitutes;

  private Interpositions(Map<Member, Shim> shims, Map<String, Class<?>> substitutes) {
    this.shims = Map.copyOf(shims);
    this.substitutes = Map.copyOf(substitutes);
  }

  /** Whether any overload or kind of {@code owner}'s member {@code name} is interposed. */
  boolean interposesAny(String owner, String name) {
    return shims.keySet().stream()
        .anyMatch(member -> member.owner().equals(owner) && member.name().equals(name));
  }

  /** The runtime class that stands in for a JDK class cell code creates or extends, or null. */
  String substituteFor(String jdkClass) {
    Class<?> substitute = substitutes.get(jdkClass);
    return substitute == null ? null : Type.getInternalName(substitute);
  }

  /** The runtime class that stands in for a JDK class, or null: for method selection. */
  Class<?> substituteClass(String jdkClass) {
    return substitutes.get(jdkClass);
  }

  /**
   * What a constructor call becomes: a substitute's constructor, a redirect, or null. A
   * substituted class's constructor that the substitute does not mirror has no shim; the
   * caller refuses it.
   */
  Shim forConstructor(String declaringClass, String descriptor) {
    return shims.get(new Member(Interposes.Kind.STATIC_METHOD, declaringClass, "<init>", descriptor));
  }

  /**
   * The shim for a method call with {@code opcode}, or {@code null}. A {@code super} call
   * ({@code invokespecial}) uses a dedicated shim where one exists, else the virtual one.
   */
  Shim forMethod(int opcode, String declaringClass, String name, String descriptor) {
    switch (opcode) {
      case Opcodes.INVOKESTATIC:
        return find(Interposes.Kind.STATIC_METHOD, declaringClass, name, descriptor);
      case Opcodes.INVOKESPECIAL:
        Shim special = find(Interposes.Kind.SPECIAL_METHOD, declaringClass, name, descriptor);
        return special != null
            ? special
            : find(Interposes.Kind.VIRTUAL_METHOD, declaringClass, name, descriptor);
      default:
        return find(Interposes.Kind.VIRTUAL_METHOD, declaringClass, name, descriptor);
    }
  }

  /** The shim for a {@code getstatic} of the field, or {@code null}. */
  Shim forStaticFieldRead(String declaringClass, String name, String descriptor) {
    return find(Interposes.Kind.STATIC_FIELD_GET, declaringClass, name, descriptor);
  }

  private Shim find(Interposes.Kind kind, String owner, String name, String descriptor) {
    return shims.get(new Member(kind, owner, name, descriptor));
  }

  private static Interpositions read() {
    Map<Member, Shim> shims = new HashMap<>();
    Map<String, Class<?>> substitutes = new HashMap<>();
    for (Class<?> substitute : Shims.SUBSTITUTES) {
      readSubstitute(substitute, shims, substitutes);
    }
    for (Class<?> shimClass : Shims.CLASSES) {
      for (Method method : shimClass.getDeclaredMethods()) {
        RedirectsConstructor redirect = method.getAnnotation(RedirectsConstructor.class);
        if (redirect != null) {
          put(shims, constructorKey(redirect.owner(), redirect.from()), redirectShim(method, redirect));
        }
        Interposes interposes = method.getAnnotation(Interposes.class);
        if (interposes == null) {
          continue;
        }
        put(
            shims,
            interposedMember(method, interposes),
            new Shim(
                Type.getInternalName(shimClass),
                method.getName(),
                Type.getMethodDescriptor(method),
                Form.CALL,
                null,
                refusingRule(method, interposes)));
      }
    }
    return new Interpositions(shims, substitutes);
  }

  /** The one rule under which {@code method} refuses every call, or {@code null}. */
  private static Rule refusingRule(Method method, Interposes interposes) {
    Rule[] rules = interposes.refuses();
    if (rules.length > 1) {
      throw new RexecBugException(
          "a shim refuses under one rule, " + method + " names " + rules.length);
    }
    return rules.length == 0 ? null : rules[0];
  }

  private static void put(Map<Member, Shim> shims, Member key, Shim shim) {
    if (shims.put(key, shim) != null) {
      throw new RexecBugException("two shims for " + key);
    }
  }

  /** Constructors are keyed as static methods named {@code <init>} returning void. */
  private static Member constructorKey(Class<?> owner, Class<?>[] parameters) {
    return new Member(
        Interposes.Kind.STATIC_METHOD,
        Type.getInternalName(owner),
        "<init>",
        descriptor(parameters, void.class));
  }

  private static void readSubstitute(
      Class<?> substitute, Map<Member, Shim> shims, Map<String, Class<?>> substitutes) {
    Substitutes annotation = substitute.getAnnotation(Substitutes.class);
    boolean wellFormed =
        annotation != null
            && Modifier.isPublic(substitute.getModifiers())
            && !Modifier.isFinal(substitute.getModifiers())
            && substitute.getSuperclass() == annotation.value();
    if (!wellFormed) {
      throw new RexecBugException(
          substitute + " must be a public, non-final direct subclass of what it @Substitutes");
    }
    String substituteName = Type.getInternalName(substitute);
    substitutes.put(Type.getInternalName(annotation.value()), substitute);
    for (Constructor<?> constructor : substitute.getConstructors()) {
      Class<?>[] parameters = constructor.getParameterTypes();
      if (parameters.length == 0 || parameters[parameters.length - 1] != CellContext.class) {
        throw new RexecBugException(constructor + " must take the CellContext last");
      }
      Class<?>[] mirrored = Arrays.copyOf(parameters, parameters.length - 1);
      put(shims, constructorKey(annotation.value(), mirrored),
          new Shim(substituteName, "<init>", Type.getConstructorDescriptor(constructor),
              Form.SUBSTITUTE, null));
    }
  }

  private static Shim redirectShim(Method shim, RedirectsConstructor redirect) {
    Class<?>[] parameters = shim.getParameterTypes();
    Class<?>[] from = redirect.from();
    Class<?>[] to = redirect.to();
    int mapped = parameters.length - 1;
    Form form;
    if (mapped == from.length && shim.getReturnType() == Object[].class) {
      return spreadShim(shim, redirect);
    } else if (mapped == from.length && to.length == 1) {
      form = Form.REDIRECT_ALL;
    } else if (mapped == 1 && to.length == from.length) {
      form = Form.REDIRECT_FIRST;
    } else if (mapped == 1 && to.length == from.length + 1 && to[1] == boolean.class) {
      form = Form.REDIRECT_FIRST_INSERT_FALSE;
    } else {
      throw new RexecBugException("redirect " + shim + " maps neither one nor all arguments");
    }
    boolean wellFormed =
        Modifier.isStatic(shim.getModifiers())
            && parameters[mapped] == CellContext.class
            && Arrays.equals(Arrays.copyOf(parameters, mapped), Arrays.copyOf(from, mapped))
            && shim.getReturnType() == to[0]
            && from.length <= 3
            && Arrays.stream(from).noneMatch(type -> type == long.class || type == double.class);
    if (!wellFormed) {
      throw new RexecBugException("redirect " + shim + " does not fit its annotation");
    }
    return new Shim(
        Type.getInternalName(shim.getDeclaringClass()),
        shim.getName(),
        Type.getMethodDescriptor(shim),
        form,
        descriptor(to, void.class));
  }

  private static Shim spreadShim(Method shim, RedirectsConstructor redirect) {
    Class<?>[] parameters = shim.getParameterTypes();
    int mapped = parameters.length - 1;
    boolean wellFormed =
        Modifier.isStatic(shim.getModifiers())
            && parameters[mapped] == CellContext.class
            && Arrays.equals(Arrays.copyOf(parameters, mapped), redirect.from())
            && redirect.to().length > 0
            && redirect.to().length <= 6 // iconst_0 to iconst_5
            && redirect.to().length + 1 - slots(redirect.from()) <= 3 // see Interposer.spread
            && Arrays.stream(redirect.to()).noneMatch(Class::isPrimitive);
    if (!wellFormed) {
      throw new RexecBugException("spreading redirect " + shim + " does not fit its annotation");
    }
    return new Shim(
        Type.getInternalName(shim.getDeclaringClass()),
        shim.getName(),
        Type.getMethodDescriptor(shim),
        Form.REDIRECT_SPREAD,
        descriptor(redirect.to(), void.class));
  }

  private static int slots(Class<?>[] types) {
    return Arrays.stream(types).mapToInt(type -> Type.getType(type).getSize()).sum();
  }

  /** The JDK member a shim stands in for, derived from the shim's signature. */
  private static Member interposedMember(Method shim, Interposes interposes) {
    Class<?>[] parameters = shim.getParameterTypes();
    boolean wellFormed =
        Modifier.isStatic(shim.getModifiers())
            && Modifier.isPublic(shim.getModifiers())
            && parameters.length > 0
            && parameters[parameters.length - 1] == CellContext.class;
    if (!wellFormed) {
      throw new RexecBugException(
          "shim " + shim + " must be public static and take the CellContext last");
    }
    String owner =
        interposes.ownerName().isEmpty()
            ? Type.getInternalName(interposes.owner())
            : interposes.ownerName();
    String name = interposes.member().isEmpty() ? shim.getName() : interposes.member();
    Class<?>[] withoutContext = Arrays.copyOf(parameters, parameters.length - 1);
    switch (interposes.kind()) {
      case STATIC_FIELD_GET:
        if (withoutContext.length != 0) {
          throw new RexecBugException("field shim " + shim + " takes only the context");
        }
        return new Member(
            interposes.kind(), owner, name, Type.getDescriptor(shim.getReturnType()));
      case STATIC_METHOD:
        return new Member(
            interposes.kind(), owner, name, descriptor(withoutContext, shim.getReturnType()));
      case VIRTUAL_METHOD:
      case SPECIAL_METHOD:
        if (withoutContext.length == 0
            || !Type.getInternalName(withoutContext[0]).equals(owner)) {
          throw new RexecBugException("instance shim " + shim + " must take the receiver first");
        }
        Class<?>[] arguments = Arrays.copyOfRange(withoutContext, 1, withoutContext.length);
        return new Member(
            interposes.kind(), owner, name, descriptor(arguments, shim.getReturnType()));
      default:
        throw new RexecBugException("unknown kind " + interposes.kind());
    }
  }

  private static String descriptor(Class<?>[] parameters, Class<?> returnType) {
    Type[] types = Arrays.stream(parameters).map(Type::getType).toArray(Type[]::new);
    return Type.getMethodDescriptor(Type.getType(returnType), types);
  }

  /** Every interposed member, for tests. */
  Set<Member> interposedMembers() {
    return shims.keySet();
  }
}
