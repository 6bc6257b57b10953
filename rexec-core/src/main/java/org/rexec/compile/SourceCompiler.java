package org.rexec.compile;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticListener;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.rexec.text.BoundedText;

/**
 * Compiles a source program in memory, as the java launcher's source-file mode does: several
 * top-level classes allowed, the first one of the launched file is the program; other files of
 * its source tree are compiled when it refers to their classes (JEP 458).
 *
 * <p>Untrusted source is compiled by trusted code, so javac is fenced: annotation processing is
 * off ({@code -proc:none}: a processor would run in the supervisor), the processor path is empty,
 * the class path is only the class files the caller gives (in memory), the source path only the
 * launched file's source tree, links not followed ({@link SourceTree}); a deadline is checked
 * at every compiler event; and constants that javac would fold into strings too long for a class
 * file are refused as each file is parsed, before javac builds them ({@link ConstantBound}).
 */
public final class SourceCompiler {

  static final List<String> OPTIONS =
      List.of("-proc:none", "-g", "-encoding", "UTF-8", "-Xmaxerrs", "100", "-Xlint:none",
          "-implicit:class");

  private final JavaCompiler javac;

  /**
   * @throws IllegalStateException if this Java runtime has no compiler (a JRE, not a JDK)
   */
  public SourceCompiler() {
    this.javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException(
          "this Java runtime has no compiler; run rexec on a JDK to compile source files");
    }
  }

  /**
   * Compiles {@code source} as the file {@code fileName}, alone.
   *
   * @param fileName e.g. {@code Hello.java}; javac requires a public class to match it
   * @param timeLimit compilation stops with an error when it takes longer
   * @throws CompilationException with javac's messages if the source does not compile
   */
  public CompiledSource compile(String fileName, String source, Duration timeLimit)
      throws CompilationException {
    return compile(SourceProgram.text(fileName, source), timeLimit).compiled();
  }

  /**
   * Compiles a program: its launched file, and when that lies in a file, the other files of its
   * source tree that it refers to, found by javac on a source path that is the tree (JEP 458's
   * rules; see {@link SourceTree}); against the program's class path.
   *
   * @param timeLimit compilation stops with an error when it takes longer
   * @throws CompilationException with javac's messages if the program does not compile, or its
   *     launched file does not lie where its package says
   */
  Result compile(SourceProgram program, Duration timeLimit) throws CompilationException {
    String fileName = program.fileName();
    ErrorCollector errors = new ErrorCollector();
    ClassPathFiles classPath = new ClassPathFiles(program.classPath());
    CompilerFiles files =
        new CompilerFiles(
            javac.getStandardFileManager(null, null, StandardCharsets.UTF_8), classPath);
    JavaFileObject unit = new SourceFile(fileName, program.source());
    JavacTask task =
        (JavacTask) javac.getTask(new StringWriter(), files, errors, OPTIONS, null, List.of(unit));
    long deadline = System.nanoTime() + timeLimit.toNanos();
    task.addTaskListener(new Deadline(deadline, timeLimit));
    ConstantBound bound =
        new ConstantBound(
            Trees.instance(task).getSourcePositions(), classPath.longestStringConstants());
    task.addTaskListener(bound);
    String mainClass;
    SourceTree tree = null;
    try {
      Iterable<? extends CompilationUnitTree> trees = task.parse();
      if (program.file() != null) {
        requireNoLink(program, packageOf(trees));
      }
      if (errors.count > 0) {
        // As javac does, a file that does not parse is not analyzed further.
        throw errors.failure(fileName);
      }
      mainClass = firstTopLevelClass(trees, fileName);
      if (program.file() != null) {
        tree = sourceTree(program, packageOf(trees));
        files.useSourceTree(tree);
      }
      task.generate();
    } catch (IOException e) {
      throw new CompilationException(fileName + ": " + e.getMessage());
    } catch (IllegalStateException e) {
      // javac's API reports a failed parse or analysis this way; the diagnostics say why.
      throw firstOf(bound.failure(), errors.failure(fileName));
    } catch (RuntimeException e) {
      if (bound.failure() != null) {
        throw bound.failure();
      }
      throw stoppedByDeadline(e);
    }
    if (bound.failure() != null) {
      throw bound.failure();
    }
    if (errors.count > 0 || files.classFiles.isEmpty()) {
      throw errors.failure(fileName);
    }
    List<String> sourceFiles = new ArrayList<>();
    sourceFiles.add(fileName);
    if (tree != null) {
      sourceFiles.addAll(tree.filesRead());
    }
    return new Result(
        new CompiledSource(files.classFiles, mainClass, sourceFiles),
        tree == null ? null : tree.reads());
  }

  private static CompilationException firstOf(
      CompilationException first, CompilationException second) {
    return first != null ? first : second;
  }

  /**
   * The deadline's failure, when it stopped javac; javac rethrows it as it is or wrapped in a
   * {@code RuntimeException}, depending on the phase. Anything else is rethrown.
   */
  private static CompilationException stoppedByDeadline(RuntimeException thrown) {
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      if (cause instanceof DeadlineExceeded) {
        return new CompilationException(cause.getMessage());
      }
    }
    throw thrown;
  }

  /** A compilation's classes, and what it read of the source tree (null: no tree). */
  record Result(CompiledSource compiled, SourceTree.Reads reads) {}

  private static void requireNoLink(SourceProgram program, String packageName)
      throws CompilationException {
    try {
      SourceTree.requireNoLinkBelowRoot(program.file().toAbsolutePath().normalize(), packageName);
    } catch (IllegalArgumentException link) {
      throw new CompilationException(program.fileName() + ": " + link.getMessage());
    }
  }

  private static SourceTree sourceTree(SourceProgram program, String packageName)
      throws CompilationException {
    Path file = program.file().toAbsolutePath().normalize();
    Path root;
    try {
      root = SourceTree.root(file, packageName);
    } catch (IllegalArgumentException mismatch) {
      throw new CompilationException(program.fileName() + ": " + mismatch.getMessage());
    }
    // Messages name the other files as the user named the launched one, where that path says
    // enough: src/Helper.java for src/Main.java.
    Path named = Path.of(program.fileName()).normalize();
    int depth = file.getNameCount() - root.getNameCount();
    Path displayRoot = root;
    if (!named.isAbsolute() && named.getNameCount() > depth) {
      displayRoot = named.subpath(0, named.getNameCount() - depth);
    } else if (!named.isAbsolute() && named.getNameCount() == depth) {
      displayRoot = Path.of("");
    }
    return new SourceTree(root, displayRoot, file);
  }

  private static String packageOf(Iterable<? extends CompilationUnitTree> trees) {
    for (CompilationUnitTree tree : trees) {
      return tree.getPackageName() == null ? "" : tree.getPackageName().toString();
    }
    return "";
  }

  private static String firstTopLevelClass(
      Iterable<? extends CompilationUnitTree> trees, String fileName) {
    for (CompilationUnitTree tree : trees) {
      String packagePrefix =
          tree.getPackageName() == null ? "" : tree.getPackageName().toString() + ".";
      for (Tree declaration : tree.getTypeDecls()) {
        if (declaration instanceof ClassTree) {
          String name = ((ClassTree) declaration).getSimpleName().toString();
          if (!name.isEmpty()) {
            return packagePrefix + name;
          }
        }
      }
    }
    // A file with no class declaration: javac names its implicit class after the file.
    return fileName.endsWith(".java") ? fileName.substring(0, fileName.length() - 5) : fileName;
  }

  /**
   * Collects errors, each formatted as javac prints it, within bounds: javac quotes the source
   * line (and a caret line as long) in each of up to 100 errors, so a long line of a hostile
   * source would otherwise come back a hundredfold.
   */
  private static final class ErrorCollector implements DiagnosticListener<JavaFileObject> {
    /** Characters of one error, at most. */
    static final int MAX_ERROR_LENGTH = 2_000;

    /** Characters of all errors, at most; the rest are counted. */
    static final int MAX_REPORT_LENGTH = 20_000;

    private final StringBuilder text = new StringBuilder();
    private final List<CompilerDiagnostic> listed = new ArrayList<>();
    int count;
    private int unlisted;

    @Override
    public void report(Diagnostic<? extends JavaFileObject> diagnostic) {
      if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
        count++;
        String error =
            BoundedText.cut(BoundedText.printable(diagnostic.toString()), MAX_ERROR_LENGTH);
        if (text.length() + error.length() < MAX_REPORT_LENGTH) {
          text.append(error).append('\n');
          listed.add(diagnostic(diagnostic));
        } else {
          unlisted++;
        }
      }
    }

    /** The errors as data, bounded as their text is: the message without the source line. */
    private static CompilerDiagnostic diagnostic(Diagnostic<? extends JavaFileObject> diagnostic) {
      JavaFileObject source = diagnostic.getSource();
      return new CompilerDiagnostic(
          source == null ? "" : BoundedText.line(source.getName(), MAX_ERROR_LENGTH),
          diagnostic.getLineNumber() == Diagnostic.NOPOS ? -1 : diagnostic.getLineNumber(),
          diagnostic.getColumnNumber() == Diagnostic.NOPOS ? -1 : diagnostic.getColumnNumber(),
          BoundedText.cut(
              BoundedText.printable(diagnostic.getMessage(Locale.ROOT)), MAX_ERROR_LENGTH));
    }

    CompilationException failure(String fileName) {
      return new CompilationException(report(fileName), listed);
    }

    String report(String fileName) {
      if (count == 0) {
        return fileName + ": javac produced no classes";
      }
      if (unlisted > 0) {
        text.append("... (").append(unlisted).append(" more not shown)\n");
      }
      return text.append(count).append(count == 1 ? " error" : " errors").toString();
    }
  }

  private static final class DeadlineExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DeadlineExceeded(String message) {
      super(message);
    }
  }

  /** Stops javac at its next event once the deadline has passed. */
  private static final class Deadline implements TaskListener {
    private final long deadlineNanos;
    private final Duration limit;

    Deadline(long deadlineNanos, Duration limit) {
      this.deadlineNanos = deadlineNanos;
      this.limit = limit;
    }

    private void check() {
      if (System.nanoTime() - deadlineNanos > 0) {
        throw new DeadlineExceeded(
            "compilation took longer than " + limit.toMillis() + " ms and was stopped");
      }
    }

    @Override
    public void started(TaskEvent event) {
      check();
    }

    @Override
    public void finished(TaskEvent event) {
      check();
    }
  }

  private static final class SourceFile extends SimpleJavaFileObject {
    private final String fileName;
    private final String source;

    SourceFile(String fileName, String source) {
      super(URI.create("string:///" + Path.of(fileName).getFileName()), Kind.SOURCE);
      this.fileName = fileName;
      this.source = source;
    }

    /** How diagnostics name the file: as the caller named it. */
    @Override
    public String getName() {
      return fileName;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return source;
    }
  }
}
