package org.rexec.cell;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.rexec.jdk.JdkPackages;
import org.rexec.compile.CompilationException;
import org.rexec.fs.CellFiles;
import org.rexec.policy.Rule;
import org.rexec.rewrite.RewriteResult;
import org.rexec.rewrite.Rewriter;
import org.rexec.runtime.CellContext;
import org.rexec.runtime.CellHost;
import org.rexec.runtime.RefusalSite;
import org.rexec.runtime.StopReason;
import org.rexec.runtime.control.CellControl;

/**
 * The machinery of one cell, behind the API's {@code Cell}: its sources and loaders, its
 * runtime context and the supervisor's control of it, its audit log and its standard input.
 * Speaks the machinery's terms (refusal sites, {@link RunOutcome}, {@link LoadFailure}); the
 * façade turns them into the API's values.
 */
public final class CellCore {

  /** The package rewritten code calls, and the only one of rexec's a cell's loader sees. */
  private static final String RUNTIME_PACKAGE = "org.rexec.runtime";

  private final CellSetup setup;
  private final CellSources sources = new CellSources();
  private final CodeLoader codeLoader;
  private final AuditLog auditLog;
  /** The supervisor's operations of the cell; its code sees only {@link #context}. */
  private final CellControl control;

  private final CellContext context;
  private final CellClassLoader loader;
  private final InputStream stdin;
  private final Object runLock = new Object();
  private final Object closeLock = new Object();
  private volatile boolean closed;

  /** @param maxRefusals how many refusals the cell's audit log keeps; later ones are counted */
  public CellCore(CellSetup setup, int maxRefusals) {
    RuntimeClasses.initialize();
    this.setup = setup;
    this.auditLog = new AuditLog(maxRefusals);
    this.codeLoader =
        new CodeLoader(sources, setup.maxClassFileBytes(), setup.compileCache());
    CellFiles.Builder files =
        CellFiles.builder().scratchLimits(setup.diskBytes(), setup.diskFiles());
    setup.mounts().forEach(files::mount);
    setup.files().forEach(files::memoryFile);
    setup.workingDirectory().ifPresent(files::workingDirectory);
    this.control =
        CellContext.create(
            new Host(),
            files,
            setup.network(),
            setup.limits(),
            setup.environment(),
            StandardProperties.forCell(
                setup.properties(), setup.workingDirectory().orElse(CellFiles.SCRATCH)));
    this.context = control.context();
    Rewriter rewriter =
        new Rewriter(setup.allowList(), setup.maxClassFileBytes(), setup.rewriteCache());
    // An array or a file never blocks; any other stream might, where a kill could not reach
    // the reader.
    InputStream input = setup.stdin();
    this.stdin =
        input instanceof ByteArrayInputStream
            ? input
            : FileInput.of(input).orElseGet(() -> new InputPump(input, context));
    this.loader =
        new CellClassLoader(
            new CellParentLoader(), sources, rewriter, context, auditLog, setup.strict());
    // On the module path rexec exports its runtime to no one: each cell's code, which calls
    // it, is given it here. On the class path every package is exported and this does nothing.
    CellCore.class.getModule().addExports(RUNTIME_PACKAGE, loader.getUnnamedModule());
    // What java's -ea sets: a class's assert statements read this when it is initialized.
    loader.setDefaultAssertionStatus(setup.assertions());
  }

  /** See {@code Cell.load}; the main class, if the code names one. */
  public Optional<String> load(Path path) throws IOException, CompilationException {
    requireOpen();
    return codeLoader.load(path);
  }

  /** See {@code Cell.loadClassPath}. */
  public void loadClassPath(List<Path> entries) throws IOException {
    requireOpen();
    codeLoader.loadClassPath(List.copyOf(entries));
  }

  /** Adds one class file; returns the binary name of its class. */
  public String loadClassFile(byte[] classFile) {
    requireOpen();
    return CellSources.binaryName(codeLoader.addClassFile(classFile, "class file"));
  }

  /** Compiles a source given as text; returns its first top-level class's binary name. */
  public String loadSource(String fileName, String source) throws CompilationException {
    requireOpen();
    return codeLoader.loadSource(fileName, source);
  }

  /**
   * The refusals known without running the loaded code, in the order {@code Cell.check}
   * documents, at most {@code max}.
   *
   * @throws LoadFailure if a class file is malformed
   */
  public List<RefusalSite> check(int max) {
    requireOpen();
    List<RefusalSite> found = new ArrayList<>();
    for (String internalName : sources.classNames()) {
      RewriteResult result;
      try {
        result = loader.rewrite(internalName);
      } catch (ClassFormatError malformed) {
        throw LoadFailure.rejected(malformed.getMessage(), malformed);
      }
      List<RefusalSite> known = new ArrayList<>(result.knownRefusals());
      known.sort(Comparator.comparingInt(RefusalSite::line)); // stable: instruction order kept
      List<RefusalSite> sites = new ArrayList<>(result.rejections());
      sites.addAll(known);
      for (RefusalSite site : sites) {
        if (found.size() == max) {
          return List.copyOf(found);
        }
        found.add(site);
      }
    }
    return List.copyOf(found);
  }

  /** See {@code Cell.importClass}. */
  public Class<?> importClass(String binaryName) throws ClassNotFoundException {
    requireOpen();
    if (!loader.isCellClass(binaryName)) {
      throw new ClassNotFoundException(binaryName + " is not a class of this cell");
    }
    return loader.loadOnHost(binaryName);
  }

  /** Every refusal recorded so far, across runs, as many as the audit log keeps. */
  public List<RefusalSite> refusals() {
    return auditLog.all();
  }

  /**
   * Runs {@code mainClass.main(args)} on a new thread of the cell and waits for it to end; one
   * run at a time.
   *
   * @throws IllegalStateException if the cell is closed or was stopped
   */
  public RunOutcome run(String mainClass, String[] args) {
    synchronized (runLock) {
      requireOpen();
      return new ProgramRun(this, mainClass, args).execute();
    }
  }

  /** See {@code Cell.close}. */
  public void close() {
    synchronized (closeLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    new Releases()
        .release("the run", () -> control.stop(StopReason.CLOSED, "the cell was closed"))
        .release("the cell's thread groups", () -> control.closeThreadGroups())
        .release("the cell's compressors", () -> control.closeCompressors())
        .release("the cell's files", () -> control.files().close())
        .throwFailures();
  }

  /** See {@code Cell.kill}. */
  public void kill() {
    control.stop(StopReason.KILLED, "killed by the supervisor");
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the cell is closed");
    }
  }

  CellSetup setup() {
    return setup;
  }

  CellSources sources() {
    return sources;
  }

  CellClassLoader loader() {
    return loader;
  }

  AuditLog auditLog() {
    return auditLog;
  }

  CellControl control() {
    return control;
  }

  CellContext context() {
    return context;
  }

  InputStream stdin() {
    return stdin;
  }

  /** The supervisor side of the cell, as the runtime sees it. */
  private final class Host implements CellHost {
    @Override
    public void refused(RefusalSite site) {
      auditLog.record(site);
    }

    @Override
    public Class<?> classForName(String binaryName, boolean initialize)
        throws ClassNotFoundException {
      String element = binaryName;
      while (element.startsWith("[")) {
        element = element.substring(1);
      }
      if (element.length() == 1) {
        // An array of a primitive type.
        return Class.forName(binaryName, initialize, null);
      }
      if (element.startsWith("L") && element.endsWith(";") && element.length() != binaryName.length()) {
        element = element.substring(1, element.length() - 1);
      }
      if (loader.isCellClass(element)) {
        return Class.forName(binaryName, initialize, loader);
      }
      String internalName = CellSources.internalName(element);
      if (JdkPackages.isJdkClass(internalName) && setup.allowList().allowsClass(internalName)) {
        Class<?> type = Class.forName(binaryName, false, ClassLoader.getPlatformClassLoader());
        if (initialize && !type.isArray()) {
          // Not on the cell's thread, which may be at the edge of its stack (LoadingTest).
          LoaderThreads.initializeFor(type.getName(), context);
        }
        return type;
      }
      throw new ClassNotFoundException(binaryName);
    }

    @Override
    public Rule hiddenClassRule(String binaryName) {
      return HostClasses.hiddenRule(binaryName);
    }
  }
}
