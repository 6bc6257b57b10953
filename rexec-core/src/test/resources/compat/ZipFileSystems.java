import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** A zip file opened as a file system: listed, read, walked, matched, its attributes read. */
public class ZipFileSystems {

  static void entry(ZipOutputStream zip, String name, String text, boolean stored)
      throws IOException {
    ZipEntry entry = new ZipEntry(name);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (stored) {
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update(bytes);
      entry.setMethod(ZipEntry.STORED);
      entry.setSize(bytes.length);
      entry.setCrc(crc.getValue());
    }
    zip.putNextEntry(entry);
    zip.write(bytes);
    zip.closeEntry();
  }

  public static void main(String[] args) throws IOException {
    Path file = Files.createTempFile("compat", ".zip");
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      entry(zip, "README.txt", "a zip as a file system\n", false);
      entry(zip, "src/", "", true);
      entry(zip, "src/Main.java", "class Main {}\n".repeat(50), false);
      entry(zip, "src/util/Text.java", "class Text {}\n", true);
      entry(zip, "data/numbers.csv", "1,2,3\n4,5,6\n", false);
    }

    try (FileSystem zip = FileSystems.newFileSystem(file)) {
      System.out.println("open " + zip.isOpen() + ", separator " + zip.getSeparator());
      List<String> roots = new ArrayList<>();
      zip.getRootDirectories().forEach(root -> roots.add(root.toString()));
      System.out.println("roots " + roots);

      Path root = zip.getPath("/");
      try (DirectoryStream<Path> top = Files.newDirectoryStream(root)) {
        List<String> names = new ArrayList<>();
        top.forEach(path -> names.add(path.getFileName() + (Files.isDirectory(path) ? "/" : "")));
        names.sort(null);
        System.out.println("top " + names);
      }

      try (Stream<Path> walk = Files.walk(root)) {
        for (Path path : walk.sorted().collect(Collectors.toList())) {
          BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
          System.out.println("  " + path + " dir=" + attributes.isDirectory()
              + " size=" + (attributes.isDirectory() ? "-" : attributes.size())
              + " parent=" + path.getParent() + " names=" + path.getNameCount());
        }
      }

      System.out.print(Files.readString(zip.getPath("README.txt")));
      System.out.println("Main.java lines " + Files.readAllLines(zip.getPath("/src/Main.java")).size());
      try (BufferedReader reader = Files.newBufferedReader(zip.getPath("data", "numbers.csv"))) {
        System.out.println("csv " + reader.lines().collect(Collectors.joining(";")));
      }
      try (InputStream in = Files.newInputStream(zip.getPath("/src/util/Text.java"))) {
        System.out.println("stored " + new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
      }

      Path main = zip.getPath("/src/Main.java");
      System.out.println("resolve " + zip.getPath("/src").resolve("util/Text.java"));
      System.out.println("relativize " + zip.getPath("/data").relativize(main));
      System.out.println("normalize " + zip.getPath("/src/./util/../Main.java").normalize());
      System.out.println("absolute " + zip.getPath("src").toAbsolutePath());
      System.out.println("startsWith " + main.startsWith("/src") + " endsWith " + main.endsWith("Main.java"));
      System.out.println("same fs " + (main.getFileSystem() == zip) + ", scheme " + zip.provider().getScheme());
      System.out.println("exists " + Files.exists(main) + " " + Files.exists(zip.getPath("/nope")));
      System.out.println("readable " + Files.isReadable(main) + ", regular " + Files.isRegularFile(main));
      System.out.println("size attribute " + Files.getAttribute(main, "size"));

      PathMatcher javaFiles = zip.getPathMatcher("glob:**.java");
      try (Stream<Path> found = Files.find(root, 5, (path, attributes) -> javaFiles.matches(path))) {
        System.out.println("java files " + found.map(Path::toString).sorted().collect(Collectors.toList()));
      }
      List<String> entries = new ArrayList<>();
      for (Path name : main) {
        entries.add(name.toString());
      }
      System.out.println("iterated " + entries);

      Path copy = Files.createTempFile("copied", ".csv");
      Files.copy(zip.getPath("data/numbers.csv"), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      System.out.println("copied out " + Files.readString(copy).length());
      Files.delete(copy);

      try {
        Files.readString(zip.getPath("/missing.txt"));
      } catch (java.nio.file.NoSuchFileException e) {
        System.out.println("missing " + e.getMessage());
      }
    }

    try (FileSystem again = FileSystems.newFileSystem(file, Map.of("encoding", "UTF-8"))) {
      System.out.println("with env " + Files.size(again.getPath("README.txt")));
    }
    Files.delete(file);
  }
}
