package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.Opcodes;

/** Loading code from files: what is accepted, what is refused, and how clearly. */
class LoadingTest {

  @TempDir Path temp;

  private static byte[] printer(String name, String text) {
    return Programs.mainClass(
        name,
        main -> {
          main.visitFieldInsn(
              Opcodes.GETSTATIC, "java/lang/System", "out", "Ljava/io/PrintStream;");
          main.visitLdcInsn(text);
          main.visitMethodInsn(
              Opcodes.INVOKEVIRTUAL, "java/io/PrintStream", "println", "(Ljava/lang/String;)V",
              false);
          main.visitInsn(Opcodes.RETURN);
        });
  }

  private Path jar(String mainClass, String entryName, byte[] content) throws IOException {
    Path jar = temp.resolve("app.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (mainClass != null) {
      manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
    }
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      out.putNextEntry(new JarEntry(entryName));
      out.write(content);
      out.closeEntry();
    }
    return jar;
  }

  /**
   * Whether the JVM has initialized {@code type}, where the JVM says so: {@code
   * sun.misc.Unsafe.shouldBeInitialized}, which newer JDKs no longer have.
   */
  private static java.util.Optional<Boolean> initialized(Class<?> type) throws Exception {
    try {
      Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
      java.lang.reflect.Field field = unsafeClass.getDeclaredField("theUnsafe");
      field.setAccessible(true);
      java.lang.reflect.Method should =
          unsafeClass.getMethod("shouldBeInitialized", Class.class);
      return java.util.Optional.of(!(Boolean) should.invoke(field.get(null), type));
    } catch (NoSuchMethodException gone) {
      return java.util.Optional.empty();
    }
  }

  @Test
  void theJdkClassesACellClassNamesAreInitializedBeforeItsCodeRuns() throws Exception {
    // A cell thread may reach a JDK class for the first time at the edge of its stack; a stack
    // overflow in the class's initializer would break that class for the whole JVM.
    Class<?> rare = Class.forName("java.util.concurrent.Exchanger", false, null);
    org.junit.jupiter.api.Assumptions.assumeTrue(
        initialized(rare).isPresent(), "this JDK cannot tell whether a class is initialized");
    org.junit.jupiter.api.Assumptions.assumeFalse(
        initialized(rare).get(), "something else initialized the class already");
    try (Cell cell = Cell.create(Policy.defaults())) {
      cell.loadSource(
          "Trade.java",
          """
          public class Trade {
            public static void main(String[] args) {
              new java.util.concurrent.Exchanger<String>();
            }
          }
          """);

      cell.importClass("Trade");

      assertThat(initialized(rare)).hasValue(true);
    }
  }

  @Test
  void aJdkClassThatClassForNameInitializesIsInitializedOffTheCellsThread() throws Exception {
    // Class.forName with a computed name initializes a JDK class the rewriter never saw named,
    // so it was not initialized before the cell ran; on the cell's thread, at the edge of its
    // stack, an overflow in its initializer would leave it erroneous for the whole JVM. A loader
    // thread initializes it now. (The edge itself is one exact depth, which this test does not
    // aim for: it checks that such a class is initialized, and the JVM's copy is whole.)
    Class<?> rare = Class.forName("java.util.concurrent.ConcurrentLinkedDeque", false, null);
    org.junit.jupiter.api.Assumptions.assumeTrue(
        initialized(rare).isPresent(), "this JDK cannot tell whether a class is initialized");
    org.junit.jupiter.api.Assumptions.assumeFalse(
        initialized(rare).get(), "something else initialized the class already");
    try (Cell cell = Cell.create(Policy.defaults())) {
      RunResult result =
          cell.run(
              cell.loadSource(
                  "ByName.java",
                  """
                  public class ByName {
                    public static void main(String[] args) throws Exception {
                      String name = String.join(".", "java", "util", "concurrent", args[0]);
                      System.out.println(Class.forName(name).getSimpleName());
                    }
                  }
                  """),
              "ConcurrentLinkedDeque");
      assertThat(result.stdout()).as(result.toString()).isEqualTo("ConcurrentLinkedDeque\n");
    }

    assertThat(initialized(rare)).hasValue(true);
    assertThat(new java.util.concurrent.ConcurrentLinkedDeque<String>(java.util.List.of("x")))
        .containsExactly("x");
  }

  @Test
  void aJarRunsItsMainClass() throws IOException {
    Path jar = jar("app.Main", "app/Main.class", printer("app/Main", "from the jar"));
    try (Cell cell = Cell.create(Policy.defaults())) {
      String main = cell.load(jar).orElseThrow();

      assertThat(main).isEqualTo("app.Main");
      assertThat(cell.run(main).stdout()).isEqualTo("from the jar\n");
    }
  }

  @Test
  void aJarWithoutMainClassNamesNone() throws IOException {
    Path jar = jar(null, "app/Main.class", printer("app/Main", "x"));
    try (Cell cell = Cell.create(Policy.defaults())) {
      assertThat(cell.load(jar)).isEmpty();
    }
  }

  @Test
  void aCompressedEntryBiggerThanItsLimitIsNotReadIntoMemory() throws IOException {
    // 64 MiB of zeros compress to a few hundred KiB: a small zip bomb.
    Path jar = temp.resolve("bomb.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry("Bomb.class"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        out.write(zeros);
      }
      out.closeEntry();
    }
    assertThat(Files.size(jar)).isLessThan(1 << 20);

    try (Cell cell = Cell.create(Policy.defaults())) {
      assertThatThrownBy(() -> cell.load(jar))
          .isInstanceOf(LoadException.class)
          .hasMessageContaining("bomb.jar!/Bomb.class: larger than 4194304 bytes");
    }
  }

  @Test
  void aFileThatIsNotAJarIsRefusedInOneLine() throws IOException {
    Path notJar = Files.writeString(temp.resolve("fake.jar"), "just text, not a zip");
    try (Cell cell = Cell.create(Policy.defaults())) {
      assertThatThrownBy(() -> cell.load(notJar))
          .isInstanceOf(LoadException.class)
          .hasMessageStartingWith(notJar + ": not a jar file");
    }
  }

  @Test
  void aMultiReleaseJarRunsTheClassesOfThisJdk() throws IOException {
    Path jar = temp.resolve("multi.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Hello");
    manifest.getMainAttributes().putValue("Multi-Release", "true");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      String[][] entries = {
        {"META-INF/versions/9999/Hello.class", "from the future"},
        {"Hello.class", "base"},
        {"META-INF/versions/11/Hello.class", "version 11"},
        {"META-INF/versions/9/Hello.class", "version 9"},
      };
      for (String[] entry : entries) {
        out.putNextEntry(new JarEntry(entry[0]));
        out.write(printer("Hello", entry[1]));
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry("META-INF/versions/11/module-info.class"));
      out.write(new byte[] {1, 2, 3});
      out.closeEntry();
    }

    try (Cell cell = Cell.create(Policy.defaults())) {
      RunResult result = cell.run(cell.load(jar).orElseThrow());
      assertThat(result.stdout()).as(result.stderr()).isEqualTo("version 11\n");
    }
  }

  @Test
  void aDirectoryOfSourcesSaysSo() throws IOException {
    Path sources = Files.createDirectories(temp.resolve("src"));
    Files.writeString(sources.resolve("Main.java"), "public class Main {}");
    try (Cell cell = Cell.create(Policy.defaults())) {
      assertThatThrownBy(() -> cell.load(sources))
          .isInstanceOf(LoadException.class)
          .hasMessageStartingWith(sources + ": a directory of source files, not of class files");
    }
  }

  @Test
  void aDirectoryWithOneMainClassNamesIt() throws IOException {
    Path classes = Files.createDirectories(temp.resolve("classes/pkg"));
    Files.write(classes.resolve("Main.class"), printer("pkg/Main", "from the directory"));
    Files.write(classes.resolve("Helper.class"),
        Programs.classFile("pkg/Helper", "java/lang/Object", writer -> {}));
    try (Cell cell = Cell.create(Policy.defaults())) {
      String main = cell.load(temp.resolve("classes")).orElseThrow();

      assertThat(main).isEqualTo("pkg.Main");
      assertThat(cell.run(main).stdout()).isEqualTo("from the directory\n");
    }
  }

  @Test
  void aDirectoryWithTwoMainClassesNamesNone() throws IOException {
    Path classes = Files.createDirectories(temp.resolve("classes"));
    Files.write(classes.resolve("A.class"), printer("A", "a"));
    Files.write(classes.resolve("B.class"), printer("B", "b"));
    try (Cell cell = Cell.create(Policy.defaults())) {
      assertThat(cell.load(classes)).isEmpty();
      assertThat(cell.run("B").stdout()).isEqualTo("b\n");
    }
  }

  @Test
  void aSourceFileThatDoesNotCompileGivesJavacsMessages() throws IOException {
    Path source = Files.writeString(temp.resolve("Broken.java"),
        "public class Broken {\n  void m() { int x = \"s\" }\n}\n");
    try (Cell cell = Cell.create(Policy.defaults())) {
      assertThatThrownBy(() -> cell.load(source))
          .isInstanceOf(LoadException.class)
          .hasMessageStartingWith(source + ":2: error: ';' expected")
          .hasMessageEndingWith("1 error");
    }
  }

  @Test
  void javacsErrorsComeAsData() throws IOException {
    Path source = Files.writeString(temp.resolve("Broken.java"),
        "public class Broken {\n  void m() {\n    int x = \"s\";\n    undefined(x);\n  }\n}\n");
    try (Cell cell = Cell.create(Policy.defaults())) {
      LoadException failure = catchThrowableOfType(LoadException.class, () -> cell.load(source));

      assertThat(failure.kind()).isEqualTo(LoadException.Kind.COMPILE_ERROR);
      assertThat(failure.compileErrors())
          .containsExactly(
              new CompileError(source.toString(), 3, 13,
                  "incompatible types: java.lang.String cannot be converted to int"),
              new CompileError(source.toString(), 4, 5,
                  "cannot find symbol\n  symbol:   method undefined(int)\n  location: class Broken"));
    }
  }

  @Test
  void aMalformedClassFileInADirectoryIsRejectedAtLoad() throws IOException {
    byte[] whole = printer("Cut", "never");
    Path classes = Files.createDirectories(temp.resolve("classes"));
    Files.write(classes.resolve("Cut.class"), java.util.Arrays.copyOf(whole, whole.length - 20));
    try (Cell cell = Cell.create(Policy.defaults())) {
      LoadException failure = catchThrowableOfType(LoadException.class, () -> cell.load(classes));

      assertThat(failure.kind()).isEqualTo(LoadException.Kind.REJECTED);
      assertThat(failure).hasMessage(classes.resolve("Cut.class") + ": not a valid class file");
    }
  }

  @Test
  void sourceCannotSeeTheHostsClassesAtCompileTime() {
    try (Cell cell = Cell.create(Policy.defaults())) {
      assertThatThrownBy(
              () ->
                  cell.loadSource(
                      "Peek.java",
                      "public class Peek { org.rexec.Cell cell; "
                          + "public static void main(String[] a) {} }"))
          .isInstanceOf(LoadException.class)
          .hasMessageContaining("package org.rexec does not exist");
    }
  }

  @Test
  void aMissingFileIsReportedAsSuch() {
    try (Cell cell = Cell.create(Policy.defaults())) {
      assertThatThrownBy(() -> cell.load(temp.resolve("missing.jar")))
          .isInstanceOf(NoSuchFileException.class);
    }
  }

  @Test
  void aClassCannotBeLoadedTwice() {
    try (Cell cell = Cell.create(Policy.defaults())) {
      cell.loadClassFile(printer("Twice", "x"));

      assertThatThrownBy(() -> cell.loadClassFile(printer("Twice", "y")))
          .isInstanceOf(LoadException.class)
          .hasMessage("class file: the cell already has a class Twice");
    }
  }

  @Test
  void codeCannotBeAddedOnceTheCellHasRun() {
    try (Cell cell = Cell.create(Policy.defaults())) {
      cell.run(cell.loadClassFile(printer("First", "x")));

      assertThatThrownBy(() -> cell.loadClassFile(printer("Second", "y")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("code cannot be loaded into a cell once it has run");
    }
  }

  @Test
  void aMissingMainClassOrMethodIsAnError() {
    try (Cell cell = Cell.create(Policy.defaults())) {
      cell.loadClassFile(Programs.classFile("NoMain", "java/lang/Object", writer -> {}));

      RunResult noClass = cell.run("Absent");
      RunResult noMethod = cell.run("NoMain");

      assertThat(noClass.status()).isEqualTo(RunStatus.ERROR);
      assertThat(noClass.exitCode()).isEqualTo(2);
      assertThat(noClass.message()).hasValue("no class Absent in the cell");
      assertThat(noMethod.message())
          .hasValue("no method public static void main(String[]) in NoMain");
    }
  }

  @Test
  void symbolicLinksInACodeDirectoryAreNotFollowed() throws Exception {
    Path secret = Files.writeString(temp.resolve("secret.txt"), "host secret");
    Path classes = Files.createDirectories(temp.resolve("classes"));
    Files.write(classes.resolve("Main.class"), printer("Main", "hi"));
    Files.createSymbolicLink(classes.resolve("data.txt"), secret);
    Files.createSymbolicLink(classes.resolve("Linked.class"), classes.resolve("Main.class"));
    try (Cell cell = Cell.create(Policy.defaults())) {
      assertThat(cell.load(classes)).hasValue("Main");
      Class<?> main = cell.importClass("Main");

      assertThat(main.getClassLoader().getResourceAsStream("data.txt")).isNull();
      assertThat(cell.check()).isEmpty();
    }
  }
}
