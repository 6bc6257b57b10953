package org.rexec.compile;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;

/**
 * The class path javac compiles against: class files held in memory (the code already loaded into
 * the cell), never a directory or jar of the host, so that javac sees exactly what the program
 * will run with.
 */
final class ClassPathFiles {

  private final NavigableMap<String, byte[]> classFiles;

  /** @param classFiles class files by internal name */
  ClassPathFiles(Map<String, byte[]> classFiles) {
    this.classFiles = new TreeMap<>(classFiles);
  }

  /** The class files of {@code packageName} (not of its subpackages). */
  List<JavaFileObject> list(String packageName) {
    String prefix = packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/";
    List<JavaFileObject> files = new ArrayList<>();
    for (Map.Entry<String, byte[]> entry : classFiles.tailMap(prefix, true).entrySet()) {
      String name = entry.getKey();
      if (!name.startsWith(prefix)) {
        break;
      }
      if (name.indexOf('/', prefix.length()) < 0) {
        files.add(new ClassFile(name, entry.getValue()));
      }
    }
    return files;
  }

  /** One class file of the class path. */
  static final class ClassFile extends SimpleJavaFileObject {
    private final String internalName;
    private final byte[] content;

    ClassFile(String internalName, byte[] content) {
      super(URI.create("classpath:///" + internalName + ".class"), Kind.CLASS);
      this.internalName = internalName;
      this.content = content;
    }

    String binaryName() {
      return internalName.replace('/', '.');
    }

    @Override
    public InputStream openInputStream() {
      return new ByteArrayInputStream(content);
    }
  }
}
