package org.rexec.compile;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.lang.model.SourceVersion;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import org.rexec.bug.RexecBugException;

/**
 * The source path of a launched file, as javac sees it: the {@code .java} files of the tree rooted
 * where the launched file's package says (JEP 458), found by package and read only when javac asks
 * for them, that is when the program refers to one of their classes.
 *
 * <p>Nothing outside the root is reachable: a package is looked up one directory at a time, and a
 * directory or file that is a symbolic link is not followed (it could point anywhere); only files
 * whose names are class names ({@code Helper.java}, not {@code module-info.java}) are offered;
 * the launched file itself is not offered again. Every listing and every file read is recorded, so
 * that a cached compilation can be checked against the tree as it is now ({@link Reads}).
 */
final class SourceTree {

  /** The most bytes of one source file, and of all of them together. */
  static final long MAX_FILE_BYTES = SourceProgram.MAX_FILE_BYTES;

  static final long MAX_TOTAL_BYTES = 32L << 20;

  private final Path root;
  private final Path displayRoot;
  private final Path launchedFile;
  private final Map<String, List<String>> listings = new TreeMap<>();
  private final Map<String, String> fileHashes = new TreeMap<>();
  private final List<String> filesRead = new ArrayList<>();
  private long bytesRead;

  /**
   * @param root the source root, absolute and normalized
   * @param displayRoot how messages name the root: as the user named the launched file
   * @param launchedFile the launched file, absolute and normalized
   */
  SourceTree(Path root, Path displayRoot, Path launchedFile) {
    this.root = root;
    this.displayRoot = displayRoot;
    this.launchedFile = launchedFile;
  }

  /**
   * The root of the tree of {@code file} (absolute and normalized) whose package is {@code
   * packageName}: its directory for the unnamed package, else the directory above the package's
   * directories, which must end the file's path as the java launcher requires.
   *
   * @throws IllegalArgumentException if the file's directories do not match its package
   */
  static Path root(Path file, String packageName) {
    Path directory = file.getParent();
    if (packageName.isEmpty()) {
      return directory;
    }
    Path packagePath = Path.of(packageName.replace('.', '/'));
    if (directory == null || !directory.endsWith(packagePath)) {
      throw new IllegalArgumentException(
          "end of path to source file does not match its package name " + packageName
              + ": a file of package " + packageName + " must be in a directory "
              + packagePath + " under its source root (the java launcher's rule)");
    }
    Path root = directory;
    for (int i = 0; i < packagePath.getNameCount(); i++) {
      root = root.getParent();
    }
    return root == null ? directory.getRoot() : root;
  }

  /**
   * Refuses a launched file reached through a link below its source root: the package's
   * directories are the submitter's, and a link there would make another directory's file the
   * program (and its lines javac's error messages). Checked before any message about the file.
   *
   * @throws IllegalArgumentException naming the link
   */
  static void requireNoLinkBelowRoot(Path file, String packageName) {
    Path directory = file.getParent();
    if (packageName.isEmpty() || directory == null
        || !directory.endsWith(Path.of(packageName.replace('.', '/')))) {
      return;
    }
    for (int i = 0; i < packageName.split("\\.", -1).length && directory != null; i++) {
      if (Files.isSymbolicLink(directory)) {
        throw new IllegalArgumentException(
            directory + " is a symbolic link below the source root; rexec does not follow links"
                + " in a source tree");
      }
      directory = directory.getParent();
    }
  }

  /** The source files of {@code packageName} in this tree; an empty list if there are none. */
  List<JavaFileObject> list(String packageName) throws IOException {
    List<String> names = names(packageName);
    listings.putIfAbsent(packageName, names);
    List<JavaFileObject> files = new ArrayList<>();
    for (String name : names) {
      files.add(new TreeFile(packageName, name));
    }
    return files;
  }

  /** The names of the source files javac may use in a package directory, sorted. */
  private List<String> names(String packageName) throws IOException {
    Path directory = root;
    if (!packageName.isEmpty()) {
      for (String segment : packageName.split("\\.", -1)) {
        if (!SourceVersion.isIdentifier(segment)) {
          return List.of();
        }
        directory = directory.resolve(segment);
        // One directory at a time and no links: the tree is what lies under the root.
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
          return List.of();
        }
      }
    }
    List<String> names = new ArrayList<>();
    // The root itself is the supervisor's choice and may be reached through a link.
    if (!Files.isDirectory(directory)) {
      return names;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*.java")) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        String className = name.substring(0, name.length() - ".java".length());
        if (SourceVersion.isIdentifier(className)
            && !SourceVersion.isKeyword(className)
            && !entry.equals(launchedFile)
            && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
          names.add(name);
        }
      }
    }
    names.sort(null);
    return names;
  }

  /** What javac saw of this tree: the listings it made and the files it read. */
  Reads reads() {
    return new Reads(root, launchedFile, Map.copyOf(listings), new LinkedHashMap<>(fileHashes));
  }

  /** The files of the tree javac read, as messages name them, in the order it read them. */
  List<String> filesRead() {
    return List.copyOf(filesRead);
  }

  private String relative(String packageName, String fileName) {
    return packageName.isEmpty() ? fileName : packageName.replace('.', '/') + "/" + fileName;
  }

  private byte[] read(String relative) throws IOException {
    Path file = root.resolve(relative);
    byte[] content;
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      content = in.readNBytes((int) Math.min(MAX_FILE_BYTES, MAX_TOTAL_BYTES - bytesRead) + 1);
    }
    if (content.length > MAX_FILE_BYTES || bytesRead + content.length > MAX_TOTAL_BYTES) {
      throw new IOException(
          "larger than the source files of a program may be (" + MAX_FILE_BYTES
              + " bytes a file, " + MAX_TOTAL_BYTES + " in all)");
    }
    bytesRead += content.length;
    return content;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new RexecBugException("SHA-256 is required on every JDK", e);
    }
  }

  /** One source file of the tree, read when javac asks for its text. */
  final class TreeFile extends SimpleJavaFileObject {
    private final String relative;
    private final String binaryName;
    private String text;

    TreeFile(String packageName, String fileName) {
      super(URI.create("tree:///" + relative(packageName, fileName)), Kind.SOURCE);
      this.relative = relative(packageName, fileName);
      String simpleName = fileName.substring(0, fileName.length() - ".java".length());
      this.binaryName = packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
    }

    String binaryName() {
      return binaryName;
    }

    /** How diagnostics name the file: under the root as the user named it. */
    @Override
    public String getName() {
      return displayRoot.resolve(relative).toString();
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) throws IOException {
      if (text == null) {
        byte[] content = read(relative);
        fileHashes.put(relative, sha256(content));
        filesRead.add(getName());
        text = new String(content, StandardCharsets.UTF_8);
      }
      return text;
    }
  }

  /**
   * The listings and file contents one compilation saw. They are all javac's inputs from the
   * tree: if listing the same packages gives the same names and the files read hold the same
   * bytes, compiling again would give the same classes.
   */
  record Reads(
      Path root, Path launchedFile, Map<String, List<String>> listings,
      Map<String, String> fileHashes) {

    /**
     * About how many bytes these records hold: a cache must count them with the classes, for a
     * tree of 100,000 files keeps 100,000 names in its listing however small the program.
     */
    long retainedBytes() {
      long bytes = 0;
      for (Map.Entry<String, List<String>> listing : listings.entrySet()) {
        bytes += 64 + 2L * listing.getKey().length();
        for (String name : listing.getValue()) {
          bytes += 56 + 2L * name.length();
        }
      }
      for (Map.Entry<String, String> file : fileHashes.entrySet()) {
        bytes += 160 + 2L * file.getKey().length();
      }
      return bytes;
    }

    /** Whether the tree still lists and holds what the compilation saw. */
    boolean unchanged() {
      SourceTree now = new SourceTree(root, root, launchedFile);
      try {
        for (Map.Entry<String, List<String>> listing : listings.entrySet()) {
          if (!now.names(listing.getKey()).equals(listing.getValue())) {
            return false;
          }
        }
        for (Map.Entry<String, String> file : fileHashes.entrySet()) {
          if (!sha256(now.read(file.getKey())).equals(file.getValue())) {
            return false;
          }
        }
        return true;
      } catch (IOException gone) {
        return false;
      }
    }
  }
}
