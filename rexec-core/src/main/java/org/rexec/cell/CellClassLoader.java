package org.rexec.cell;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URL;
import java.util.stream.Collectors;
import org.rexec.rewrite.CellClasses;
import org.rexec.rewrite.Packages;
import org.rexec.rewrite.RewriteResult;
import org.rexec.rewrite.Rewriter;
import org.rexec.runtime.CellContext;
import org.rexec.runtime.ClassProbes;
import org.rexec.runtime.RefusalSite;

/**
 * The class loader of one cell: defines the cell's classes, rewritten, and delegates everything
 * else to {@link CellParentLoader}. Unnamed, so stack traces show cell frames as a plain JVM
 * shows application frames.
 */
final class CellClassLoader extends ClassLoader implements CellContext.Holder {

  static {
    registerAsParallelCapable();
  }

  private final CellSources sources;
  private final CellClasses cellClasses;
  private final Rewriter rewriter;
  private final CellContext context;
  private final AuditLog auditLog;
  private final boolean strict;

  /**
   * The supervisor thread loading a class through {@link #loadOnHost}, or null. Only that
   * thread skips the hop to a loader thread; a cell thread never matches, whatever races.
   */
  private volatile Thread hostLoader;

  CellClassLoader(
      CellParentLoader parent,
      CellSources sources,
      Rewriter rewriter,
      CellContext context,
      AuditLog auditLog,
      boolean strict) {
    super(parent);
    this.sources = sources;
    this.cellClasses = new CellClasses(sources);
    this.rewriter = rewriter;
    this.context = context;
    this.auditLog = auditLog;
    this.strict = strict;
  }

  @Override
  public CellContext cellContext() {
    return context;
  }

  /** Rewrites a class of the cell without defining it: for checks. */
  RewriteResult rewrite(String internalName) {
    return rewriter.rewrite(internalName, cellClasses);
  }

  /** Whether {@code binaryName} names a class of this cell (as opposed to the JDK's). */
  boolean isCellClass(String binaryName) {
    String internalName = CellSources.internalName(binaryName);
    return !Packages.isReserved(internalName) && sources.hasClass(internalName);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        loaded = isCellClass(name) ? define(name) : delegate(name);
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  /**
   * The parent's class; a class of the cell in a reserved package that the parent lacks is
   * refused, as the JVM refuses to define {@code java.*} classes.
   */
  private Class<?> delegate(String name) throws ClassNotFoundException {
    try {
      return getParent().loadClass(name);
    } catch (ClassNotFoundException absent) {
      if (sources.hasClass(CellSources.internalName(name))) {
        return define(name);
      }
      if (Thread.currentThread() != hostLoader) {
        // Cell code linking to a name (the supervisor asking for a main class is not a probe).
        ClassProbes.notFound(context, name);
      }
      throw absent;
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    throw new ClassNotFoundException(name);
  }

  /**
   * Loads, without initializing, a class of the cell for the supervisor thread calling this
   * (to run its main class or to import it). That thread is trusted and not at the edge of a
   * cell's stack, so the class (and any cell class its definition needs) is rewritten on it,
   * sparing the hop to a loader thread and back.
   */
  Class<?> loadOnHost(String binaryName) throws ClassNotFoundException {
    hostLoader = Thread.currentThread();
    try {
      return Class.forName(binaryName, false, this);
    } finally {
      hostLoader = null;
    }
  }

  /**
   * Defines a class of the cell. Rewriting it and initializing the JDK classes it names happen
   * on a {@linkplain LoaderThreads loader thread}, whatever the depth of the caller's stack,
   * unless the caller is the supervisor thread of {@link #loadOnHost}.
   */
  private Class<?> define(String name) {
    sources.seal();
    RewriteResult result =
        Thread.currentThread() == hostLoader
            ? rewriteAndInitialize(name)
            : LoaderThreads.call(() -> rewriteAndInitialize(name), context);
    if (result.isRejected() || (strict && !result.refusals().isEmpty())) {
      result.violations().forEach(auditLog::record);
      throw new SecurityException(rejectionMessage(name, result));
    }
    byte[] bytes = result.bytes();
    return defineClass(name, bytes, 0, bytes.length);
  }

  private RewriteResult rewriteAndInitialize(String name) {
    RewriteResult rewritten = rewrite(CellSources.internalName(name));
    if (!rewritten.isRejected()) {
      LoaderThreads.initialize(rewritten.jdkClasses());
    }
    return rewritten;
  }

  /** One line: the class and the reasons it was refused. */
  static String rejectionMessage(String name, RewriteResult result) {
    String reasons =
        result.violations().stream()
            .map(RefusalSite::message)
            .distinct()
            .collect(Collectors.joining("; "));
    return "class " + name + " refused: " + reasons;
  }

  @Override
  public URL getResource(String name) {
    // Cell resources have no URL: URLs are file-system and network access.
    return null;
  }

  @Override
  public InputStream getResourceAsStream(String name) {
    byte[] content = sources.resource(name);
    return content == null ? null : new ByteArrayInputStream(content);
  }
}
