package org.rexec.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Opcodes;
import org.rexec.RunResult;

/**
 * Constants javac would fold into strings longer than a class file holds are refused before javac
 * builds them; ordinary constants still compile and run.
 */
class ConstantBoundTest {

  private static final Duration LIMIT = Duration.ofSeconds(30);

  @TempDir Path temp;

  private Path write(String relative, String text) throws IOException {
    return SourceFiles.write(temp, relative, text);
  }

  private static RunResult run(Path main) throws IOException {
    return SourceFiles.runUncached(main);
  }

  @Test
  void aDoublingChainAcrossTwoFilesIsRefusedWhenTheSecondIsParsed() throws IOException {
    // Each link doubles the other file's last one: each file alone looks harmless, and javac
    // reads Helper.java from the tree only once it analyzes Main.
    StringBuilder mainSource = new StringBuilder("class Main {\n");
    StringBuilder helperSource =
        new StringBuilder("class Helper {\n  static final String A0 = \"xxxxxxxxxxxxxxxx\";\n");
    for (int i = 1; i <= 17; i++) {
      mainSource.append("  static final String B").append(i).append(" = Helper.A").append(i - 1)
          .append(" + Helper.A").append(i - 1).append(";\n");
      helperSource.append("  static final String A").append(i).append(" = Main.B").append(i)
          .append(" + Main.B").append(i).append(";\n");
    }
    mainSource.append(
        "  public static void main(String[] a) { System.out.println(Helper.A17.length()); }\n}\n");
    Path main = write("src/Main.java", mainSource.append("\n").toString());
    write("src/Helper.java", helperSource.append("}\n").toString());
    // Alone, Main is within the bound: only with Helper parsed is it refused.
    assertThatThrownBy(() -> new SourceCompiler().compile("Main.java", mainSource.toString(), LIMIT))
        .isInstanceOf(CompilationException.class)
        .hasMessageContaining("cannot find symbol");
    long start = System.nanoTime();

    long growth =
        HeapPeak.growthDuring(
            () -> {
              assertThatThrownBy(
                      () ->
                          new SourceCompiler()
                              .compile(
                                  new SourceProgram(main.toString(), Files.readString(main), main, Map.of()),
                                  LIMIT))
                  .isInstanceOf(CompilationException.class)
                  .hasMessageContaining("error: constant string too long (rexec refuses");
            });

    assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(10).toNanos());
    assertThat(growth).isLessThan(256L << 20);
  }

  @Test
  void ordinaryConstantsStillCompileAndRun() throws IOException {
    String block = "y".repeat(60_000);
    Path main =
        write("Main.java",
            "class Main {\n"
                + "  static final String BLOCK = \"\"\"\n" + block + "\"\"\";\n"
                + "  static final String A = \"x\" + 1 + 'c' + 2.5 + true;\n"
                + "  static final String B = A + A + \"-\" + (A.length() > 0 ? A : \"none\");\n"
                + "  static final String C = B + B + Helper.NAME + Long.MAX_VALUE + Integer.MIN_VALUE;\n"
                + "  static final String D = C + C + C + C;\n"
                + "  public static void main(String[] a) {\n"
                + "    String local = a.length + \":\" + D;\n"
                + "    System.out.println(BLOCK.length() + \" \" + A + \" \" + D.length()"
                + " + \" \" + local.length());\n"
                + "  }\n"
                + "}\n"
                + "interface Helper { String NAME = \"helper\" + \"!\"; }\n");

    RunResult result = run(main);

    // A = "x1c2.5true" (10), B = 10+10+1+10 = 31, C = 62+7+19+11 = 99, D = 396.
    assertThat(result.stdout()).as(result.stderr()).isEqualTo("60000 x1c2.5true 396 398\n");
  }

  @Test
  void theBoundIsTheClassFileLimitWhichJavacEnforcesItself() throws Exception {
    String half = "x".repeat(32_767);
    String longest =
        "class Main { static final String A = \"" + half + "\";"
            + " static final String B = A + \"" + "y".repeat(32_767) + "\";"
            + " public static void main(String[] a) { System.out.println(B.length()); } }";
    // 65,534 characters: the longest constant a class file takes from javac.
    assertThat(new SourceCompiler().compile("Main.java", longest, LIMIT).classFiles())
        .containsKey("Main");

    // 65,535: javac's own refusal, reached because the estimate is within the bound.
    assertThatThrownBy(
            () ->
                new SourceCompiler()
                    .compile("Main.java", longest.replace("\"y", "\"yy"), LIMIT))
        .isInstanceOf(CompilationException.class)
        .hasMessageContaining("error: constant string too long")
        .hasMessageNotContaining("rexec refuses");

    // 65,536: refused by rexec before javac folds it, naming the line.
    assertThatThrownBy(
            () ->
                new SourceCompiler()
                    .compile("Main.java", longest.replace("\"y", "\"yyy"), LIMIT))
        .isInstanceOf(CompilationException.class)
        .hasMessageStartingWith(
            "Main.java:1: error: constant string too long (rexec refuses constant expressions"
                + " that would fold past 65,535 characters before javac builds them)");
  }

  @Test
  void aLongChainOfOneConstantIsRefusedWithoutOverflowingTheStack() {
    // javac keeps each link's folded value: 20,000 links of a 100-character constant would be
    // 20 billion characters. Scanning the chain must not recurse link by link either.
    String source =
        "class Main { static final String A = \"" + "x".repeat(100) + "\";"
            + " public static void main(String[] a) { String s = A" + " + A".repeat(20_000)
            + "; System.out.println(s.length()); } }";

    assertThatThrownBy(() -> new SourceCompiler().compile("Main.java", source, LIMIT))
        .isInstanceOf(CompilationException.class)
        .hasMessageContaining("constant string too long (rexec refuses");
  }

  @Test
  void manyLongConcatenationsAreRefusedTogether() {
    // Each within the bound, 1,000 of them would keep 210 million characters in javac.
    StringBuilder source =
        new StringBuilder("class Main { static final String A = \"" + "x".repeat(6_000) + "\";\n");
    for (int i = 0; i < 1_000; i++) {
      source.append("static final String B").append(i).append(" = A + A + A + A + A + A + A + A;\n");
    }
    source.append("public static void main(String[] a) {} }");

    assertThatThrownBy(() -> new SourceCompiler().compile("Main.java", source.toString(), LIMIT))
        .isInstanceOf(CompilationException.class)
        .hasMessageContaining("constant strings too long in all (rexec refuses");
  }

  @Test
  void aClassPathConstantCountsAsLongAsItIs() throws Exception {
    Map<String, byte[]> library =
        new SourceCompiler()
            .compile("Lib.java",
                "package lib; public class Lib { public static final String C = \""
                    + "z".repeat(40_000) + "\"; }",
                LIMIT)
            .classFiles();
    String source =
        "class Main { static final String D = lib.Lib.C + lib.Lib.C;"
            + " public static void main(String[] a) {} }";

    assertThatThrownBy(
            () ->
                new SourceCompiler()
                    .compile(new SourceProgram("Main.java", source, null, library), LIMIT))
        .isInstanceOf(CompilationException.class)
        .hasMessageContaining("constant string too long (rexec refuses");
  }

  @Test
  void noAccessibleJdkStringConstantIsLongerThanAnUnresolvedNameCounts() throws IOException {
    Set<String> exported = new HashSet<>();
    for (ModuleReference module : ModuleFinder.ofSystem().findAll()) {
      for (ModuleDescriptor.Exports exports : module.descriptor().exports()) {
        if (!exports.isQualified()) {
          exported.add(exports.source().replace('.', '/'));
        }
      }
    }
    AtomicInteger longest = new AtomicInteger();
    ClassVisitor fields =
        new ClassVisitor(Opcodes.ASM9) {
          @Override
          public FieldVisitor visitField(
              int access, String name, String descriptor, String signature, Object value) {
            if (value instanceof String
                && (access & (Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED)) != 0) {
              longest.accumulateAndGet(((String) value).length(), Math::max);
            }
            return null;
          }
        };
    FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
    try (Stream<Path> files = Files.walk(jrt.getPath("/modules"))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String relative = file.getNameCount() > 2 ? file.subpath(2, file.getNameCount()).toString() : "";
        int slash = relative.lastIndexOf('/');
        if (relative.endsWith(".class") && slash > 0 && exported.contains(relative.substring(0, slash))) {
          new ClassReader(Files.readAllBytes(file)).accept(fields, ClassReader.SKIP_CODE);
        }
      }
    }

    assertThat(longest.get()).isPositive().isLessThanOrEqualTo((int) ConstantBound.UNRESOLVED_NAME);
  }
}
