package org.rexec.compile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import org.rexec.bug.RexecBugException;

/**
 * javac's files: output in memory; the class path is only the given class files in memory, the
 * source path only the launched file's {@link SourceTree} (or nothing), the processor path empty.
 * The JDK's own modules come from the standard file manager.
 */
final class CompilerFiles extends ForwardingJavaFileManager<StandardJavaFileManager> {

  final Map<String, byte[]> classFiles = new HashMap<>();
  private final ClassPathFiles classPath;
  private SourceTree sourceTree;

  CompilerFiles(StandardJavaFileManager standard, ClassPathFiles classPath) {
    super(standard);
    this.classPath = classPath;
    try {
      standard.setLocation(StandardLocation.CLASS_PATH, List.of());
      standard.setLocation(StandardLocation.SOURCE_PATH, List.of());
      standard.setLocation(StandardLocation.ANNOTATION_PROCESSOR_PATH, List.of());
    } catch (IOException e) {
      throw new RexecBugException("cannot configure javac's file manager", e);
    }
  }

  /** Makes {@code tree} javac's source path; set after parsing, before analysis. */
  void useSourceTree(SourceTree tree) {
    this.sourceTree = tree;
  }

  @Override
  public boolean hasLocation(Location location) {
    // With a source path javac takes sources only from it, classes only from the class path.
    if (location == StandardLocation.SOURCE_PATH) {
      return sourceTree != null;
    }
    return super.hasLocation(location);
  }

  @Override
  public Iterable<JavaFileObject> list(
      Location location, String packageName, Set<JavaFileObject.Kind> kinds, boolean recurse)
      throws IOException {
    if (location == StandardLocation.CLASS_PATH) {
      return kinds.contains(JavaFileObject.Kind.CLASS) ? classPath.list(packageName) : List.of();
    }
    if (location == StandardLocation.SOURCE_PATH) {
      return sourceTree != null && kinds.contains(JavaFileObject.Kind.SOURCE)
          ? sourceTree.list(packageName)
          : List.of();
    }
    return super.list(location, packageName, kinds, recurse);
  }

  @Override
  public String inferBinaryName(Location location, JavaFileObject file) {
    if (file instanceof SourceTree.TreeFile) {
      return ((SourceTree.TreeFile) file).binaryName();
    }
    if (file instanceof ClassPathFiles.ClassFile) {
      return ((ClassPathFiles.ClassFile) file).binaryName();
    }
    return super.inferBinaryName(location, file);
  }

  @Override
  public boolean isSameFile(FileObject a, FileObject b) {
    if (a instanceof SimpleJavaFileObject || b instanceof SimpleJavaFileObject) {
      return a.toUri().equals(b.toUri());
    }
    return super.isSameFile(a, b);
  }

  @Override
  public JavaFileObject getJavaFileForOutput(
      JavaFileManager.Location location,
      String className,
      JavaFileObject.Kind kind,
      FileObject sibling) {
    String internalName = className.replace('.', '/');
    return new SimpleJavaFileObject(URI.create("mem:///" + internalName + ".class"), kind) {
      @Override
      public OutputStream openOutputStream() {
        return new ByteArrayOutputStream() {
          @Override
          public void close() {
            classFiles.put(internalName, toByteArray());
          }
        };
      }
    };
  }
}
