package org.rexec.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rexec.Cell;
import org.rexec.Policy;
import org.rexec.RunResult;

/**
 * A program that uses files the ordinary way prints the same and writes the same inside a cell,
 * with the matching grants, as on a plain JVM started in the same directory.
 */
class SameAsPlainJvmTest {

  private static final String PROGRAM =
      """
      import java.io.*;
      import java.nio.file.*;
      import java.util.*;
      import java.util.stream.*;
      public class FileWork {
        public static void main(String[] args) throws IOException {
          List<String> words;
          try (Scanner in = new Scanner(new File("input.txt"))) {
            words = new ArrayList<>();
            while (in.hasNext()) words.add(in.next());
          }
          System.out.println("words: " + words);
          try (Stream<Path> walk = Files.walk(Path.of("data"))) {
            walk.filter(Files::isRegularFile).map(Path::toString).sorted().forEach(System.out::println);
          }
          try (Stream<String> lines = Files.lines(Path.of("data", "numbers.txt"))) {
            System.out.println("sum: " + lines.mapToInt(Integer::parseInt).sum());
          }
          Path temp = Files.createTempFile("work", ".tmp");
          Files.writeString(temp, String.join(",", words));
          System.out.println("temp holds: " + Files.readString(temp));
          Files.delete(temp);
          new File("out").mkdirs();
          try (PrintWriter out = new PrintWriter(new FileWriter("out/result.txt"))) {
            out.println(words.size() + " words");
            out.printf(Locale.ROOT, "%.2f%n", 2.0 / 3);
          }
          try (BufferedReader back = new BufferedReader(new FileReader("out/result.txt"))) {
            System.out.println("result: " + back.readLine());
          }
          System.out.println("exists: " + new File("out/result.txt").exists() + " "
              + new File("missing.txt").exists());
        }
      }
      """;

  @TempDir Path directory;

  @Test
  void aFileProgramBehavesTheSameInACellAsOnAPlainJvm() throws Exception {
    Files.writeString(directory.resolve("input.txt"), "the quick brown fox\n");
    Files.createDirectories(directory.resolve("data/nested"));
    Files.writeString(directory.resolve("data/numbers.txt"), "1\n2\n39\n");
    Files.writeString(directory.resolve("data/nested/note.txt"), "note\n");
    Files.createDirectories(directory.resolve("out"));
    Path classes = Files.createDirectories(directory.resolve("classes"));
    Path source = Files.writeString(directory.resolve("classes/FileWork.java"), PROGRAM);
    int compiled =
        ToolProvider.getSystemJavaCompiler()
            .run(null, null, null, "-d", classes.toString(), source.toString());
    assertThat(compiled).isZero();

    String plain = runPlain(classes);
    String plainResult = Files.readString(directory.resolve("out/result.txt"));
    Files.delete(directory.resolve("out/result.txt"));

    RunResult inCell;
    Policy policy =
        Policy.builder()
            .allowRead(directory.resolve("input.txt"))
            .allowRead(directory.resolve("data"))
            .allowWrite(directory.resolve("out"))
            .workingDirectory(directory.toString())
            .build();
    try (Cell cell = Cell.create(policy)) {
      inCell = cell.run(cell.loadSource("FileWork.java", PROGRAM));
    }

    assertThat(inCell.stderr()).isEmpty();
    // The one probe outside the grants answers as on the plain JVM, and is recorded.
    assertThat(inCell.violations())
        .singleElement()
        .satisfies(violation -> assertThat(violation.detail()).endsWith("/missing.txt"));
    assertThat(inCell.stdout()).isEqualTo(plain);
    assertThat(Files.readString(directory.resolve("out/result.txt"))).isEqualTo(plainResult);
    assertThat(plain).contains("words: [the, quick, brown, fox]", "sum: 42", "exists: true false");
  }

  private String runPlain(Path classes) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(List.of(java.toString(), "-cp", classes.toString(), "FileWork"))
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }
}
