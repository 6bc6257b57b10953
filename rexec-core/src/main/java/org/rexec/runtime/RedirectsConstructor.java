package org.rexec.runtime;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a shim that maps the arguments of a JDK constructor that opens a file to those of
 * another constructor of the same class: {@code new Scanner(file)} becomes
 * {@code new Scanner(theCellsStream)}. Works for {@code super(...)} calls too, and keeps the
 * object's class exactly the JDK's.
 *
 * <p>The shim takes the mapped arguments and the caller's {@link CellContext} and returns the
 * first argument of {@link #to()}: either it maps the first argument alone (the others pass
 * through unchanged, and a {@code boolean false} is inserted second when {@link #to()} asks for
 * one more parameter), or it maps all of them into the single parameter of {@link #to()}. A
 * shim returning {@code Object[]} maps all of them into the arguments of {@link #to()} (all
 * references), which the rewriter spreads: {@code new URL(spec)} becomes {@code new URL(null,
 * spec, theCellsHandler)}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RedirectsConstructor {

  /** The class whose constructor is redirected. */
  Class<?> owner();

  /** The parameters of the constructor the cell calls. */
  Class<?>[] from();

  /** The parameters of the constructor called instead. */
  Class<?>[] to();
}
