package org.rexec.compile;

import org.rexec.CodeCaches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rexec.Cell;
import org.rexec.LoadException;
import org.rexec.Policy;
import org.rexec.RunResult;

/**
 * Programs of several source files, compiled as {@code java Main.java} compiles them on JDK 22
 * and later (JEP 458): the launched file, and the files of its source tree it refers to.
 */
class MultiFileSourceTest {

  private static final Duration LIMIT = Duration.ofSeconds(30);

  @TempDir Path temp;

  private Path write(String relative, String text) throws IOException {
    return SourceFiles.write(temp, relative, text);
  }

  private static RunResult run(Path main) throws IOException {
    return SourceFiles.runUncached(main);
  }

  @Test
  void aHelperClassInASiblingFileIsCompiledWithTheProgram() throws IOException {
    Path main =
        write("src/Main.java",
            "class Main { public static void main(String[] a) { Helper.greet(\"cell\"); } }");
    write("src/Helper.java",
        "class Helper { static void greet(String n) { System.out.println(\"hello \" + n); } }");

    RunResult result = run(main);

    assertThat(result.stdout()).as(result.stderr()).isEqualTo("hello cell\n");
  }

  @Test
  void onlyTheFilesTheProgramRefersToAreCompiled() throws IOException, CompilationException {
    Path main =
        write("src/Main.java",
            "class Main { public static void main(String[] a) { System.out.println(Helper.N); } }");
    write("src/Helper.java", "class Helper { static final int N = 42; }");
    // Broken, but never referred to: java Main.java does not compile it either.
    write("src/Unused.java", "class Unused { this does not compile }");

    assertThat(run(main).stdout()).isEqualTo("42\n");
    CompiledSource compiled =
        new SourceCompiler().compile(program(main), LIMIT).compiled();
    assertThat(compiled.sourceFiles())
        .containsExactly(main.toString(), temp.resolve("src/Helper.java").toString());
    assertThat(compiled.classFiles()).containsOnlyKeys("Main", "Helper");
  }

  @Test
  void theSourceRootIsWhereThePackageOfTheLaunchedFileSays() throws IOException {
    Path main =
        write("src/app/Main.java",
            "package app;\n"
                + "import app.util.Text;\n"
                + "public class Main { public static void main(String[] a) {"
                + " System.out.println(Text.shout(\"hi\") + Local.X); } }");
    write("src/app/Local.java", "package app; class Local { static final String X = \"!\"; }");
    write("src/app/util/Text.java",
        "package app.util; public class Text {"
            + " public static String shout(String s) { return s.toUpperCase(); } }");

    RunResult result = run(main);

    assertThat(result.stdout()).as(result.stderr()).isEqualTo("HI!\n");
  }

  @Test
  void aLaunchedFileOutsideItsPackageDirectoryIsRefusedAsByJava() throws IOException {
    Path main =
        write("src/Main.java",
            "package app; class Main { public static void main(String[] a) {} }");

    assertThatThrownBy(() -> run(main))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining(main.toString())
        .hasMessageContaining("end of path to source file does not match its package name app");
  }

  @Test
  void aCompileErrorInASiblingNamesThatFile() throws IOException {
    Path main =
        write("src/Main.java",
            "class Main { public static void main(String[] a) { Helper.run(); } }");
    write("src/Helper.java", "class Helper {\n  static void run() { int x = \"text\"; }\n}\n");

    assertThatThrownBy(() -> run(main))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining(temp.resolve("src/Helper.java") + ":2: error: incompatible types")
        .hasMessageNotContaining("Main.java:");
  }

  @Test
  void otherFilesAreNamedAsTheUserNamedTheLaunchedOne() throws IOException {
    // rexec run src/app/Main.java from the directory above src: src/app/Helper.java.
    Path main =
        write("src/app/Main.java",
            "package app; class Main { public static void main(String[] a) { Helper.run(); } }");
    write("src/app/Helper.java", "package app;\nclass Helper { static void run() { nope(); } }\n");
    SourceProgram relative =
        new SourceProgram("src/app/Main.java", Files.readString(main), main, Map.of());

    assertThatThrownBy(() -> new SourceCompiler().compile(relative, LIMIT))
        .isInstanceOf(CompilationException.class)
        .hasMessageStartingWith("src/app/Helper.java:2: error: cannot find symbol");
    SourceProgram bare = new SourceProgram("Main.java", Files.readString(main), main, Map.of());
    assertThatThrownBy(() -> new SourceCompiler().compile(bare, LIMIT))
        .hasMessageStartingWith(temp.resolve("src/app/Helper.java") + ":2:");
  }

  @Test
  void editingASiblingCompilesAgain() throws IOException, CompilationException {
    CompileCache cache = new CompileCache(CompileCache.DEFAULT_MAX_BYTES);
    Path main =
        write("src/Main.java",
            "class Main { public static void main(String[] a) { System.out.println(Helper.V); } }");
    Path helper = write("src/Helper.java", "class Helper { static final String V = \"one\"; }");

    CompiledSource first = cache.compile(program(main), LIMIT);
    assertThat(cache.compile(program(main), LIMIT)).isSameAs(first);
    Files.writeString(helper, "class Helper { static final String V = \"two\"; }");
    CompiledSource edited = cache.compile(program(main), LIMIT);

    assertThat(edited).isNotSameAs(first);
    assertThat(cache.statistics()).startsWith("hits=1 misses=2");
    try (Cell cell = Cell.builder(Policy.defaults()).codeCache(CodeCaches.compilingInto(cache)).create()) {
      assertThat(cell.run(cell.load(main).orElseThrow()).stdout()).isEqualTo("two\n");
    }
  }

  @Test
  void aNewFileThatShadowsAnImportCompilesAgain() throws IOException, CompilationException {
    // A class of the program's own package hides one imported on demand: a new file the
    // compilation never read still changes what the program means.
    CompileCache cache = new CompileCache(CompileCache.DEFAULT_MAX_BYTES);
    Path main =
        write("src/Main.java",
            "import java.util.*;\n"
                + "class Main { public static void main(String[] a) {"
                + " System.out.println(new ArrayList<String>().size()); } }");
    CompiledSource first = cache.compile(program(main), LIMIT);
    write("src/ArrayList.java", "class ArrayList<T> {}");

    assertThatThrownBy(() -> cache.compile(program(main), LIMIT))
        .isInstanceOf(CompilationException.class)
        .hasMessageContaining("cannot find symbol");
    assertThat(first.classFiles()).containsKey("Main");
  }

  @Test
  void aFileOutsideTheSourceRootIsNotReachable() throws IOException {
    // The program lives in src/app; a class beside src, in its parent, or under a link that
    // leads out of the tree is not part of the program.
    Path main =
        write("src/app/Main.java",
            "package app; class Main { public static void main(String[] a) {"
                + " System.out.println(Secret.VALUE); } }");
    write("Secret.java", "class Secret { static final String VALUE = \"outside\"; }");
    write("src/Secret.java", "class Secret { static final String VALUE = \"root\"; }");
    write("elsewhere/app/Secret.java",
        "package app; class Secret { static final String VALUE = \"linked\"; }");

    assertThatThrownBy(() -> run(main))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("cannot find symbol")
        .hasMessageContaining("Secret");

    Path linkedMain =
        write("tree/Main.java",
            "class Main { public static void main(String[] a) {"
                + " System.out.println(app.Secret.VALUE); } }");
    Files.createSymbolicLink(temp.resolve("tree/app"), temp.resolve("elsewhere/app"));
    assertThatThrownBy(() -> run(linkedMain))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("package app does not exist");

    Files.createDirectories(temp.resolve("tree2"));
    Path linkedFileMain =
        write("tree2/Main.java",
            "class Main { public static void main(String[] a) {"
                + " System.out.println(Secret.VALUE); } }");
    Files.createSymbolicLink(temp.resolve("tree2/Secret.java"), temp.resolve("Secret.java"));
    assertThatThrownBy(() -> run(linkedFileMain))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("cannot find symbol");
  }

  @Test
  void aRootReachedThroughALinkIsTheTree() throws IOException {
    // rexec run project/Main.java where project is a link to the real directory.
    write("real/Main.java",
        "class Main { public static void main(String[] a) { System.out.println(Helper.N); } }");
    write("real/Helper.java", "class Helper { static final int N = 3; }");
    Path link = Files.createSymbolicLink(temp.resolve("project"), temp.resolve("real"));

    assertThat(run(link.resolve("Main.java")).stdout()).isEqualTo("3\n");
  }

  @Test
  void aSourceGivenAsTextIsCompiledAlone() throws IOException {
    write("Helper.java", "class Helper { static final int N = 1; }");
    try (Cell cell = Cell.create(Policy.defaults())) {
      assertThatThrownBy(
              () -> cell.loadSource(
                  temp.resolve("Main.java").toString(),
                  "class Main { public static void main(String[] a) {"
                      + " System.out.println(Helper.N); } }"))
          .isInstanceOf(LoadException.class)
          .hasMessageContaining("cannot find symbol");
    }
  }

  @Test
  void theLaunchedFileIsNotCompiledTwiceWhenItsFirstClassIsNotNamedAfterIt() throws IOException {
    // Main.java declares Program; a reference to Main must not make javac read Main.java again.
    Path main =
        write("src/Main.java",
            "class Program { public static void main(String[] a) { System.out.println(Other.X); } }");
    write("src/Other.java", "class Other { static final int X = 7; }");

    assertThat(run(main).stdout()).isEqualTo("7\n");
  }

  private static SourceProgram program(Path main) throws IOException {
    return new SourceProgram(main.toString(), Files.readString(main), main, Map.of());
  }
}
