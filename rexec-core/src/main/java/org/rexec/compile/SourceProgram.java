package org.rexec.compile;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a source program is compiled from: the launched file's text, where it lies (if it lies in
 * a file: then the other files of its source tree are compiled as the program needs them, as the
 * java launcher does since JDK 22, JEP 458), and the class files it compiles against.
 *
 * @param fileName how messages name the launched file, e.g. {@code src/Main.java}
 * @param source the launched file's text
 * @param file the launched file on disk, or null for a source given as text only (then no other
 *     file is compiled)
 * @param classPath class files by internal name that the program compiles against (its
 *     libraries); they are the supervisor's to choose, and the compiled program runs with them
 */
public record SourceProgram(
    String fileName, String source, Path file, Map<String, byte[]> classPath) {

  /** The most bytes of one source file, the launched one or another of its tree. */
  public static final long MAX_FILE_BYTES = 4L << 20;

  public SourceProgram {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(source, "source");
    classPath = Map.copyOf(classPath);
  }

  /** One file given as text, compiled alone with nothing on the class path. */
  public static SourceProgram text(String fileName, String source) {
    return new SourceProgram(fileName, source, null, Map.of());
  }
}
