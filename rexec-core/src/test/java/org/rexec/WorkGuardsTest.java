package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile programs that make the JDK do unbounded work for them: one huge allocation, a string
 * or collection grown inside JDK code, catastrophic regular expressions, huge big numbers. Each
 * ends with its limit before the work is done, and the host goes on.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class WorkGuardsTest {

  private static final Duration TOLERANCE = Duration.ofMillis(1500);
  private static final Duration CPU = Duration.ofMillis(400);
  private static final long MEMORY = 64L << 20;

  private static final Policy TIGHT =
      Policy.builder().cpuTime(CPU).memory(MEMORY).timeout(Duration.ofSeconds(20)).build();

  private static RunResult hostile(String imports, String body) {
    return Programs.run(
        TIGHT,
        "Hostile.java",
        imports
            + " public class Hostile { public static void main(String[] args) throws Exception { "
            + body
            + " } }");
  }

  /** Ended at the memory limit without the allocation ever being made. */
  private static void assertRefusedAllocation(RunResult result) {
    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.MEMORY_LIMIT);
    assertThat(result.exitCode()).isEqualTo(123);
    assertThat(result.message().orElseThrow())
        .matches("an allocation of .* is larger than the largest allowed, 64 MiB \\(memory limit\\)");
    assertThat(result.allocatedBytes()).isLessThan(MEMORY);
    assertThat(result.wallTime()).isLessThan(TOLERANCE);
  }

  private static void assertCpuLimited(RunResult result) {
    assertThat(result.status()).isEqualTo(RunStatus.CPU_LIMIT);
    assertThat(result.cpuTime()).isGreaterThanOrEqualTo(CPU).isLessThan(CPU.plus(TOLERANCE));
    assertThat(result.contained()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "byte[] a = new byte[Integer.MAX_VALUE - 16];",
        "long[] a = new long[1 << 27];",
        "int n = Integer.parseInt(\"100000\"); long[][] a = new long[n][n];",
        "Object[][][] a = new Object[1000][1000][1000];",
        "String[] a = new String[1 << 25];",
        "int[] a = java.util.Arrays.copyOf(new int[1], Integer.MAX_VALUE - 16);",
        "Object[] a = java.util.Arrays.copyOfRange(new Object[1], 0, 1 << 30);",
        "var a = new java.util.ArrayList<Object>(Integer.MAX_VALUE - 16);",
        "var a = new java.util.ArrayList<Object>(); a.ensureCapacity(1 << 30);",
        "var a = new java.util.HashMap<Object, Object>(1 << 30); a.put(1, 2);",
        "var a = new StringBuilder(Integer.MAX_VALUE - 16);",
        "var a = new StringBuilder(); a.setLength(1 << 30);",
        "var a = java.nio.ByteBuffer.allocate(Integer.MAX_VALUE);",
        "String a = \"abc\".repeat(Integer.MAX_VALUE / 2);",
        "var a = new java.util.BitSet(); a.set(Integer.MAX_VALUE - 1);",
        "java.util.function.IntFunction<java.util.ArrayList<Object>> f = java.util.ArrayList::new;"
            + " f.apply(Integer.MAX_VALUE - 16);",
        "java.util.function.BiFunction<long[], Integer, long[]> f = java.util.Arrays::copyOf;"
            + " f.apply(new long[1], 1 << 30);",
        "var a = new java.util.ArrayList<>(java.util.Collections.nCopies(1 << 30, \"x\"));",
      })
  void oneHugeAllocationIsRefusedBeforeItIsMade(String body) {
    assertRefusedAllocation(hostile("", body));
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_19)
  void aMapSizedByJava19sFactoryIsRefusedBeforeItIsMade() {
    assertRefusedAllocation(
        hostile("", "var a = java.util.HashMap.newHashMap(1 << 30); a.put(1, 2);"));
  }

  @Test
  void catchingTheOutOfMemoryErrorDoesNotSaveTheRun() {
    RunResult result =
        hostile(
            "",
            """
            for (int i = 0; i < 3; i++) {
              try { byte[] a = new byte[Integer.MAX_VALUE - 16]; }
              catch (Throwable t) { System.out.println("caught " + t); }
            }
            System.out.println("survived");
            """);

    assertRefusedAllocation(result);
    assertThat(result.stdout()).isEmpty();
  }

  @Test
  void aStringBuilderGrownWithoutEndStopsAtTheMemoryLimit() {
    RunResult result =
        hostile("", "StringBuilder b = new StringBuilder(\"x\"); while (true) { b.append(b); }");

    assertThat(result.status()).isEqualTo(RunStatus.MEMORY_LIMIT);
    // Doubling: the last growth may take it to about twice the limit, never far beyond.
    assertThat(result.allocatedBytes()).isGreaterThan(MEMORY).isLessThan(8 * MEMORY);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "System.out.println(Collections.nCopies(Integer.MAX_VALUE, \"spam\").toString().length());",
        "System.out.println(String.join(\",\", Collections.nCopies(Integer.MAX_VALUE, \"x\")).length());",
        "System.out.println(Collections.nCopies(Integer.MAX_VALUE, 7).stream().mapToInt(i -> i).sum());",
      })
  void walkingAHugeCopiesListStopsWithTheCell(String body) {
    RunResult result = hostile("import java.util.*;", body);

    assertThat(result.status()).isIn(RunStatus.MEMORY_LIMIT, RunStatus.CPU_LIMIT);
    assertThat(result.cpuTime()).isLessThan(CPU.plus(TOLERANCE));
    assertThat(result.allocatedBytes()).isLessThan(8 * MEMORY);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.contained()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "System.out.println(s.matches(\"(.*){1,32000}[bc]\"));",
        "System.out.println(Pattern.compile(\"^(a+)+\\\\1$\").matcher(s).find());",
        "System.out.println(Pattern.matches(\"(?:a|a)+?x\", s));",
        "System.out.println(s.replaceAll(\"(.*a){30}x\", \"\"));",
        "System.out.println(s.split(\"(.*){1,32000}[bc]\").length);",
        "System.out.println(Pattern.compile(\"(?:a|a)+?x\").asPredicate().test(s));",
        "System.out.println(Pattern.compile(\"x\").matcher(\"x\").usePattern(Pattern.compile(\"^(a+)+\\\\1$\")).reset(s).find());",
      })
  void aCatastrophicRegularExpressionStopsAtTheCpuLimit(String body) {
    assertCpuLimited(
        hostile(
            "import java.util.regex.*;",
            "String s = \"a\".repeat(40) + \"!\"; " + body));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "System.out.println(LongStream.range(0, Long.MAX_VALUE).sum());",
        "System.out.println(LongStream.rangeClosed(Long.MIN_VALUE, Long.MAX_VALUE).max());",
        "System.out.println(Stream.generate(Object::new).count());",
        "System.out.println(new java.util.Random(1).ints().sum());",
        "System.out.println(java.util.concurrent.ThreadLocalRandom.current().longs().max());",
        "java.util.random.RandomGenerator g = new java.util.SplittableRandom(1); System.out.println(g.doubles().sum());",
        "System.out.println(DoubleStream.generate(Math::random).sum());",
        "System.out.println(Stream.iterate(\"x\", String::trim).filter(String::isEmpty).findAny());",
        "System.out.println(IntStream.range(Integer.MIN_VALUE, Integer.MAX_VALUE).filter(i -> i == 3).count() + IntStream.rangeClosed(0, Integer.MAX_VALUE).asLongStream().sum());",
      })
  void anEndlessWalkByTheJdkStopsAtItsLimit(String body) {
    RunResult result = hostile("import java.util.stream.*;", body);

    // Walks that allocate as they go may reach the memory limit first.
    assertThat(result.status()).isIn(RunStatus.CPU_LIMIT, RunStatus.MEMORY_LIMIT);
    assertThat(result.cpuTime()).isLessThan(CPU.plus(TOLERANCE));
    assertThat(result.contained()).isTrue();
    assertThat(result.stdout()).isEmpty();
  }

  /**
   * Regression: JDK 17's C2 compiled the random-number spliterator's loop, with the walk guard
   * inlined, into an inner loop without a safepoint poll; a safepoint then waited about 35 s for
   * it, stalling the whole JVM, the watchdog included, and the run ended at 37 s.
   */
  @Test
  void aCompiledRandomWalkDoesNotHoldOffTheWatchdog() {
    for (int i = 0; i < 4; i++) {
      for (String source :
          new String[] {"java.util.concurrent.ThreadLocalRandom.current()", "new java.util.Random(1)"}) {
        RunResult result =
            hostile("", "System.out.println(" + source + ".longs().max());");

        assertCpuLimited(result);
        assertThat(result.wallTime()).isLessThan(Duration.ofSeconds(5));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "BigInteger.valueOf(3).pow(100_000_000)",
        "BigInteger.ONE.shiftLeft(Integer.MAX_VALUE - 1)",
        "BigInteger.TEN.pow(200_000).multiply(BigInteger.TEN.pow(200_000))",
        "BigInteger.ZERO.setBit(1 << 30)",
        "new BigInteger(\"9\".repeat(2_000_000))",
        "new BigDecimal(\"1e999999999\").toBigInteger()",
        "new BigDecimal(\"1e-999999999\").toPlainString()",
        "BigDecimal.ONE.add(new BigDecimal(\"1e-999999999\"))",
        "BigDecimal.ONE.setScale(999_999_999)",
        "new BigDecimal(\"1e999999999\").remainder(BigDecimal.valueOf(7))",
        "new BigDecimal(\"1.5\").pow(999_999_999)",
      })
  void aHugeBigNumberIsRefusedUpFront(String expression) {
    RunResult result =
        hostile(
            "import java.math.*;",
            "try { System.out.println(" + expression + "); } catch (ArithmeticException e) {"
                + " System.out.println(e.getMessage()); }");

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).endsWith("a cell may make (big-number limit)\n");
    assertThat(result.cpuTime()).isLessThan(CPU);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "String.format(\"%2000000000d\", 1)",
        "String.format(java.util.Locale.ROOT, \"%1$0999999999d\", 1)",
        "\"x%-100000s\".formatted(\"y\")",
        "((java.util.function.BiFunction<String, Object[], String>) String::format).apply(\"%2000000000d\", new Object[] {1})",
        "new java.util.Formatter().format(\"%.2000000000f\", 1.0)",
        "System.out.printf(\"%%%,099999999d\", 1)",
        "new Padded(System.out).printf(\"%3000000000d\", 1)",
      })
  void aHugeFormatWidthIsRefusedUpFront(String expression) {
    RunResult result =
        Programs.run(
            TIGHT,
            "Hostile.java",
            """
            import java.util.*;
            public class Hostile {
              static class Padded extends java.io.PrintStream {
                Padded(java.io.OutputStream out) { super(out); }
                @Override public java.io.PrintStream printf(String format, Object... args) {
                  return super.printf(format, args);
                }
              }
              public static void main(String[] args) {
                try { System.out.println(%s); }
                catch (IllegalFormatWidthException | IllegalFormatPrecisionException e) {
                  System.out.println(e.getMessage());
                }
              }
            }
            """.formatted(expression));

    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).matches("(width|precision) \\d+ is larger than the 65536 a cell may format \\(format limit\\)\n");
    assertThat(result.allocatedBytes()).isLessThan(MEMORY);
  }

  @Test
  void ordinaryRegularExpressionsAndBigNumbersWorkAsOnTheJdk() {
    RunResult result =
        Programs.run(
            "Ordinary.java",
            """
            import java.math.*;
            import java.util.*;
            import java.util.regex.*;
            import java.util.stream.*;
            public class Ordinary {
              static class Plus extends BigInteger {
                Plus(String digits) { super(digits); }
                @Override public BigInteger multiply(BigInteger other) {
                  return super.multiply(other).add(BigInteger.ONE);
                }
              }
              public static void main(String[] args) {
                System.out.println(new Plus("6").multiply(BigInteger.TEN) + " " + new Plus("2").pow(10));
                Matcher m = Pattern.compile("(\\\\w+)=(\\\\d+)").matcher("a=1, bb=22");
                while (m.find()) { System.out.println(m.group(1) + ":" + m.group(2)); }
                System.out.println(Arrays.toString("a,b,,c,,".split(",")));
                System.out.println(Arrays.toString("a1b22c".split("\\\\d+")));
                System.out.println("x-y-z".replaceAll("-(\\\\w)", "[$1]"));
                System.out.println("aab".matches("a*b") + " " + Pattern.matches("b+", "bb"));
                System.out.println(Pattern.compile(";").splitAsStream("p;q").collect(Collectors.toList()));
                System.out.println(Stream.of("ok", "no").filter(Pattern.compile("o.").asMatchPredicate()).count());
                System.out.println(m.reset("c=3").find() + " " + m.group(2));
                System.out.println(BigInteger.TWO.pow(100) + " " + BigInteger.ONE.shiftLeft(70).bitLength());
                BigInteger f = BigInteger.ONE;
                for (int i = 2; i <= 3000; i++) { f = f.multiply(BigInteger.valueOf(i)); }
                System.out.println(f.bitLength() + " " + f.toString().length());
                System.out.println(new BigDecimal("1.10").add(new BigDecimal("2.205")).setScale(2, RoundingMode.HALF_UP));
                System.out.println(new BigDecimal("1e3").toPlainString() + " " + new BigDecimal("10").divide(new BigDecimal("4")));
                List<String> copies = Collections.nCopies(3, "ab");
                System.out.println(copies + " " + String.join("", copies) + " " + copies.contains("ab") + " " + new ArrayList<>(copies).size());
                System.out.println(LongStream.range(0, 1_000_000).sum() + " " + IntStream.rangeClosed(1, 100_000).count() + " " + LongStream.rangeClosed(5, 4).count());
                System.out.println(String.format("%5d|%-4s|%08.3f|%2$s|%%|%,d", 42, "ab", 3.14159, 1234567) + "x".formatted() + String.format("%65536s", "").length());
                System.out.println(Arrays.toString(new Random(42).ints(5, 0, 10).toArray()) + " " + new SplittableRandom(7).longs(3, 0, 100).sum());
                System.out.println("ab".repeat(3) + " " + Arrays.copyOf(new int[] {1, 2}, 3).length + " " + new int[2][3][4].length);
              }
            }
            """);

    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout())
        .isEqualTo(
            """
            61 1024
            a:1
            bb:22
            [a, b, , c]
            [a, b, c]
            x[y][z]
            true true
            [p, q]
            1
            true 3
            1267650600228229401496703205376 71
            30332 9131
            3.31
            1000 2.5
            [ab, ab, ab] ababab true 3
            499999500000 100000 0
               42|ab  |0003.142|ab|%|1,234,567x65536
            [0, 3, 8, 4, 0] 118
            ababab 3 2
            """);
  }

  @Test
  void aCellWalkingHugeCopiesDoesNotStopTheCellBesideIt() throws Exception {
    CompletableFuture<RunResult> flood =
        CompletableFuture.supplyAsync(
            () ->
                hostile(
                    "import java.util.*;",
                    "System.out.println(Collections.nCopies(Integer.MAX_VALUE, \"spam\").toString());"));
    RunResult benign =
        Programs.run(
            "Sum.java",
            """
            public class Sum {
              public static void main(String[] args) {
                System.out.println(java.util.stream.IntStream.rangeClosed(1, 1000).sum());
              }
            }
            """);

    assertThat(benign.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(benign.stdout()).isEqualTo("500500\n");
    assertThat(flood.get(30, TimeUnit.SECONDS).status())
        .isIn(RunStatus.MEMORY_LIMIT, RunStatus.CPU_LIMIT);
  }
}
