package org.rexec.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the class files of kernels from the benchmarks' own class path. */
final class KernelClasses {

  /** The package of the kernels; outside {@code org.rexec}, where a cell may define classes. */
  static final String PACKAGE = "kernels";

  /** The program a cell runs while the benchmark calls into it; see {@code kernels.Hold}. */
  static final String HOLD = PACKAGE + ".Hold";

  private KernelClasses() {}

  /**
   * The class files of {@code className} and of every class nested in it (its nest), by binary
   * name. The host's copy of the class is looked at, never initialized.
   */
  static Map<String, byte[]> of(String className) {
    Class<?> host;
    try {
      host = Class.forName(className, false, KernelClasses.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("no class " + className + " on the class path", e);
    }
    Map<String, byte[]> classFiles = new LinkedHashMap<>();
    classFiles.put(className, read(className));
    for (Class<?> member : host.getNestMembers()) {
      classFiles.putIfAbsent(member.getName(), read(member.getName()));
    }
    return classFiles;
  }

  private static byte[] read(String binaryName) {
    String resource = binaryName.replace('.', '/') + ".class";
    try (InputStream in = KernelClasses.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no class file " + resource + " on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
