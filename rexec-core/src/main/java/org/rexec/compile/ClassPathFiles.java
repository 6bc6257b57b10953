package org.rexec.compile;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Opcodes;

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

  /**
   * The length of the longest string constant (a field's {@code ConstantValue}) of each field name
   * on the class path, so that source referring to one is bounded by what it holds rather than by
   * the class-file limit. The class path is code the cell has loaded, which rexec read with ASM
   * to judge it; a class file ASM cannot read is skipped.
   */
  Map<String, Integer> longestStringConstants() {
    Map<String, Integer> longest = new HashMap<>();
    ClassVisitor fields =
        new ClassVisitor(Opcodes.ASM9) {
          @Override
          public FieldVisitor visitField(
              int access, String name, String descriptor, String signature, Object value) {
            if (value instanceof String) {
              longest.merge(name, ((String) value).length(), Math::max);
            }
            return null;
          }
        };
    for (byte[] classFile : classFiles.values()) {
      try {
        new ClassReader(classFile).accept(fields, ClassReader.SKIP_CODE);
      } catch (RuntimeException malformed) {
        // Not a class javac can load; its constants are never folded.
      }
    }
    return longest;
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
