package org.rexec.compile;

import java.util.List;
import java.util.Map;

/**
 * The classes of one compiled source program.
 *
 * @param classFiles class files by internal name
 * @param mainClass the binary name of the first top-level class of the launched file, which the
 *     java launcher's source-file mode runs
 * @param sourceFiles the files compiled, as messages name them: the launched file first, then
 *     the other files of its source tree that it needed, in the order javac read them
 */
public record CompiledSource(
    Map<String, byte[]> classFiles, String mainClass, List<String> sourceFiles) {

  public CompiledSource {
    classFiles = Map.copyOf(classFiles);
    sourceFiles = List.copyOf(sourceFiles);
  }
}
