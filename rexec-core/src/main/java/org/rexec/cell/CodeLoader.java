package org.rexec.cell;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.rexec.compile.CompilationException;
import org.rexec.text.BoundedText;
import org.rexec.compile.CompileCache;
import org.rexec.compile.CompiledSource;
import org.rexec.compile.SourceProgram;

/**
 * Reads code from the supervisor's files into a cell's sources: class files, directories,
 * jars, class paths and source programs (compiled against the classes loaded before them). Reports the program's main class where the code names
 * one.
 */
final class CodeLoader {

  /** How long javac may take on one source file. */
  static final Duration COMPILE_TIME_LIMIT = Duration.ofSeconds(30);

  /** The most bytes one cell's code may occupy: a zip bomb must not fill the supervisor. */
  static final long MAX_TOTAL_BYTES = 512L << 20;

  /**
   * The most files and jar entries one cell's code may have: each costs the supervisor a name and
   * a few objects however small its content, so a jar of a million empty entries (170 MB) would
   * otherwise take gigabytes of its heap and a minute to load.
   */
  static final int MAX_ENTRIES = 100_000;

  private final CellSources sources;
  private final int maxClassFileBytes;
  private final CompileCache compileCache;
  private long totalBytes;
  private int entries;

  CodeLoader(CellSources sources, int maxClassFileBytes, CompileCache compileCache) {
    this.sources = sources;
    this.maxClassFileBytes = maxClassFileBytes;
    this.compileCache = compileCache;
  }

  Optional<String> load(Path path) throws IOException, CompilationException {
    if (Files.isDirectory(path)) {
      return loadDirectory(path, false);
    }
    if (!Files.isRegularFile(path)) {
      throw new java.nio.file.NoSuchFileException(path.toString());
    }
    String name = path.getFileName().toString();
    if (name.endsWith(".java")) {
      String source = readSourceFile(path);
      return Optional.of(
          loadSource(new SourceProgram(path.toString(), source, path, sources.classFiles())));
    }
    if (name.endsWith(".jar")) {
      return loadJar(path, false);
    }
    if (name.endsWith(".class")) {
      String className = addClassFile(readFile(path, maxClassFileBytes), path.toString(), false);
      return hasMainMethod(sources.classBytes(className), path.toString())
          ? Optional.of(CellSources.binaryName(className))
          : Optional.empty();
    }
    throw LoadFailure.badInput(
        path + ": not a .java source file, .class file, .jar or directory of class files");
  }

  /**
   * The launched source file's text. It lies in the submitter's tree, and javac quotes its lines
   * in errors: a link there (to /etc/passwd, to another user's file) would put a host file's
   * first line into the result, so it is refused, as links under the root are (SourceTree). Its
   * size is bounded as every file of the tree is.
   */
  private static String readSourceFile(Path path) throws IOException {
    if (Files.isSymbolicLink(path)) {
      throw LoadFailure.badInput(
          path + ": a symbolic link; rexec compiles the source file itself, not what a link"
              + " points to (name the file it leads to)");
    }
    byte[] content;
    try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
      content = in.readNBytes((int) SourceProgram.MAX_FILE_BYTES + 1);
    }
    if (content.length > SourceProgram.MAX_FILE_BYTES) {
      throw LoadFailure.rejected(
          path + ": larger than a source file may be (" + SourceProgram.MAX_FILE_BYTES
              + " bytes)", null);
    }
    return new String(content, StandardCharsets.UTF_8);
  }

  /**
   * Loads a class path: each entry a directory of class files or a jar, in order; where two
   * hold a class or resource of the same name, the first one's is used, as on java's class path.
   */
  void loadClassPath(List<Path> entries) throws IOException {
    for (Path entry : entries) {
      if (Files.isDirectory(entry)) {
        loadDirectory(entry, true);
      } else if (Files.isRegularFile(entry)) {
        loadJar(entry, true);
      } else if (Files.exists(entry)) {
        throw LoadFailure.badInput(entry + ": a class path entry must be a jar or a directory");
      } else {
        throw LoadFailure.badInput(entry + ": no such class path entry (file or directory)");
      }
    }
  }

  /** A source given as text: compiled alone, against the classes loaded so far. */
  String loadSource(String fileName, String source) throws CompilationException {
    return loadSource(new SourceProgram(fileName, source, null, sources.classFiles()));
  }

  private String loadSource(SourceProgram program) throws CompilationException {
    // A source that does not compile throws the compiler's CompilationException, javac's errors.
    CompiledSource compiled = compileCache.compile(program, COMPILE_TIME_LIMIT);
    for (String internalName : compiled.classFiles().keySet()) {
      if (sources.hasClass(internalName)) {
        // As java refuses it ("class found on application class path"): which one would run?
        throw LoadFailure.badInput(
            program.fileName() + ": class " + CellSources.binaryName(internalName)
                + " of the source program is also in code loaded before it (the class path)");
      }
    }
    compiled.classFiles().forEach(sources::addClass);
    return compiled.mainClass();
  }

  /** Adds one class file; returns its internal name, read from the bytes. */
  String addClassFile(byte[] classFile, String origin) {
    return addClassFile(classFile, origin, false);
  }

  /**
   * Adds one class file; returns its internal name, read from the bytes.
   *
   * @param firstWins whether a class of the same name loaded before is kept (a class path) or an
   *     error
   */
  private String addClassFile(byte[] classFile, String origin, boolean firstWins) {
    String internalName;
    try {
      internalName = new ClassReader(classFile).getClassName();
    } catch (RuntimeException malformed) {
      throw LoadFailure.rejected(origin + ": not a valid class file", malformed);
    }
    if (firstWins && sources.hasClass(internalName)) {
      return internalName;
    }
    try {
      sources.addClass(internalName, classFile);
    } catch (IllegalArgumentException duplicate) {
      throw LoadFailure.badInput(
          origin + ": " + BoundedText.line(duplicate.getMessage(), 1_000), duplicate);
    }
    return internalName;
  }

  private Optional<String> loadDirectory(Path directory, boolean classPathEntry)
      throws IOException {
    List<String> mains = new ArrayList<>();
    int classFiles = 0;
    int sourceFiles = 0;
    try (Stream<Path> files = Files.walk(directory)) {
      // Symbolic links are not followed: the code is what the directory holds, nothing it
      // points to elsewhere.
      // Counted before sorting, which holds every path: a tree of millions of files stops early.
      Stream<Path> code =
          files
              .filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
              .peek(file -> countEntry(file.toString()))
              .sorted();
      for (Path file : (Iterable<Path>) code::iterator) {
        String relative = directory.relativize(file).toString().replace('\\', '/');
        // File names are the program's: in messages, on one line (see LoadException).
        String origin = BoundedText.line(file.toString(), 1_000);
        if (relative.endsWith(".class")) {
          if (relative.endsWith("module-info.class")) {
            continue;
          }
          classFiles++;
          String className =
              addClassFile(
                  readFile(file, maxClassFileBytes, LinkOption.NOFOLLOW_LINKS),
                  origin,
                  classPathEntry);
          if (hasMainMethod(sources.classBytes(className), origin)) {
            mains.add(CellSources.binaryName(className));
          }
        } else {
          if (relative.endsWith(".java")) {
            sourceFiles++;
          }
          // Opened without following links too: a file swapped for one since the walk saw it.
          sources.addResource(
              relative, readFile(file, MAX_TOTAL_BYTES, LinkOption.NOFOLLOW_LINKS));
        }
      }
    }
    if (classFiles == 0 && sourceFiles > 0 && !classPathEntry) {
      throw LoadFailure.badInput(
          directory
              + ": a directory of source files, not of class files; give the file with main"
              + " (rexec run "
              + directory.resolve("Main.java")
              + ")");
    }
    return mains.size() == 1 ? Optional.of(mains.get(0)) : Optional.empty();
  }

  private Optional<String> loadJar(Path jar, boolean classPathEntry) throws IOException {
    int entries = 0;
    try (InputStream file = Files.newInputStream(jar);
        JarInputStream in = new JarInputStream(file)) {
      Manifest manifest = in.getManifest();
      boolean multiRelease =
          manifest != null
              && "true".equalsIgnoreCase(
                  String.valueOf(manifest.getMainAttributes().getValue("Multi-Release")).strip());
      // Each entry's content from the highest version that applies, as the JDK's JarFile
      // picks it for a multi-release jar on this JDK.
      Map<String, Versioned> chosen = new LinkedHashMap<>();
      for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
        entries++;
        // Entry names are the program's: in messages, on one line (see LoadException).
        String name = entry.getName();
        String origin = BoundedText.line(jar + "!/" + name, 1_000);
        countEntry(origin);
        int version = 0;
        if (name.startsWith(VERSIONS)) {
          int slash = name.indexOf('/', VERSIONS.length());
          version = slash < 0 ? -1 : versionOf(name.substring(VERSIONS.length(), slash));
          if (!multiRelease || version < 9 || version > Runtime.version().feature()) {
            continue;
          }
          name = name.substring(slash + 1);
        }
        if (entry.isDirectory() || name.isEmpty() || name.endsWith("module-info.class")) {
          continue;
        }
        boolean isClass = name.endsWith(".class");
        byte[] content = read(in, isClass ? maxClassFileBytes : MAX_TOTAL_BYTES, origin);
        Versioned known = chosen.get(name);
        if (known == null || known.version() < version) {
          chosen.put(name, new Versioned(version, content, origin));
        }
      }
      if (entries == 0 && manifest == null) {
        throw LoadFailure.badInput(jar + ": not a jar file (no entries could be read)");
      }
      for (Map.Entry<String, Versioned> entry : chosen.entrySet()) {
        if (entry.getKey().endsWith(".class")) {
          addClassFile(entry.getValue().content(), entry.getValue().origin(), classPathEntry);
        } else {
          sources.addResource(entry.getKey(), entry.getValue().content());
        }
      }
      String mainClass =
          manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
      return Optional.ofNullable(mainClass).map(String::strip);
    } catch (java.util.zip.ZipException notAJar) {
      throw LoadFailure.badInput(jar + ": not a jar file (" + notAJar.getMessage() + ")", notAJar);
    }
  }

  private static final String VERSIONS = "META-INF/versions/";

  /** The version of a {@code META-INF/versions/N/} directory, or -1 if N is not a number. */
  private static int versionOf(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException notAVersion) {
      return -1;
    }
  }

  /** A jar entry's content, from the version directory it came from (0: the base). */
  private record Versioned(int version, byte[] content, String origin) {}

  /** Counts one file or jar entry of the cell's code; more than {@link #MAX_ENTRIES} is refused. */
  private void countEntry(String origin) {
    if (++this.entries > MAX_ENTRIES) {
      throw LoadFailure.rejected(
          BoundedText.line(origin, 1_000) + ": more than " + MAX_ENTRIES
              + " files and jar entries in a cell's code",
          null);
    }
  }

  private byte[] readFile(Path file, long limit, LinkOption... options) throws IOException {
    try (InputStream in = Files.newInputStream(file, options)) {
      return read(in, limit, BoundedText.line(file.toString(), 1_000));
    }
  }

  /**
   * Reads at most {@code limit} bytes, and at most what is left of the cell's total; more is a
   * {@link LoadException}. Jar entries declare sizes that may lie, so the count is of bytes read.
   */
  private byte[] read(InputStream in, long limit, String origin) throws IOException {
    long allowed = Math.min(limit, MAX_TOTAL_BYTES - totalBytes);
    byte[] content = in.readNBytes((int) Math.min(allowed + 1, Integer.MAX_VALUE - 8));
    if (content.length > allowed) {
      throw LoadFailure.rejected(
          origin
              + ": larger than "
              + allowed
              + " bytes (a class file may have "
              + maxClassFileBytes
              + ", all of a cell's code "
              + MAX_TOTAL_BYTES
              + ")",
          null);
    }
    totalBytes += content.length;
    return content;
  }

  /**
   * Whether the class declares {@code public static void main(String[])}.
   *
   * @throws LoadException if the class file is malformed (ASM reads past its end, or finds
   *     nonsense, with unchecked exceptions of its own)
   */
  static boolean hasMainMethod(byte[] classFile, String origin) {
    try {
      return declaresMain(classFile);
    } catch (RuntimeException malformed) {
      throw LoadFailure.rejected(origin + ": not a valid class file", malformed);
    }
  }

  private static boolean declaresMain(byte[] classFile) {
    boolean[] found = new boolean[1];
    new ClassReader(classFile)
        .accept(
            new ClassVisitor(Opcodes.ASM9) {
              @Override
              public MethodVisitor visitMethod(
                  int access,
                  String name,
                  String descriptor,
                  String signature,
                  String[] exceptions) {
                int required = Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC;
                if ("main".equals(name)
                    && "([Ljava/lang/String;)V".equals(descriptor)
                    && (access & required) == required) {
                  found[0] = true;
                }
                return null;
              }
            },
            ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return found[0];
  }
}
