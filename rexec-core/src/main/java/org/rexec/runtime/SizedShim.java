package org.rexec.runtime;

import static org.rexec.runtime.Interposes.Kind.STATIC_METHOD;
import static org.rexec.runtime.Interposes.Kind.VIRTUAL_METHOD;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.WeakHashMap;
import java.util.stream.Collector;
import java.util.function.DoublePredicate;
import java.util.function.DoubleSupplier;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;
import java.util.function.IntUnaryOperator;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * JDK calls whose work the program sets by a count and that run no cell code while they do it:
 * the result is checked against the largest allocation first, or its walk is guarded: a
 * {@code LongStream.range(0, Long.MAX_VALUE).sum()} stops with the cell.
 */
public final class SizedShim {

  private SizedShim() {}

  @Interposes(owner = String.class, kind = VIRTUAL_METHOD)
  public static String repeat(String text, int count, CellContext cell) {
    // One byte per character at least (Latin-1); checked in long so that no product overflows.
    long length = (long) text.length() * Math.max(count, 0);
    Guards.allocation((int) Math.min(length, Integer.MAX_VALUE), 0, cell);
    return text.repeat(count);
  }

  /** Stops the cell unless a string of {@code length} characters fits the largest allocation. */
  private static void string(long length, CellContext cell) {
    // One byte per character at least (Latin-1).
    if (length > cell.maxAllocationBytes) {
      throw cell.allocationTooLarge(length);
    }
  }

  @Interposes(owner = String.class, kind = VIRTUAL_METHOD)
  public static String indent(String text, int n, CellContext cell) {
    if (n > 0) {
      // Every line gains n spaces and a line feed; \r\n counts as two lines here, at most.
      long lines = 1;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\n' || c == '\r') {
          lines++;
        }
      }
      string(text.length() + lines * (n + 1L), cell);
    }
    return text.indent(n);
  }

  @Interposes(owner = String.class, kind = VIRTUAL_METHOD)
  public static String replace(
      String text, CharSequence target, CharSequence replacement, CellContext cell) {
    // The JDK reads each argument's toString() once, target first; so does this.
    String from = target.toString();
    String to = replacement.toString();
    if (to.length() > from.length()) {
      long matches = 0;
      if (from.isEmpty()) {
        matches = text.length() + 1L;
      } else {
        for (int i = text.indexOf(from); i >= 0; i = text.indexOf(from, i + from.length())) {
          matches++;
        }
      }
      string(text.length() + matches * (to.length() - from.length()), cell);
    }
    return text.replace(from, to);
  }

  @Interposes(owner = String.class, kind = STATIC_METHOD)
  public static String join(CharSequence delimiter, CharSequence[] elements, CellContext cell) {
    Objects.requireNonNull(delimiter);
    Objects.requireNonNull(elements);
    String separator = delimiter.toString();
    String[] texts = new String[elements.length];
    long length = 0;
    for (int i = 0; i < texts.length; i++) {
      texts[i] = String.valueOf(elements[i]);
      length += texts[i].length();
    }
    string(length + (long) separator.length() * Math.max(texts.length - 1, 0), cell);
    return String.join(separator, texts);
  }

  @Interposes(owner = String.class, kind = STATIC_METHOD)
  public static String join(
      CharSequence delimiter, Iterable<? extends CharSequence> elements, CellContext cell) {
    Objects.requireNonNull(delimiter);
    Objects.requireNonNull(elements);
    String separator = delimiter.toString();
    List<String> texts = new ArrayList<>();
    long length = 0;
    for (CharSequence element : elements) {
      String text = String.valueOf(element);
      texts.add(text);
      length += text.length();
    }
    string(length + (long) separator.length() * Math.max(texts.size() - 1, 0), cell);
    return String.join(separator, texts);
  }

  /**
   * A joiner keeps its elements and makes its string at once, inside the JDK, wherever it is
   * asked for it ({@code toString()}, also through {@code String.valueOf} or a concatenation):
   * so it may hold no more characters than the largest allocation.
   */
  @Interposes(owner = StringJoiner.class, kind = VIRTUAL_METHOD)
  public static StringJoiner add(StringJoiner joiner, CharSequence element, CellContext cell) {
    joiner.add(element);
    string(joiner.length(), cell);
    return joiner;
  }

  /** Merging joins the other joiner's elements into one string first. */
  @Interposes(owner = StringJoiner.class, kind = VIRTUAL_METHOD)
  public static StringJoiner merge(StringJoiner joiner, StringJoiner other, CellContext cell) {
    string(Objects.requireNonNull(other).length(), cell);
    joiner.merge(other);
    string(joiner.length(), cell);
    return joiner;
  }

  /**
   * The joining collectors, as the JDK's, with every element added where the joiner's length is
   * checked: the JDK's {@code joining()} appends every element to one builder inside the JDK, and
   * its other joining collectors add to joiners inside the JDK.
   */
  @Interposes(owner = Collectors.class, kind = STATIC_METHOD)
  public static Collector<CharSequence, ?, String> joining(CellContext cell) {
    return joining("", "", "", cell);
  }

  @Interposes(owner = Collectors.class, kind = STATIC_METHOD)
  public static Collector<CharSequence, ?, String> joining(
      CharSequence delimiter, CellContext cell) {
    return joining(delimiter, "", "", cell);
  }

  @Interposes(owner = Collectors.class, kind = STATIC_METHOD)
  public static Collector<CharSequence, ?, String> joining(
      CharSequence delimiter, CharSequence prefix, CharSequence suffix, CellContext cell) {
    return Collector.of(
        () -> new StringJoiner(delimiter, prefix, suffix),
        (joiner, element) -> add(joiner, element, cell),
        (joiner, other) -> merge(joiner, other, cell),
        StringJoiner::toString);
  }

  private static final MethodHandle BUILDER_REPEAT = repeat(StringBuilder.class);
  private static final MethodHandle BUFFER_REPEAT = repeat(StringBuffer.class);

  /** {@code repeat(CharSequence, int)} of Java 21, or null before. */
  private static MethodHandle repeat(Class<?> builder) {
    try {
      return MethodHandles.publicLookup()
          .findVirtual(builder, "repeat", MethodType.methodType(builder, CharSequence.class,
              int.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null;
    }
  }

  /**
   * The text a builder repeats: a {@code CharSequence} of the cell's is read once, as a string,
   * so that the length checked is the length the JDK allocates for (its {@code length()} could
   * answer more the second time).
   */
  private static CharSequence repeated(CharSequence text, int count, CellContext cell) {
    CharSequence fixed =
        text == null ? "null"
            : text.getClass().getClassLoader() == null ? text
            : text.toString();
    string((long) fixed.length() * Math.max(count, 0), cell);
    return fixed;
  }

  @Interposes(owner = StringBuilder.class, member = "repeat", kind = VIRTUAL_METHOD, since = 21)
  public static StringBuilder builderRepeat(
      StringBuilder builder, CharSequence text, int count, CellContext cell) throws Throwable {
    CharSequence fixed = count <= 1 ? text : repeated(text, count, cell);
    return (StringBuilder) BUILDER_REPEAT.invokeExact(builder, fixed, count);
  }

  @Interposes(owner = StringBuffer.class, member = "repeat", kind = VIRTUAL_METHOD, since = 21)
  public static StringBuffer bufferRepeat(
      StringBuffer buffer, CharSequence text, int count, CellContext cell) throws Throwable {
    CharSequence fixed = count <= 1 ? text : repeated(text, count, cell);
    return (StringBuffer) BUFFER_REPEAT.invokeExact(buffer, fixed, count);
  }

  @Interposes(owner = Collections.class, kind = STATIC_METHOD)
  public static <T> List<T> nCopies(int count, T element, CellContext cell) {
    return new CopiesList<>(count, element, cell);
  }

  /** Stops the cell unless {@code bytes} formatted by {@code format} fit the largest allocation. */
  private static void hex(HexFormat format, byte[] bytes, int from, int to, CellContext cell) {
    if (bytes != null && 0 <= from && from <= to && to <= bytes.length && to > from) {
      long count = to - from;
      long each = format.prefix().length() + 2L + format.suffix().length();
      string(count * each + (count - 1) * format.delimiter().length(), cell);
    }
  }

  @Interposes(owner = HexFormat.class, kind = VIRTUAL_METHOD)
  public static String formatHex(HexFormat format, byte[] bytes, CellContext cell) {
    hex(format, bytes, 0, bytes == null ? 0 : bytes.length, cell);
    return format.formatHex(bytes);
  }

  @Interposes(owner = HexFormat.class, kind = VIRTUAL_METHOD)
  public static String formatHex(
      HexFormat format, byte[] bytes, int from, int to, CellContext cell) {
    hex(format, bytes, from, to, cell);
    return format.formatHex(bytes, from, to);
  }

  @Interposes(owner = HexFormat.class, kind = VIRTUAL_METHOD)
  public static Appendable formatHex(
      HexFormat format, Appendable out, byte[] bytes, CellContext cell) {
    hex(format, bytes, 0, bytes == null ? 0 : bytes.length, cell);
    return format.formatHex(out, bytes);
  }

  @Interposes(owner = HexFormat.class, kind = VIRTUAL_METHOD)
  public static Appendable formatHex(
      HexFormat format, Appendable out, byte[] bytes, int from, int to, CellContext cell) {
    hex(format, bytes, from, to, cell);
    return format.formatHex(out, bytes, from, to);
  }

  /**
   * The MIME encoders cells made with a line separator of their choice: the line length and the
   * separator's length. Such an encoder puts the separator after every line, so four bytes of
   * input may take a 1 MiB separator along; the JDK allocates the whole output at once.
   */
  private static final Map<Base64.Encoder, int[]> MIME_LINES =
      Collections.synchronizedMap(new WeakHashMap<>());

  @Interposes(owner = Base64.class, kind = STATIC_METHOD)
  public static Base64.Encoder getMimeEncoder(
      int lineLength, byte[] lineSeparator, CellContext cell) {
    Base64.Encoder encoder = Base64.getMimeEncoder(lineLength, lineSeparator);
    int lineMax = lineLength & ~3;
    if (lineMax > 0) {
      MIME_LINES.put(encoder, new int[] {lineMax, lineSeparator.length});
    }
    return encoder;
  }

  @Interposes(owner = Base64.Encoder.class, kind = VIRTUAL_METHOD)
  public static Base64.Encoder withoutPadding(Base64.Encoder encoder, CellContext cell) {
    Base64.Encoder unpadded = encoder.withoutPadding();
    int[] lines = MIME_LINES.get(encoder);
    if (lines != null) {
      MIME_LINES.put(unpadded, lines);
    }
    return unpadded;
  }

  /** Stops the cell unless what {@code encoder} makes of {@code length} bytes fits. */
  private static void encoded(Base64.Encoder encoder, long length, CellContext cell) {
    int[] lines = MIME_LINES.get(encoder);
    if (lines != null && length > 0) {
      long characters = (length + 2) / 3 * 4;
      string(characters + (characters - 1) / lines[0] * lines[1], cell);
    }
  }

  @Interposes(owner = Base64.Encoder.class, kind = VIRTUAL_METHOD)
  public static byte[] encode(Base64.Encoder encoder, byte[] source, CellContext cell) {
    encoded(encoder, source == null ? 0 : source.length, cell);
    return encoder.encode(source);
  }

  @Interposes(owner = Base64.Encoder.class, kind = VIRTUAL_METHOD)
  public static String encodeToString(Base64.Encoder encoder, byte[] source, CellContext cell) {
    encoded(encoder, source == null ? 0 : source.length, cell);
    return encoder.encodeToString(source);
  }

  @Interposes(owner = Base64.Encoder.class, kind = VIRTUAL_METHOD)
  public static ByteBuffer encode(Base64.Encoder encoder, ByteBuffer source, CellContext cell) {
    encoded(encoder, source == null ? 0 : source.remaining(), cell);
    return encoder.encode(source);
  }

  /**
   * A stream of such an encoder writes the separator after every line to {@code out} inside one
   * JDK call; every write passes the kill check, so a run past its memory limit stops there.
   */
  @Interposes(owner = Base64.Encoder.class, kind = VIRTUAL_METHOD)
  public static OutputStream wrap(Base64.Encoder encoder, OutputStream out, CellContext cell) {
    if (out != null && MIME_LINES.containsKey(encoder)) {
      return encoder.wrap(new CheckedOutput(out, cell));
    }
    return encoder.wrap(out);
  }

  /** Passes every write on, after the kill check. */
  private static final class CheckedOutput extends FilterOutputStream {
    private final CellContext cell;

    CheckedOutput(OutputStream out, CellContext cell) {
      super(out);
      this.cell = cell;
    }

    @Override
    public void write(int b) throws IOException {
      Guards.check(cell);
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      Guards.check(cell);
      out.write(b, off, len);
    }
  }

  @Interposes(owner = Array.class, kind = STATIC_METHOD)
  public static Object newInstance(Class<?> component, int length, CellContext cell) {
    // A null component throws the JDK's NullPointerException here, as the JDK would.
    int bytes = component.isPrimitive() ? Guards.primitiveBytes(component) : 4;
    Guards.allocation(length, Integer.numberOfTrailingZeros(bytes), cell);
    return Array.newInstance(component, length);
  }

  @Interposes(owner = Array.class, kind = STATIC_METHOD)
  public static Object newInstance(Class<?> component, int[] dimensions, CellContext cell) {
    // Every level counted, as for multianewarray; no dimensions: the JDK's exception.
    return dimensions.length == 0
        ? Array.newInstance(component, dimensions)
        : Guards.newArray(component, cell, dimensions);
  }

  // Endless streams whose next element may come from the JDK alone (UnaryOperator.identity(),
  // a collector's supplier): every element passes the kill check, as for ranges.

  @Interposes(owner = Stream.class, member = "iterate", kind = STATIC_METHOD)
  public static <T> Stream<T> iterate(T seed, UnaryOperator<T> next, CellContext cell) {
    return Guards.walk(Stream.iterate(seed, next), cell);
  }

  @Interposes(owner = Stream.class, member = "iterate", kind = STATIC_METHOD)
  public static <T> Stream<T> iterate(
      T seed, Predicate<? super T> hasNext, UnaryOperator<T> next, CellContext cell) {
    return Guards.walk(Stream.iterate(seed, hasNext, next), cell);
  }

  @Interposes(owner = Stream.class, member = "generate", kind = STATIC_METHOD)
  public static <T> Stream<T> generate(Supplier<? extends T> supplier, CellContext cell) {
    return Guards.walk(Stream.<T>generate(supplier), cell);
  }

  @Interposes(owner = IntStream.class, member = "iterate", kind = STATIC_METHOD)
  public static IntStream intIterate(int seed, IntUnaryOperator next, CellContext cell) {
    return Guards.walk(IntStream.iterate(seed, next), cell);
  }

  @Interposes(owner = IntStream.class, member = "iterate", kind = STATIC_METHOD)
  public static IntStream intIterate(
      int seed, IntPredicate hasNext, IntUnaryOperator next, CellContext cell) {
    return Guards.walk(IntStream.iterate(seed, hasNext, next), cell);
  }

  @Interposes(owner = IntStream.class, member = "generate", kind = STATIC_METHOD)
  public static IntStream intGenerate(IntSupplier supplier, CellContext cell) {
    return Guards.walk(IntStream.generate(supplier), cell);
  }

  @Interposes(owner = LongStream.class, member = "iterate", kind = STATIC_METHOD)
  public static LongStream longIterate(long seed, LongUnaryOperator next, CellContext cell) {
    return Guards.walk(LongStream.iterate(seed, next), cell);
  }

  @Interposes(owner = LongStream.class, member = "iterate", kind = STATIC_METHOD)
  public static LongStream longIterate(
      long seed, LongPredicate hasNext, LongUnaryOperator next, CellContext cell) {
    return Guards.walk(LongStream.iterate(seed, hasNext, next), cell);
  }

  @Interposes(owner = LongStream.class, member = "generate", kind = STATIC_METHOD)
  public static LongStream longGenerate(LongSupplier supplier, CellContext cell) {
    return Guards.walk(LongStream.generate(supplier), cell);
  }

  @Interposes(owner = DoubleStream.class, member = "iterate", kind = STATIC_METHOD)
  public static DoubleStream doubleIterate(
      double seed, DoubleUnaryOperator next, CellContext cell) {
    return Guards.walk(DoubleStream.iterate(seed, next), cell);
  }

  @Interposes(owner = DoubleStream.class, member = "iterate", kind = STATIC_METHOD)
  public static DoubleStream doubleIterate(
      double seed, DoublePredicate hasNext, DoubleUnaryOperator next, CellContext cell) {
    return Guards.walk(DoubleStream.iterate(seed, hasNext, next), cell);
  }

  @Interposes(owner = DoubleStream.class, member = "generate", kind = STATIC_METHOD)
  public static DoubleStream doubleGenerate(DoubleSupplier supplier, CellContext cell) {
    return Guards.walk(DoubleStream.generate(supplier), cell);
  }

  /** Ranges this long are walked unguarded: a walk of them takes well under a millisecond. */
  private static final long UNGUARDED_RANGE = 1 << 16;

  @Interposes(owner = IntStream.class, member = "range", kind = STATIC_METHOD)
  public static IntStream intRange(int start, int end, CellContext cell) {
    IntStream range = IntStream.range(start, end);
    return (long) end - start <= UNGUARDED_RANGE ? range : Guards.walk(range, cell);
  }

  @Interposes(owner = IntStream.class, member = "rangeClosed", kind = STATIC_METHOD)
  public static IntStream intRangeClosed(int start, int end, CellContext cell) {
    IntStream range = IntStream.rangeClosed(start, end);
    return (long) end - start < UNGUARDED_RANGE ? range : Guards.walk(range, cell);
  }

  @Interposes(owner = LongStream.class, member = "range", kind = STATIC_METHOD)
  public static LongStream longRange(long start, long end, CellContext cell) {
    LongStream range = LongStream.range(start, end);
    return end - start <= UNGUARDED_RANGE && end - start >= 0
        ? range
        : Guards.walk(range, cell);
  }

  @Interposes(owner = LongStream.class, member = "rangeClosed", kind = STATIC_METHOD)
  public static LongStream longRangeClosed(long start, long end, CellContext cell) {
    LongStream range = LongStream.rangeClosed(start, end);
    return end - start < UNGUARDED_RANGE && end - start >= 0
        ? range
        : Guards.walk(range, cell);
  }
}
