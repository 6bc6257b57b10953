package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile programs that make the JDK allocate, in one piece, memory they size by a count or grow
 * from small inputs: a stream that knows its size made into an array, list or sorted stream; a
 * string joined, replaced or indented to a gigabyte from a few kilobytes. Before these were
 * guarded, each allocated about a gibibyte inside the JDK, on the heap the supervisor shares,
 * before the watchdog saw it. Each now ends at the memory limit before the JDK allocates.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class JdkAllocationAttackTest {

  private static final long MEMORY = 64L << 20;

  private static final Policy TIGHT =
      Policy.builder()
          .cpuTime(Duration.ofSeconds(5))
          .memory(MEMORY)
          .timeout(Duration.ofSeconds(20))
          .build();

  private static final String IMPORTS =
      "import java.io.*; import java.util.*; import java.util.stream.*; import java.util.function.*;";

  private static RunResult hostile(String body) {
    return Programs.run(
        TIGHT,
        "Hostile.java",
        IMPORTS
            + " public class Hostile { public static void main(String[] args) throws Exception { "
            + body
            + " } }");
  }

  /** Ended at the memory limit by the allocation guard: the JDK never made the allocation. */
  private static void assertRefusedBeforeTheJdkAllocates(RunResult result) {
    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.MEMORY_LIMIT);
    assertThat(result.message().orElseThrow())
        .matches("an allocation of .* is larger than the largest allowed, 64 MiB \\(memory limit\\)");
    assertThat(result.allocatedBytes()).isLessThan(MEMORY);
    assertThat(result.wallTime()).isLessThan(Duration.ofSeconds(3));
    assertThat(result.stdout()).isEmpty();
    assertThat(result.contained()).isTrue();
  }

  /** The supervisor can still allocate and run a cell. */
  private static void assertSupervisorHealthy() {
    byte[] room = new byte[256 << 20];
    assertThat(room).hasSize(256 << 20);
    RunResult benign =
        Programs.run(
            "Sum.java",
            "public class Sum { public static void main(String[] args) {"
                + " System.out.println(java.util.stream.IntStream.rangeClosed(1, 1000).sum()); } }");
    assertThat(benign.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(benign.stdout()).isEqualTo("500500\n");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // Streams that know their size allocate all their elements at once.
        "System.out.println(IntStream.range(0, 1 << 28).toArray().length);",
        "System.out.println(IntStream.rangeClosed(0, 1 << 28).toArray().length);",
        "System.out.println(LongStream.range(0, 1 << 27).toArray().length);",
        "System.out.println(new Random().ints(1 << 28).toArray().length);",
        "System.out.println(new Random().doubles(1 << 27).toArray().length);",
        "System.out.println(IntStream.range(0, 1 << 28).boxed().toArray().length);",
        "System.out.println(IntStream.range(0, 1 << 28).mapToObj(i -> \"x\").toList().size());",
        "System.out.println(IntStream.range(0, 1 << 28).parallel().toArray().length);",
        "System.out.println(Collections.nCopies(1 << 28, \"x\").stream().toArray().length);",
        "System.out.println(new Random().longs(1 << 27).sorted().sum());",
        "System.out.println(new Random().ints(1 << 28).boxed().sorted(Comparator.reverseOrder()).count());",
        // A bit set of 32 MiB streams one int (4 bytes) for every bit set.
        "BitSet b = new BitSet(); b.set(0, 1 << 28); System.out.println(b.stream().toArray().length);",
        // A spliterator that claims any size.
        "System.out.println(StreamSupport.stream(Spliterators.spliterator("
            + "List.of(\"x\").iterator(), 1 << 28, Spliterator.SIZED), false).toArray().length);",
        // Strings made at once from a few kilobytes or one number.
        "System.out.println(\"x\".indent(1 << 30).length());",
        "System.out.println(\"\\n\".repeat(1 << 20).indent(1024).length());",
        "String a = \"a\".repeat(1 << 15); String b = \"b\".repeat(1 << 15);"
            + " System.out.println(a.replace(\"a\", b).length());",
        "System.out.println(\"x\".repeat(1 << 16).replace(\"\", \"y\".repeat(1 << 14)).length());",
        "String d = \"d\".repeat(1 << 20);"
            + " System.out.println(String.join(d, Collections.nCopies(1024, \"\")).length());",
        "String d = \"d\".repeat(1 << 20); String[] a = new String[1024]; Arrays.fill(a, d);"
            + " System.out.println(String.join(\"\", a).length());",
        "String d = \"d\".repeat(1 << 20); StringJoiner j = new StringJoiner(\",\");"
            + " for (int i = 0; i < 1024; i++) j.add(d); System.out.println(j.length());",
        "String d = \"d\".repeat(1 << 20); StringJoiner j = new StringJoiner(\",\");"
            + " for (int i = 0; i < 40; i++) j.add(d); StringJoiner k = new StringJoiner(\",\");"
            + " for (int i = 0; i < 40; i++) k.add(d); j.merge(k); System.out.println(\"\" + j);",
        "String d = \"d\".repeat(1 << 20); List<String> l = new ArrayList<>();"
            + " for (int i = 0; i < 1024; i++) l.add(d);"
            + " System.out.println(l.stream().collect(Collectors.joining()).length());",
        "String d = \"d\".repeat(1 << 20); List<String> l = new ArrayList<>();"
            + " for (int i = 0; i < 1024; i++) l.add(d);"
            + " System.out.println(l.stream().collect(Collectors.joining(\",\", \"[\", \"]\")).length());",
        // Buffers and arrays the JDK sizes by an argument.
        "System.out.println(java.lang.reflect.Array.newInstance(int.class, 1 << 28) != null);",
        "System.out.println(java.lang.reflect.Array.newInstance(long.class, 1 << 12, 1 << 15) != null);",
        "System.out.println(new java.io.PipedInputStream(1 << 30).available());",
        "System.out.println(new java.io.PipedReader(1 << 29).ready());",
        "System.out.println(new java.io.LineNumberReader(new java.io.StringReader(\"x\"), 1 << 29)"
            + ".readLine());",
        "System.out.println(new java.util.zip.GZIPOutputStream("
            + "new java.io.ByteArrayOutputStream(), 1 << 30) != null);",
        "System.out.println(new java.util.zip.DeflaterOutputStream(new java.io.ByteArrayOutputStream(),"
            + " new java.util.zip.Deflater(), 1 << 30) != null);",
        "System.out.println(new java.util.zip.InflaterInputStream(new java.io.ByteArrayInputStream("
            + "new byte[1]), new java.util.zip.Inflater(), 1 << 30) != null);",
        "System.out.println(new java.util.zip.InflaterOutputStream(new java.io.ByteArrayOutputStream(),"
            + " new java.util.zip.Inflater(), 1 << 30) != null);",
        "System.out.println(java.nio.channels.Channels.newReader(java.nio.channels.Channels.newChannel("
            + "new java.io.ByteArrayInputStream(new byte[1])),"
            + " java.nio.charset.StandardCharsets.UTF_8.newDecoder(), 1 << 30).read());",
        "var f = new java.text.DecimalFormat(); f.setMaximumFractionDigits(1 << 28);"
            + " f.setMinimumFractionDigits(1 << 28);"
            + " System.out.println(f.format(new java.math.BigDecimal(\"1\")).length());",
        "var v = new Vector<Object>(1, 1 << 28); v.add(1); v.add(2); System.out.println(v.size());",
        "System.out.println(new java.util.concurrent.ArrayBlockingQueue<Object>(1 << 28, false,"
            + " List.of()).size());",
        "System.out.println(new java.util.concurrent.PriorityBlockingQueue<Object>(1 << 28).size());",
        "System.out.println(new java.util.concurrent.PriorityBlockingQueue<Object>(1 << 28, null)"
            + ".size());",
        "var s = java.util.concurrent.ConcurrentHashMap.newKeySet(1 << 27); s.add(1);"
            + " System.out.println(s.size());",
        "var m = new java.util.concurrent.ConcurrentHashMap<Object, Object>(16, 0.75f, 1 << 27);"
            + " m.put(1, 2); System.out.println(m.size());",
        "var r = new java.io.BufferedReader(new java.io.StringReader(\"x\".repeat(9000)));"
            + " r.mark(1 << 29); for (int i = 0; i < 9000; i++) r.read(); System.out.println(\"read\");",
        "var r = new java.io.LineNumberReader(new java.io.StringReader(\"x\".repeat(9000)));"
            + " r.mark(1 << 29); for (int i = 0; i < 9000; i++) r.read(); System.out.println(\"read\");",
        // A delimiter or prefix of 1 MiB between 1,024 bytes.
        "System.out.println(HexFormat.ofDelimiter(\"d\".repeat(1 << 20)).formatHex(new byte[1024])"
            + ".length());",
        "System.out.println(HexFormat.of().withPrefix(\"p\".repeat(1 << 20))"
            + ".formatHex(new StringBuilder(), new byte[1024], 0, 1024).length());",
        // A line separator of 1 MiB after every four characters of 3 KiB.
        "System.out.println(Base64.getMimeEncoder(4, \"\\n\".repeat(1 << 20).getBytes())"
            + ".encode(new byte[3072]).length);",
        "System.out.println(Base64.getMimeEncoder(4, \"\\n\".repeat(1 << 20).getBytes())"
            + ".withoutPadding().encodeToString(new byte[3072]).length());",
        // Each width within the format limit, 16,384 of them in one format string of 144 KiB.
        "System.out.println(String.format(\"%1$65536s\".repeat(1 << 14), \"x\").length());",
        "System.out.println(\"%1$.65536f\".repeat(1 << 14).formatted(1.0).length());",
        "var b = new StringBuilder(); new Formatter(b).format(\"%1$-65536s\".repeat(1 << 14), \"x\");"
            + " System.out.println(b.length());",
      })
  void oneAllocationTheJdkMakesIsRefusedBeforeItIsMade(String body) {
    assertRefusedBeforeTheJdkAllocates(hostile(body));
    assertSupervisorHealthy();
  }

  private static final String CLAIMING_LIST =
      "List<Object> claims = new AbstractList<Object>() {"
          + " public int size() { return 1 << 28; } public Object get(int i) { return null; } };";

  private static final String CLAIMING_MAP =
      "Map<Object, Object> claims = new AbstractMap<Object, Object>() {"
          + " public int size() { return 1 << 27; }"
          + " public Set<Map.Entry<Object, Object>> entrySet() { return Set.of(Map.entry(1, 2)); } };";

  private static final String CLAIMING_TEXT =
      "CharSequence claims = new CharSequence() { public int length() { return 1 << 30; }"
          + " public char charAt(int i) { return 'x'; }"
          + " public CharSequence subSequence(int a, int b) { return \"x\"; } };";

  /**
   * The JDK sizes what it allocates for a collection, map or text by what the object says its
   * size is, and a class of the cell's says what it likes.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        CLAIMING_LIST + " System.out.println(claims.toArray().length);",
        CLAIMING_LIST + " System.out.println(claims.toArray(new String[0]).length);",
        CLAIMING_LIST + " System.out.println(new ArrayDeque<>(claims).size());",
        CLAIMING_LIST + " System.out.println(new ArrayList<>(claims).size());",
        CLAIMING_LIST + " System.out.println(List.copyOf(claims).size());",
        CLAIMING_MAP + " System.out.println(new HashMap<>(claims).size());",
        CLAIMING_MAP + " Map<Object, Object> m = new HashMap<>(); m.putAll(claims);"
            + " System.out.println(m.size());",
        CLAIMING_TEXT + " System.out.println(new StringBuilder().append(claims).length());",
        CLAIMING_TEXT + " System.out.println(new StringBuilder(claims).length());",
        CLAIMING_TEXT + " System.out.println(new StringBuffer().insert(0, claims).length());",
      })
  void aSizeClaimedByTheCellsOwnClassCannotSizeAnAllocation(String body) {
    assertRefusedBeforeTheJdkAllocates(hostile(body));
    assertSupervisorHealthy();
  }

  @Test
  void collectionsAndTextsOfTheCellsOwnWithinTheLimitWorkAsBefore() {
    RunResult result =
        hostile(
            """
            List<Integer> squares = new AbstractList<Integer>() {
              public int size() { return 1_000_000; }
              public Integer get(int i) { return i * i; }
            };
            CharSequence text = new CharSequence() {
              public int length() { return 3; }
              public char charAt(int i) { return (char) ('a' + i); }
              public CharSequence subSequence(int a, int b) { return "abc".substring(a, b); }
              public String toString() { return "abc"; }
            };
            System.out.println(new ArrayList<>(squares).get(999) + " " + squares.toArray().length
                + " " + new HashSet<>(squares.subList(0, 10)).size()
                + " " + new StringBuilder().append(text).append(text, 1, 2) + " " + text.length());
            """);

    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("998001 1000000 10 abcb 3\n");
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void aBuilderRepeatingTextIsRefusedBeforeItGrows() {
    assertRefusedBeforeTheJdkAllocates(
        hostile("StringBuilder b = new StringBuilder(); b.repeat(\"abcd\", 1 << 28);"
            + " System.out.println(b.length());"));
    assertRefusedBeforeTheJdkAllocates(
        hostile("StringBuffer b = new StringBuffer(); b.repeat(new StringBuilder(\"abcd\"), 1 << 28);"
            + " System.out.println(b.length());"));
    assertSupervisorHealthy();
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void aRepeatedTextWhoseLengthGrowsAfterTheCheckIsReadOnce() {
    // length() answers 4 when asked first, a quarter of a gibibyte afterwards.
    assertRefusedBeforeTheJdkAllocates(
        hostile(
            "int[] asked = {0}; CharSequence text = new CharSequence() {"
                + " public int length() { return asked[0]++ == 0 ? 4 : 1 << 28; }"
                + " public char charAt(int i) { return 'x'; }"
                + " public CharSequence subSequence(int a, int b) { return \"x\"; }"
                + " public String toString() { return \"x\".repeat(1 << 10); } };"
                + " StringBuilder b = new StringBuilder(); b.repeat(text, 1 << 17);"
                + " System.out.println(b.length());"));
  }

  /**
   * An endless stream whose elements the JDK makes alone ({@code UnaryOperator.identity()})
   * runs no code of the cell's: collecting it grew inside one JDK call past the limit.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "System.out.println(Stream.iterate(\"x\", UnaryOperator.identity()).limit(1 << 28)"
            + ".toList().size());",
        "System.out.println(Stream.iterate(\"x\", Objects::nonNull, UnaryOperator.identity())"
            + ".limit(1 << 28).collect(Collectors.toList()).size());",
        "System.out.println(IntStream.iterate(1, IntUnaryOperator.identity()).limit(1L << 34).sum());",
        "System.out.println(LongStream.iterate(1, LongUnaryOperator.identity()).limit(1 << 27)"
            + ".boxed().collect(Collectors.toList()).size());",
        "System.out.println(Stream.generate(Collectors.toList().supplier()).limit(1 << 26).count());",
        // A MIME encoder's stream writes a 1 MiB separator after every four characters.
        "var out = new java.io.ByteArrayOutputStream();"
            + " Base64.getMimeEncoder(4, \"\\n\".repeat(1 << 20).getBytes()).wrap(out)"
            + ".write(new byte[3072]); System.out.println(out.size());",
      })
  void anEndlessStreamTheJdkMakesAloneStopsWithTheCell(String body) {
    RunResult result = hostile(body);

    assertThat(result.status()).isIn(RunStatus.MEMORY_LIMIT, RunStatus.CPU_LIMIT);
    assertThat(result.allocatedBytes()).isLessThan(4 * MEMORY);
    assertThat(result.cpuTime()).isLessThan(Duration.ofSeconds(7));
    assertThat(result.stdout()).isEmpty();
    assertThat(result.contained()).isTrue();
  }

  @Test
  void aSpliteratorWhoseSizeGrowsAfterTheCheckCannotSizeTheArray() {
    RunResult result =
        hostile(
            "int[] asked = {0};"
                + " var elements = new Spliterators.AbstractSpliterator<String>(1, Spliterator.SIZED) {"
                + " public boolean tryAdvance(Consumer<? super String> action) { return false; }"
                + " public long estimateSize() { return getExactSizeIfKnown(); }"
                + " public long getExactSizeIfKnown() { return asked[0]++ == 0 ? 1 : 1 << 28; } };"
                + " System.out.println(StreamSupport.stream(elements, false).toArray().length);");

    assertThat(result.status()).isEqualTo(RunStatus.EXCEPTION);
    assertThat(result.stderr()).contains("java.lang.IllegalStateException");
    assertThat(result.allocatedBytes()).isLessThan(MEMORY);
  }

  @Test
  void theGuardedCallsAnswerAsTheJdkDoes() {
    RunResult result =
        hostile(
            """
            System.out.println(IntStream.range(0, 100_000).toArray().length
                + " " + IntStream.range(0, 1 << 20).sorted().toArray()[12345]
                + " " + Stream.of(3, 1, 2).sorted().toList()
                + " " + Stream.of("b", "a", "c").sorted(Comparator.reverseOrder()).toList()
                + " " + Arrays.toString(IntStream.of(3, 1, 2).sorted().toArray())
                + " " + Arrays.toString(LongStream.of(3, 1).sorted().toArray())
                + " " + Arrays.toString(DoubleStream.of(2.5, 1).sorted().toArray())
                + " " + Arrays.toString(Stream.of("x", "y").toArray())
                + " " + Stream.iterate(1, i -> i * 2).limit(5).toList()
                + " " + Stream.of("x").onClose(() -> System.out.print("closed ")).sorted().count());
            Stream<String> closing = Stream.of("q").onClose(() -> System.out.println("closed"));
            try (Stream<String> sorted = closing.sorted()) { sorted.forEach(System.out::println); }
            System.out.println(Stream.of("a", null, "b").collect(Collectors.joining())
                + " " + Stream.of("a", "b").collect(Collectors.joining(","))
                + " " + Stream.of("a", "b").collect(Collectors.joining(",", "<", ">"))
                + " " + Stream.<String>empty().collect(Collectors.joining(",", "<", ">"))
                + " " + String.join("-", "a", "b", null)
                + " " + String.join("+", List.of("p", "q"))
                + " " + String.join("+", new ArrayList<String>())
                + " " + "aXaX".replace("X", "YY") + " " + "ab".replace("", "-")
                + " " + "abc".replace("abc", "") + " " + "a".replace(new StringBuilder("a"), "bb")
                + " " + "a\\nb\\r\\nc".indent(2).replace("\\n", "|")
                + " " + "  a\\n b".indent(-1).replace("\\n", "|") + " [" + "".indent(3) + "]");
            System.out.println(Stream.iterate(1, i -> i < 20, i -> i * 3).toList()
                + " " + IntStream.iterate(5, i -> i - 1).limit(3).sum()
                + " " + LongStream.generate(() -> 7).limit(2).sum()
                + " " + DoubleStream.iterate(0.5, d -> d < 2, d -> d + 1).sum()
                + " " + Stream.generate(() -> "g").limit(2).toList()
                + " " + ((int[]) java.lang.reflect.Array.newInstance(int.class, 3)).length
                + " " + ((long[][]) java.lang.reflect.Array.newInstance(long.class, 2, 5))[1].length
                + " " + HexFormat.ofDelimiter(":").withPrefix("<").formatHex(new byte[] {1, -2})
                + " " + HexFormat.of().formatHex(new StringBuilder("h"), new byte[] {10, 11}, 1, 2)
                + " " + HexFormat.of().formatHex(new byte[0]).isEmpty()
                + " " + Base64.getMimeEncoder(4, new byte[] {'!'}).encodeToString(new byte[] {1, 2, 3, 4})
                + " " + Base64.getMimeEncoder(5, new byte[] {'!'}).withoutPadding()
                    .encodeToString(new byte[] {1, 2, 3, 4})
                + " " + Base64.getMimeEncoder(2, new byte[] {'!'}).encodeToString(new byte[7])
                + " " + Base64.getMimeEncoder().encode(java.nio.ByteBuffer.wrap(new byte[] {9})).remaining()
                + " " + String.format("%1$.65536s".repeat(2048), "ab").length()
                + " " + String.format("%1$8s|%1$-3.1f|%2$.2e", 2.5, 1000.0));
            // Sorted already: sorting allocates nothing, however long the stream.
            System.out.println(IntStream.range(0, 1 << 28).sorted().limit(3).sum()
                + " " + LongStream.rangeClosed(1, 1L << 40).sorted().skip(1).findFirst().getAsLong()
                + " " + new TreeSet<>(List.of(3, 1, 2)).stream().sorted().toList()
                + " " + new TreeSet<Integer>(Comparator.reverseOrder()) {{ add(1); add(2); }}.stream()
                    .sorted().toList());
            var encoded = new ByteArrayOutputStream();
            try (var stream = Base64.getMimeEncoder(4, new byte[] {'!'}).wrap(encoded)) {
              stream.write(new byte[] {1, 2, 3, 4});
            }
            System.out.print(encoded + " ");
            StringJoiner j = new StringJoiner(",", "{", "}").setEmptyValue("none");
            System.out.print(j + " ");
            j.add("a").add("b");
            StringJoiner k = new StringJoiner("-");
            k.add("c").add("d");
            System.out.println(j.merge(k) + " " + j.length());
            """);

    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout())
        .isEqualTo(
            "100000 12345 [1, 2, 3] [c, b, a] [1, 2, 3] [1, 3] [1.0, 2.5] [x, y] [1, 2, 4, 8, 16]"
                + " 1\n"
                + "q\nclosed\n"
                + "anullb a,b <a,b> <> a-b-null p+q  aYYaYY -a-b-  bb   a|  b|  c| "
                + " a|b| []\n"
                + "[1, 3, 9] 12 14 2.0 [g, g] 3 5 <01:<fe h0b true AQID!BA== AQID!BA AAAAAAAAAA== 4 4096      2.5|2.5|1.00e+03\n"
                + "3 2 [1, 2, 3] [1, 2]\n"
                + "AQID!BA== none {a,b,c-d} 9\n");
  }
}
