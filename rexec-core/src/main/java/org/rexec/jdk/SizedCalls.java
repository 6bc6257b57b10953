package org.rexec.jdk;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The JDK calls that allocate by a size argument cell code chooses ({@code Arrays.copyOf},
 * {@code new ArrayList(n)}, {@code ensureCapacity(n)}, ...). Before each, the rewriter plants the
 * allocation guard, which ends the run with the memory limit when the allocation would be larger
 * than the largest allowed, before the JDK tries it. Calls are matched by the owner the bytecode
 * names, so a {@code super(n)} call of a subclass is guarded too.
 *
 * <p>To teach rexec another such call: add one line to {@link #table()}; {@code
 * JdkCatalogueTest} checks that the JDK has it. A call with two size arguments has two lines.
 */
public final class SizedCalls {

  /**
   * A JDK call with a size argument.
   *
   * @param member the call
   * @param depth where the size is: how many one-slot values lie above it on the operand stack
   *     when the call is made (0: it is the last argument); at most 2
   * @param shift bytes per unit of size as a power of two: 0 for bytes, 2 for references and
   *     ints, 3 for longs and hash table entries (about two references); negative for units
   *     smaller than a byte (-3: bits)
   */
  public record SizedCall(JdkMember member, int depth, int shift) {
    public SizedCall {
      if (depth < 0 || depth > 2) {
        throw new IllegalArgumentException("depth must be 0 to 2, was " + depth + ": " + member);
      }
    }
  }

  private static final List<SizedCall> TABLE = table();

  private static final Map<String, List<SizedCall>> BY_KEY =
      TABLE.stream().collect(Collectors.groupingBy(call -> call.member().key(),
          Collectors.toUnmodifiableList()));

  private SizedCalls() {}

  /**
   * The sizes of the call an instruction naming {@code owner.name descriptor} makes: one entry
   * for each argument that sizes an allocation; empty if none.
   */
  public static List<SizedCall> find(String owner, String name, String descriptor) {
    return BY_KEY.getOrDefault(JdkMember.key(owner, name, descriptor), List.of());
  }

  /** Every entry of the table. */
  public static Collection<SizedCall> all() {
    return TABLE;
  }

  private static List<SizedCall> table() {
    List<SizedCall> calls = new ArrayList<>();
    // Arrays.copyOf and copyOfRange: the new length, or the end of the range, is on top.
    String[][] elements = {
      {"Z", "0"}, {"B", "0"}, {"C", "1"}, {"S", "1"}, {"I", "2"}, {"F", "2"}, {"J", "3"},
      {"D", "3"}, {"Ljava/lang/Object;", "2"}
    };
    for (String[] element : elements) {
      String array = "[" + element[0];
      int shift = Integer.parseInt(element[1]);
      add(calls, "java/util/Arrays", "copyOf", "(" + array + "I)" + array, 0, shift);
      add(calls, "java/util/Arrays", "copyOfRange", "(" + array + "II)" + array, 0, shift);
    }
    add(calls, "java/util/Arrays", "copyOf",
        "([Ljava/lang/Object;ILjava/lang/Class;)[Ljava/lang/Object;", 1, 2);
    add(calls, "java/util/Arrays", "copyOfRange",
        "([Ljava/lang/Object;IILjava/lang/Class;)[Ljava/lang/Object;", 1, 2);
    // Collections: the initial capacity. Hash tables hold about two references per entry.
    for (String list : new String[] {"ArrayList", "ArrayDeque", "Vector", "PriorityQueue"}) {
      add(calls, "java/util/" + list, "<init>", "(I)V", 0, 2);
    }
    add(calls, "java/util/Vector", "<init>", "(II)V", 1, 2);
    // The capacity increment: every growth adds that many elements at once.
    add(calls, "java/util/Vector", "<init>", "(II)V", 0, 2);
    add(calls, "java/util/PriorityQueue", "<init>", "(ILjava/util/Comparator;)V", 1, 2);
    add(calls, "java/util/ArrayList", "ensureCapacity", "(I)V", 0, 2);
    add(calls, "java/util/Vector", "ensureCapacity", "(I)V", 0, 2);
    add(calls, "java/util/Vector", "setSize", "(I)V", 0, 2);
    add(calls, "java/util/concurrent/ArrayBlockingQueue", "<init>", "(I)V", 0, 2);
    add(calls, "java/util/concurrent/ArrayBlockingQueue", "<init>", "(IZ)V", 1, 2);
    add(calls, "java/util/concurrent/ArrayBlockingQueue", "<init>", "(IZLjava/util/Collection;)V",
        2, 2);
    add(calls, "java/util/concurrent/PriorityBlockingQueue", "<init>", "(I)V", 0, 2);
    add(calls, "java/util/concurrent/PriorityBlockingQueue", "<init>",
        "(ILjava/util/Comparator;)V", 1, 2);
    for (String map :
        new String[] {
          "java/util/HashMap", "java/util/HashSet", "java/util/LinkedHashMap",
          "java/util/LinkedHashSet", "java/util/Hashtable", "java/util/WeakHashMap",
          "java/util/IdentityHashMap", "java/util/concurrent/ConcurrentHashMap"
        }) {
      add(calls, map, "<init>", "(I)V", 0, 3);
      if (!map.equals("java/util/IdentityHashMap")) {
        add(calls, map, "<init>", "(IF)V", 1, 3);
      }
    }
    add(calls, "java/util/LinkedHashMap", "<init>", "(IFZ)V", 2, 3);
    // The factories sized by the number of mappings (Java 19).
    for (String map :
        new String[] {"HashMap", "HashSet", "LinkedHashMap", "LinkedHashSet", "WeakHashMap"}) {
      String type = "java/util/" + map;
      calls.add(new SizedCall(new JdkMember(type, "new" + map, "(I)L" + type + ";", 19), 0, 3));
    }
    add(calls, "java/util/concurrent/ConcurrentHashMap", "<init>", "(IFI)V", 2, 3);
    // The concurrency level: the table holds at least as many bins.
    add(calls, "java/util/concurrent/ConcurrentHashMap", "<init>", "(IFI)V", 0, 3);
    add(calls, "java/util/concurrent/ConcurrentHashMap", "newKeySet",
        "(I)Ljava/util/concurrent/ConcurrentHashMap$KeySetView;", 0, 3);
    // Character buffers: Latin-1 strings take a byte per character.
    for (String builder : new String[] {"java/lang/StringBuilder", "java/lang/StringBuffer"}) {
      add(calls, builder, "<init>", "(I)V", 0, 0);
      add(calls, builder, "ensureCapacity", "(I)V", 0, 0);
      add(calls, builder, "setLength", "(I)V", 0, 0);
      calls.add(new SizedCall(new JdkMember(builder, "repeat", "(II)L" + builder + ";", 21), 0, 0));
    }
    add(calls, "java/io/ByteArrayOutputStream", "<init>", "(I)V", 0, 0);
    add(calls, "java/io/StringWriter", "<init>", "(I)V", 0, 0);
    add(calls, "java/io/CharArrayWriter", "<init>", "(I)V", 0, 1);
    add(calls, "java/io/BufferedInputStream", "<init>", "(Ljava/io/InputStream;I)V", 0, 0);
    add(calls, "java/io/BufferedOutputStream", "<init>", "(Ljava/io/OutputStream;I)V", 0, 0);
    add(calls, "java/io/PushbackInputStream", "<init>", "(Ljava/io/InputStream;I)V", 0, 0);
    add(calls, "java/io/BufferedReader", "<init>", "(Ljava/io/Reader;I)V", 0, 1);
    add(calls, "java/io/BufferedWriter", "<init>", "(Ljava/io/Writer;I)V", 0, 1);
    add(calls, "java/io/PushbackReader", "<init>", "(Ljava/io/Reader;I)V", 0, 1);
    add(calls, "java/io/LineNumberReader", "<init>", "(Ljava/io/Reader;I)V", 0, 1);
    // A mark's read-ahead limit: the buffer grows to it in one piece at the next fill.
    add(calls, "java/io/BufferedReader", "mark", "(I)V", 0, 1);
    add(calls, "java/io/LineNumberReader", "mark", "(I)V", 0, 1);
    // Pipes: the buffer between writer and reader.
    add(calls, "java/io/PipedInputStream", "<init>", "(I)V", 0, 0);
    add(calls, "java/io/PipedInputStream", "<init>", "(Ljava/io/PipedOutputStream;I)V", 0, 0);
    add(calls, "java/io/PipedReader", "<init>", "(I)V", 0, 1);
    add(calls, "java/io/PipedReader", "<init>", "(Ljava/io/PipedWriter;I)V", 0, 1);
    // Compressing streams: the buffer of compressed or inflated bytes.
    add(calls, "java/util/zip/DeflaterOutputStream", "<init>",
        "(Ljava/io/OutputStream;Ljava/util/zip/Deflater;I)V", 0, 0);
    add(calls, "java/util/zip/DeflaterOutputStream", "<init>",
        "(Ljava/io/OutputStream;Ljava/util/zip/Deflater;IZ)V", 1, 0);
    add(calls, "java/util/zip/DeflaterInputStream", "<init>",
        "(Ljava/io/InputStream;Ljava/util/zip/Deflater;I)V", 0, 0);
    add(calls, "java/util/zip/InflaterInputStream", "<init>",
        "(Ljava/io/InputStream;Ljava/util/zip/Inflater;I)V", 0, 0);
    add(calls, "java/util/zip/InflaterOutputStream", "<init>",
        "(Ljava/io/OutputStream;Ljava/util/zip/Inflater;I)V", 0, 0);
    add(calls, "java/util/zip/GZIPInputStream", "<init>", "(Ljava/io/InputStream;I)V", 0, 0);
    add(calls, "java/util/zip/GZIPOutputStream", "<init>", "(Ljava/io/OutputStream;I)V", 0, 0);
    add(calls, "java/util/zip/GZIPOutputStream", "<init>", "(Ljava/io/OutputStream;IZ)V", 1, 0);
    // Readers and writers of channels: the minimum buffer capacity, in bytes.
    add(calls, "java/nio/channels/Channels", "newReader",
        "(Ljava/nio/channels/ReadableByteChannel;Ljava/nio/charset/CharsetDecoder;I)"
            + "Ljava/io/Reader;", 0, 0);
    add(calls, "java/nio/channels/Channels", "newWriter",
        "(Ljava/nio/channels/WritableByteChannel;Ljava/nio/charset/CharsetEncoder;I)"
            + "Ljava/io/Writer;", 0, 0);
    // Number formats pad a big number with as many digits as the minimum, one at a time.
    for (String format :
        new String[] {"java/text/NumberFormat", "java/text/DecimalFormat",
          "java/text/CompactNumberFormat"}) {
      add(calls, format, "setMinimumIntegerDigits", "(I)V", 0, 0);
      add(calls, format, "setMinimumFractionDigits", "(I)V", 0, 0);
    }
    // NIO buffers.
    String[][] buffers = {
      {"Byte", "0"}, {"Char", "1"}, {"Short", "1"}, {"Int", "2"}, {"Float", "2"}, {"Long", "3"},
      {"Double", "3"}
    };
    for (String[] buffer : buffers) {
      String type = "java/nio/" + buffer[0] + "Buffer";
      add(calls, type, "allocate", "(I)L" + type + ";", 0, Integer.parseInt(buffer[1]));
    }
    add(calls, "java/nio/ByteBuffer", "allocateDirect", "(I)Ljava/nio/ByteBuffer;", 0, 0);
    // A bit set grows to hold the highest bit set or flipped: bits, not bytes.
    add(calls, "java/util/BitSet", "<init>", "(I)V", 0, -3);
    add(calls, "java/util/BitSet", "set", "(I)V", 0, -3);
    add(calls, "java/util/BitSet", "set", "(II)V", 0, -3);
    add(calls, "java/util/BitSet", "set", "(IZ)V", 1, -3);
    add(calls, "java/util/BitSet", "set", "(IIZ)V", 1, -3);
    add(calls, "java/util/BitSet", "flip", "(I)V", 0, -3);
    add(calls, "java/util/BitSet", "flip", "(II)V", 0, -3);
    return List.copyOf(calls);
  }

  private static void add(
      List<SizedCall> calls, String owner, String name, String descriptor, int depth, int shift) {
    calls.add(new SizedCall(JdkMember.of(owner, name, descriptor), depth, shift));
  }
}
