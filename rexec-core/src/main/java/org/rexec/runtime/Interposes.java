package org.rexec.runtime;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.rexec.policy.Rule;

/**
 * Marks a shim: a static method that stands in for one JDK member wherever cell code uses it.
 *
 * <p>The interposed member's descriptor is derived from the shim's own signature, so the two
 * cannot drift apart: the last parameter is always the caller's {@link CellContext}; for an
 * instance method the first parameter is the receiver (typed as {@link #owner()}); for a static
 * field read the shim takes only the context and returns the field's type.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Interposes {

  /** The JDK class that declares the interposed member. */
  Class<?> owner() default Void.class;

  /**
   * The internal name of the declaring class, for a class newer than Java 17 that rexec, built
   * for 17, cannot name as {@link #owner()}; the shim only matters on JDKs that have it.
   */
  String ownerName() default "";

  /** The member's name; defaults to the shim method's name. */
  String member() default "";

  /**
   * The first Java release whose JDK has the member, for a member newer than Java 17 of a class
   * that 17 has; the shim only matters on JDKs that have it.
   */
  int since() default 17;

  /**
   * The rule under which the shim refuses every call, whatever its arguments (starting a
   * process, loading native code), or none when the outcome depends on the arguments or the
   * policy is decided at run time. At most one rule: an array only because an annotation
   * member cannot default to null. {@code Cell.check()} lists the calls of such members
   * before anything runs; the shim itself still refuses and records each call that runs.
   */
  Rule[] refuses() default {};

  /** What kind of member is interposed. */
  Kind kind();

  /** The kinds of interposed member. */
  enum Kind {
    /** A static method. */
    STATIC_METHOD,
    /** An instance method reached by a virtual or interface call (dynamic dispatch applies). */
    VIRTUAL_METHOD,
    /** An instance method reached by {@code invokespecial}: a {@code super.m()} call. */
    SPECIAL_METHOD,
    /** A read of a static field. */
    STATIC_FIELD_GET
  }
}
