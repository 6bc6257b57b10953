package org.rexec.compile;

import java.util.Map;

/**
 * The classes of one compiled source file.
 *
 * @param classFiles class files by internal name
 * @param mainClass the binary name of the first top-level class of the file, which the java
 *     launcher's source-file mode runs
 */
public record CompiledSource(Map<String, byte[]> classFiles, String mainClass) {

  public CompiledSource {
    classFiles = Map.copyOf(classFiles);
  }
}
