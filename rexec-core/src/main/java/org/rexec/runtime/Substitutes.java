package org.rexec.runtime;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a runtime class that stands in for a JDK class wherever cell code creates or extends
 * it: {@code new FileInputStream(name)} creates the substitute, and a cell's
 * {@code class Mine extends FileInputStream} extends the substitute. The substitute is a
 * subclass of the JDK class, so objects keep their type; it must be public and not final, and
 * mirror each constructor it supports with the caller's {@link CellContext} added last.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Substitutes {

  /** The JDK class stood in for. */
  Class<?> value();
}
