package org.rexec.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.rexec.Cell;
import org.rexec.LoadException;

/** The program named on the command line: a source file, a class directory or a jar. */
final class Target {

  private Target() {}

  /**
   * Loads {@code path} into {@code cell} and returns the main class it names, if any.
   *
   * @throws UserError if the target cannot be loaded, with the status that says why
   */
  static Optional<String> load(Cell cell, Path path) {
    if (!Files.exists(path)) {
      throw UserError.badInput("no such file or directory: " + path, null);
    }
    try {
      return cell.load(path);
    } catch (NoSuchFileException e) {
      throw UserError.badInput("no such file or directory: " + e.getFile(), e);
    } catch (IOException e) {
      throw UserError.badInput("cannot read " + path + ": " + e.getMessage(), e);
    } catch (LoadException e) {
      throw UserError.of(e);
    }
  }

  /**
   * The class to run: {@code mainOverride} if given, else the one the code names.
   *
   * @throws UserError if there is none
   */
  static String mainClass(Path path, Optional<String> named, String mainOverride) {
    if (mainOverride != null) {
      return mainOverride;
    }
    return named.orElseThrow(() -> UserError.badInput(noMainClass(path), null));
  }

  private static String noMainClass(Path path) {
    String name = path.getFileName().toString();
    if (name.endsWith(".jar")) {
      return path + " has no Main-Class in its manifest; name the class to run with --main CLASS";
    }
    return path
        + " does not have exactly one class with a public static void main(String[]);"
        + " name the class to run with --main CLASS";
  }
}
