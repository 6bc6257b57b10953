package org.rexec.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rexec.Cell;
import org.rexec.Policy;
import org.rexec.RunResult;
import org.rexec.RunStatus;
import org.rexec.compile.CompilationException;
import org.rexec.compile.SourceCompiler;

/**
 * What reading 10 MB of standard input costs in a cell against a plain JVM: the same program
 * ({@code workloads/ReadInput.java}, {@code System.in.read} into a 64 KiB array until the end)
 * reads the same file.
 *
 * <ul>
 *   <li>{@code plain}: the program's class on a plain class loader, {@code System.in} set as
 *       {@code java Prog < input} sets it (a {@code BufferedInputStream} on the file).
 *   <li>{@code cell-file}: a whole cycle (create, load, run, close) of a cell whose standard
 *       input is the file, as {@code rexec run Prog < input} gives it (read directly).
 *   <li>{@code cell-pumped}: the same with the file behind a stream the cell cannot take for a
 *       file, as a pipe is (read through the pump thread).
 *   <li>{@code cell-empty}: the same cycle with empty input: what the cycle costs without the
 *       reading, to subtract.
 * </ul>
 *
 * <pre>java -jar rexec-bench/target/benchmarks.jar StandardInputBenchmark</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@State(Scope.Benchmark)
public class StandardInputBenchmark {

  static final int INPUT_BYTES = 10 << 20;
  private static final String MAIN = "ReadInput";

  @Param({"plain", "cell-file", "cell-pumped", "cell-empty"})
  public String side;

  private Path input;
  private Path empty;
  private Map<String, byte[]> classFiles;
  private Method plainMain;
  private String expected;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    input = Files.createTempFile("rexec-stdin-bench", ".txt");
    byte[] text = new byte[INPUT_BYTES];
    Random random = new Random(42);
    for (int i = 0; i < text.length; i++) {
      text[i] = (byte) (i % 64 == 63 ? '\n' : '0' + random.nextInt(10));
    }
    Files.write(input, text);
    empty = Files.createTempFile("rexec-stdin-bench", ".empty");
    classFiles = compile();
    plainMain = new PlainLoader(classFiles).loadClass(MAIN).getMethod("main", String[].class);
    expected = plain(input);
    String emptyOutput = cell(empty, false);
    if (!expected.startsWith("bytes " + INPUT_BYTES + " ") || !cell(input, false).equals(expected)
        || !cell(input, true).equals(expected) || !emptyOutput.equals("bytes 0 last 0\n")) {
      throw new IllegalStateException("the sides disagree: " + expected);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(input);
    Files.deleteIfExists(empty);
  }

  @Benchmark
  public String read() throws Exception {
    switch (side) {
      case "plain":
        return plain(input);
      case "cell-file":
        return cell(input, false);
      case "cell-pumped":
        return cell(input, true);
      case "cell-empty":
        return cell(empty, false);
      default:
        throw new IllegalArgumentException("side " + side);
    }
  }

  private String plain(Path file) throws Exception {
    InputStream in = System.in;
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (InputStream stdin = new BufferedInputStream(new FileInputStream(file.toFile()))) {
      System.setIn(stdin);
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      plainMain.invoke(null, (Object) new String[0]);
    } finally {
      System.setIn(in);
      System.setOut(out);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  private String cell(Path file, boolean pumped) throws IOException {
    try (FileInputStream stdin = new FileInputStream(file.toFile());
        Cell cell =
            Cell.builder(Policy.defaults())
                .stdin(pumped ? new BufferedInputStream(stdin) : stdin)
                .create()) {
      for (byte[] classFile : classFiles.values()) {
        cell.loadClassFile(classFile);
      }
      RunResult result = cell.run(MAIN);
      if (result.status() != RunStatus.COMPLETED) {
        throw new IllegalStateException("the cell's run: " + result);
      }
      return result.stdout();
    }
  }

  /**
   * The workload's class files, for both sides. With rexec's in-memory {@code SourceCompiler},
   * not through the API, for the reason {@link Workload} gives; once, outside the measurement.
   */
  private static Map<String, byte[]> compile() throws IOException, CompilationException {
    try (InputStream source =
        StandardInputBenchmark.class.getResourceAsStream("/workloads/" + MAIN + ".java")) {
      if (source == null) {
        throw new UncheckedIOException(new IOException("workload source missing: " + MAIN));
      }
      return new SourceCompiler()
          .compile(MAIN + ".java", new String(source.readAllBytes(), StandardCharsets.UTF_8),
              Duration.ofMinutes(1))
          .classFiles();
    }
  }

  /** Defines the workload's classes for the plain side. */
  private static final class PlainLoader extends ClassLoader {
    private final Map<String, byte[]> classFiles;

    PlainLoader(Map<String, byte[]> classFiles) {
      super(StandardInputBenchmark.class.getClassLoader());
      this.classFiles = classFiles;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classFiles.get(name.replace('.', '/'));
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
