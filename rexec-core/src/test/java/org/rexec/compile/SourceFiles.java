package org.rexec.compile;

import org.rexec.CodeCaches;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rexec.Cell;
import org.rexec.Policy;
import org.rexec.RunResult;

/** Source trees written for a test, and run as {@code rexec run Main.java} runs them. */
final class SourceFiles {

  private SourceFiles() {}

  /** Writes {@code text} to {@code relative} under {@code root}, making its directories. */
  static Path write(Path root, String relative, String text) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  /** Loads and runs the program of {@code main} in a cell that compiles it afresh. */
  static RunResult runUncached(Path main) throws IOException {
    try (Cell cell = Cell.builder(Policy.defaults()).codeCache(CodeCaches.compilingInto(CompileCache.none())).create()) {
      return cell.run(cell.load(main).orElseThrow());
    }
  }
}
