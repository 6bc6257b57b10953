package org.rexec.runtime;

import java.lang.module.ModuleDescriptor;
import org.rexec.fs.StackTraces;
import org.rexec.fs.VisibleClasses;

/**
 * The {@code ClassCastException}s of cell code, worded as HotSpot words them, but naming the
 * classes the cell sees (see {@link VisibleClasses}) and the cell's loader as the application
 * loader of a plain JVM: the JVM's own message would name rexec's classes and its loader.
 */
final class CastFailures {

  private CastFailures() {}

  /** A failed {@code checkcast} of {@code value} to {@code target}. */
  static ClassCastException checkcast(Object value, Class<?> target) {
    Class<?> caster = VisibleClasses.of(value.getClass());
    Class<?> visibleTarget = VisibleClasses.of(target);
    String description;
    if (moduleOf(caster).equals(moduleOf(visibleTarget))
        && loaderOf(caster).equals(loaderOf(visibleTarget))) {
      description = caster.getName() + " and " + describe(visibleTarget, "are");
    } else {
      description = describe(caster, "is") + "; " + describe(visibleTarget, "is");
    }
    return StackTraces.forCell(
        new ClassCastException(
            "class "
                + caster.getName()
                + " cannot be cast to class "
                + visibleTarget.getName()
                + " ("
                + description
                + ")"));
  }

  /** A failed {@code Class.cast}, worded as the JDK's. */
  static ClassCastException classCast(Object value, Class<?> target) {
    return StackTraces.forCell(
        new ClassCastException(
            "Cannot cast " + VisibleClasses.name(value.getClass()) + " to " + target.getName()));
  }

  /** {@code "Foo is in unnamed module of loader 'app'"}, with {@code verb} for "is". */
  private static String describe(Class<?> type, String verb) {
    return type.getName() + " " + verb + " in " + moduleOf(type) + " of loader " + loaderOf(type);
  }

  private static Class<?> bottom(Class<?> type) {
    Class<?> bottom = type;
    while (bottom.isArray()) {
      bottom = bottom.getComponentType();
    }
    return bottom;
  }

  /** As HotSpot: the module of an array's element type; primitives are in java.base. */
  private static String moduleOf(Class<?> type) {
    Module module = bottom(type).getModule();
    if (!module.isNamed()) {
      return "unnamed module";
    }
    ModuleDescriptor descriptor = module.getDescriptor();
    // HotSpot shows a version except for the java.* modules of the JDK's image.
    boolean showVersion =
        descriptor != null
            && descriptor.rawVersion().isPresent()
            && !(module.getName().startsWith("java.") && isJdkLoader(module.getClassLoader()));
    return "module " + module.getName() + (showVersion ? "@" + descriptor.rawVersion().get() : "");
  }

  /** The loader as HotSpot names it; every loader but the JDK's shows as the application's. */
  private static String loaderOf(Class<?> type) {
    ClassLoader loader = bottom(type).getClassLoader();
    if (loader == null) {
      return "'bootstrap'";
    }
    return loader == ClassLoader.getPlatformClassLoader() ? "'platform'" : "'app'";
  }

  private static boolean isJdkLoader(ClassLoader loader) {
    return loader == null || loader == ClassLoader.getPlatformClassLoader();
  }
}
