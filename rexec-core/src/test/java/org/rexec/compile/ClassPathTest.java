package org.rexec.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rexec.Cell;
import org.rexec.LoadException;
import org.rexec.Policy;
import org.rexec.RunResult;

/** A class path of jars and directories loaded into one cell, as {@code java -cp} takes it. */
class ClassPathTest {

  @TempDir Path temp;

  private static Map<String, byte[]> compile(String fileName, String source) throws Exception {
    return new SourceCompiler().compile(fileName, source, Duration.ofSeconds(30)).classFiles();
  }

  private Path jar(String name, Map<String, byte[]> classFiles) throws IOException {
    Path jar = temp.resolve(name);
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      for (Map.Entry<String, byte[]> classFile : classFiles.entrySet()) {
        out.putNextEntry(new JarEntry(classFile.getKey() + ".class"));
        out.write(classFile.getValue());
        out.closeEntry();
      }
    }
    return jar;
  }

  private Path directory(String name, Map<String, byte[]> classFiles) throws IOException {
    Path directory = temp.resolve(name);
    for (Map.Entry<String, byte[]> classFile : classFiles.entrySet()) {
      Path file = directory.resolve(classFile.getKey() + ".class");
      Files.createDirectories(file.getParent());
      Files.write(file, classFile.getValue());
    }
    return directory;
  }

  @Test
  void theFirstEntryWithAClassWinsAsOnJavasClassPath() throws Exception {
    Path first =
        jar("first.jar", compile("Lib.java", "public class Lib { public static String v() { return \"first\"; } }"));
    Path second =
        directory("second", compile("Lib.java", "public class Lib { public static String v() { return \"second\"; } }"));
    Path program =
        directory("program", compile("Main.java",
            "public class Main { public static void main(String[] a) { System.out.println(Lib.v()); } }"
                + " class Lib { static String v() { return \"\"; } }"));
    Files.delete(program.resolve("Lib.class"));

    try (Cell cell = Cell.create(Policy.defaults())) {
      cell.loadClassPath(List.of(program, first, second));
      RunResult result = cell.run("Main");
      assertThat(result.stdout()).as(result.stderr()).isEqualTo("first\n");
    }
  }

  @Test
  void aSourceProgramCompilesAgainstTheClassPathAndRunsWithIt() throws Exception {
    Path lib =
        jar("lib.jar", compile("Text.java",
            "package lib; public class Text { public static String shout(String s) { return s.toUpperCase() + \"!\"; } }"));
    Path main = temp.resolve("Main.java");
    Files.writeString(main,
        "class Main { public static void main(String[] a) { System.out.println(lib.Text.shout(\"hi\")); } }");

    try (Cell cell = Cell.create(Policy.defaults())) {
      cell.loadClassPath(List.of(lib));
      RunResult result = cell.run(cell.load(main).orElseThrow());
      assertThat(result.stdout()).as(result.stderr()).isEqualTo("HI!\n");
    }
    // Without the class path the same file does not compile: javac sees no host classes.
    try (Cell cell = Cell.create(Policy.defaults())) {
      assertThatThrownBy(() -> cell.load(main))
          .isInstanceOf(LoadException.class)
          .hasMessageContaining("package lib does not exist");
    }
  }

  @Test
  void aLibrarysClassesAreCheckedLikeTheProgramsOwn() throws Exception {
    Path lib =
        jar("lib.jar", compile("Exec.java",
            "public class Exec { public static void run() throws Exception {"
                + " Runtime.getRuntime().exec(new String[] {\"touch\", \"" + temp.resolve("pwned") + "\"}); } }"));
    Path main = temp.resolve("Main.java");
    Files.writeString(main,
        "class Main { public static void main(String[] a) throws Exception { Exec.run(); } }");

    try (Cell cell = Cell.create(Policy.defaults())) {
      cell.loadClassPath(List.of(lib));
      RunResult result = cell.run(cell.load(main).orElseThrow());
      assertThat(result.violations()).isNotEmpty();
    }
    assertThat(temp.resolve("pwned")).doesNotExist();
  }

  @Test
  void anAnnotationProcessorOnTheClassPathNeverRunsInTheSupervisor() throws Exception {
    // javac would load a processor named in META-INF/services of its class path into the
    // supervisor and run it there, outside any cell.
    Path marker = temp.resolve("processor-ran");
    Map<String, byte[]> processor =
        compile("Spy.java",
            "import java.util.Set; import javax.annotation.processing.*;"
                + " import javax.lang.model.element.TypeElement;"
                + " @SupportedAnnotationTypes(\"*\")"
                + " public class Spy extends AbstractProcessor {"
                + "  public void init(ProcessingEnvironment env) { super.init(env);"
                + "   try { java.nio.file.Files.writeString(java.nio.file.Path.of(\""
                + marker + "\"), \"ran\"); } catch (Exception e) { throw new RuntimeException(e); } }"
                + "  public javax.lang.model.SourceVersion getSupportedSourceVersion() {"
                + "   return javax.lang.model.SourceVersion.latestSupported(); }"
                + "  public boolean process(Set<? extends TypeElement> a, RoundEnvironment r) {"
                + "   return false; } }");
    Path jar = temp.resolve("spy.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry("Spy.class"));
      out.write(processor.get("Spy"));
      out.putNextEntry(new JarEntry("META-INF/services/javax.annotation.processing.Processor"));
      out.write("Spy\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    Path main = temp.resolve("Main.java");
    Files.writeString(main,
        "class Main { public static void main(String[] a) { System.out.println(\"ok\"); } }");

    try (Cell cell = Cell.create(Policy.defaults())) {
      cell.loadClassPath(List.of(jar));
      assertThat(cell.run(cell.load(main).orElseThrow()).stdout()).isEqualTo("ok\n");
    }
    assertThat(marker).doesNotExist();

    // The control: javac itself, told to, does run it.
    int status =
        javax.tools.ToolProvider.getSystemJavaCompiler()
            .run(null, null, null, "-processorpath", jar.toString(), "-processor", "Spy",
                "-d", temp.resolve("out").toString(), main.toString());
    assertThat(status).isZero();
    assertThat(marker).exists();
  }

  @Test
  void aMissingEntryOrOneThatIsNotAJarIsAOneLineError() throws Exception {
    Path text = temp.resolve("notes.txt");
    Files.writeString(text, "not a jar");
    Path fifo = temp.resolve("missing.jar");
    try (Cell cell = Cell.create(Policy.defaults())) {
      assertThatThrownBy(() -> cell.loadClassPath(List.of(fifo)))
          .isInstanceOf(LoadException.class)
          .hasMessage(fifo + ": no such class path entry (file or directory)");
      assertThatThrownBy(() -> cell.loadClassPath(List.of(text)))
          .isInstanceOf(LoadException.class)
          .hasMessageStartingWith(text + ": not a jar file")
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void aClassInBothTheClassPathAndTheSourceIsRefused() throws Exception {
    Path lib = jar("lib.jar", compile("Main.java", "public class Main { public static void main(String[] a) {} }"));
    Path main = temp.resolve("Main.java");
    Files.writeString(main, "class Main { public static void main(String[] a) {} }");

    try (Cell cell = Cell.create(Policy.defaults())) {
      cell.loadClassPath(List.of(lib));
      assertThatThrownBy(() -> cell.load(main))
          .isInstanceOf(LoadException.class)
          .hasMessage(main + ": class Main of the source program is also in code loaded before it"
              + " (the class path)");
    }
  }
}
