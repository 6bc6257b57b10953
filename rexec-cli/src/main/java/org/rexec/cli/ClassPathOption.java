package org.rexec.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.SourceVersion;
import org.rexec.Cell;
import org.rexec.LoadException;
import picocli.CommandLine.Option;

/**
 * {@code --class-path}: a program and its libraries as jars and directories, as {@code java -cp}
 * takes them, and which program that makes the command run.
 */
final class ClassPathOption {

  @Option(
      names = {"-cp", "--class-path", "--classpath"},
      paramLabel = "PATH",
      description = "Jars and directories of classes, separated by ':' (';' on Windows), as for java: the program and its libraries, all run in the cell (the first"
          + " holding a class wins); dir/* is the jars in dir. TARGET is then a main class or a source file compiled"
          + " against them; or give --main and only ARGS.")
  String classPath;

  /** The class to run and its arguments. */
  record Program(String mainClass, List<String> args) {}

  /**
   * Loads the program into {@code cell}: the class path if given, then the target, and says
   * which class to run with which arguments.
   *
   * @param target the first word after the options (null if none)
   * @param args the words after it
   * @throws UserError if the program cannot be loaded or there is nothing to run
   */
  Program load(Cell cell, String target, String mainOverride, List<String> args) {
    if (classPath == null) {
      if (target == null) {
        throw new UserError("no TARGET: give a source file, class directory or jar to run");
      }
      Path path = Path.of(target);
      return new Program(
          Target.mainClass(path, Target.load(cell, path), mainOverride), List.copyOf(args));
    }
    loadClassPath(cell);
    if (target != null && target.endsWith(".java")) {
      // As java: a source file is compiled against the class path and run.
      Path path = Path.of(target);
      return new Program(
          Target.mainClass(path, Target.load(cell, path), mainOverride), List.copyOf(args));
    }
    List<String> all = new ArrayList<>();
    if (mainOverride != null) {
      // The class is named: every word after the options is the program's.
      Optional.ofNullable(target).ifPresent(all::add);
      all.addAll(args);
      return new Program(mainOverride, all);
    }
    if (target == null) {
      throw new UserError(
          "--class-path: name the class to run (rexec run -cp PATH com.example.Main, or --main)"
              + " or a source file");
    }
    if (!SourceVersion.isName(target)) {
      throw new UserError(
          "--class-path: " + target + " is not a class name; with a class path, TARGET is the"
              + " main class (as for java -cp) or a .java file; put jars and directories in"
              + " --class-path");
    }
    return new Program(target, List.copyOf(args));
  }

  /**
   * Loads the code only, for {@code rexec check}: the class path if given, and the target unless
   * it is a class name on it.
   */
  void loadCode(Cell cell, String target) {
    if (classPath != null) {
      loadClassPath(cell);
      if (!target.endsWith(".java") && SourceVersion.isName(target)) {
        return;
      }
    }
    Target.load(cell, Path.of(target));
  }

  private void loadClassPath(Cell cell) {
    try {
      cell.loadClassPath(entries());
    } catch (IOException e) {
      throw new UserError("--class-path: cannot read: " + e.getMessage(), e);
    } catch (LoadException e) {
      throw new UserError("--class-path: " + e.getMessage(), e);
    }
  }

  /** The entries, in order. An empty one would mean the current directory, so it is refused. */
  private List<Path> entries() {
    List<Path> entries = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator, -1)) {
      if (entry.isEmpty()) {
        throw new UserError(
            "--class-path: an empty entry in '" + classPath + "'; java would take the current"
                + " directory for it: write . if you mean that");
      }
      if (entry.equals("*") || entry.endsWith("/*") || entry.endsWith(File.separator + "*")) {
        entries.addAll(jarsIn(Path.of(entry.substring(0, entry.length() - 1))));
      } else {
        entries.add(Path.of(entry));
      }
    }
    return entries;
  }

  /**
   * What java makes of {@code dir/*}: the jars in that directory, not its subdirectories; in name
   * order here (java leaves the order open).
   */
  private static List<Path> jarsIn(Path directory) {
    Path dir = directory.toString().isEmpty() ? Path.of(".") : directory;
    if (!Files.isDirectory(dir)) {
      throw new UserError("--class-path: " + dir + "/*: no such directory");
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(file -> {
            String name = file.getFileName().toString();
            return (name.endsWith(".jar") || name.endsWith(".JAR")) && Files.isRegularFile(file);
          })
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UserError("--class-path: cannot list " + dir + ": " + e.getMessage(), e);
    }
  }
}
