package org.rexec.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A program reading its standard input in each common way prints the same in a cell (standard
 * input wired as the CLI wires it: the JVM's own {@code System.in}) as on a plain JVM, byte for
 * byte, when standard input is a file and when it is a pipe.
 *
 * <p>Some ways assume what plain {@code java} gives only for a file: one {@code read} into a
 * large array returns all the file holds, and {@code available()} is what it holds. Those run
 * from a file only; on a pipe their output depends on timing on a plain JVM too.
 */
class StandardInputSameAsPlainJvmTest {

  private static final String PROGRAM =
      """
      import java.io.*;
      import java.nio.charset.StandardCharsets;
      import java.util.*;
      public class ReadsInput {
        public static void main(String[] args) throws IOException {
          switch (args[0]) {
            case "one-large-read" -> {
              byte[] buffer = new byte[1 << 24];
              int count = System.in.read(buffer, 7, buffer.length - 7);
              report("one read", Arrays.copyOfRange(buffer, 7, 7 + Math.max(0, count)));
              System.out.println("then: " + System.in.read(buffer));
            }
            case "sized-by-available" -> {
              byte[] buffer = new byte[System.in.available()];
              int count = System.in.read(buffer);
              System.out.println("read " + count);
              report("available", buffer);
            }
            case "descriptor-large-read" -> {
              byte[] buffer = new byte[1 << 24];
              int count = new FileInputStream(FileDescriptor.in).read(buffer);
              report("descriptor", Arrays.copyOf(buffer, Math.max(0, count)));
            }
            case "read-fully" -> {
              DataInputStream data = new DataInputStream(System.in);
              byte[] first = new byte[1_000_003];
              data.readFully(first);
              report("fully", first);
              report("rest", data.readAllBytes());
            }
            case "buffered-reader" -> {
              BufferedReader reader =
                  new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
              long sum = 0;
              int lines = 0;
              for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                for (String word : line.trim().split(" +")) sum += Long.parseLong(word);
                lines++;
              }
              System.out.println("lines " + lines + " sum " + sum);
            }
            case "scanner" -> {
              Scanner scanner = new Scanner(System.in);
              long sum = 0;
              int count = 0;
              while (scanner.hasNextLong()) {
                sum += scanner.nextLong();
                count++;
              }
              System.out.println("numbers " + count + " sum " + sum);
            }
            case "read-all-bytes" -> report("all", System.in.readAllBytes());
            case "byte-by-byte" -> {
              ByteArrayOutputStream all = new ByteArrayOutputStream();
              for (int next = System.in.read(); next >= 0; next = System.in.read()) all.write(next);
              report("bytes", all.toByteArray());
            }
            case "read-loop" -> {
              ByteArrayOutputStream all = new ByteArrayOutputStream();
              byte[] buffer = new byte[100_000];
              for (int count; (count = System.in.read(buffer)) >= 0; ) all.write(buffer, 0, count);
              report("loop", all.toByteArray());
            }
            case "file-channel" -> {
              java.nio.channels.FileChannel channel =
                  new FileInputStream(FileDescriptor.in).getChannel();
              report("channel", drain(channel));
            }
            case "wrapped-channel" ->
                report("wrapped", drain(java.nio.channels.Channels.newChannel(System.in)));
            default -> throw new IllegalArgumentException(args[0]);
          }
        }

        static byte[] drain(java.nio.channels.ReadableByteChannel channel) throws IOException {
          ByteArrayOutputStream all = new ByteArrayOutputStream();
          java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(1 << 16);
          while (channel.read(buffer) >= 0) {
            all.write(buffer.array(), 0, buffer.position());
            buffer.clear();
          }
          return all.toByteArray();
        }

        static void report(String what, byte[] bytes) {
          System.out.println(what + ": " + bytes.length + " bytes, hash " + Arrays.hashCode(bytes));
        }
      }
      """;

  @TempDir static Path directory;
  private static Path classes;
  private static Path source;
  private static Path input;
  private static byte[] inputBytes;

  @BeforeAll
  static void compileAndWriteTheInput() throws IOException {
    classes = Files.createDirectories(directory.resolve("classes"));
    source = Files.writeString(directory.resolve("ReadsInput.java"), PROGRAM);
    int compiled =
        ToolProvider.getSystemJavaCompiler()
            .run(null, null, null, "-d", classes.toString(), source.toString());
    assertThat(compiled).isZero();
    // About 2.4 MB of numbers: many of the pump's chunks and of BufferedInputStream's buffers.
    StringBuilder text = new StringBuilder();
    Random random = new Random(10);
    for (int line = 0; line < 200_000; line++) {
      text.append(random.nextInt(1_000_000)).append(' ').append(random.nextInt(1000)).append('\n');
    }
    inputBytes = text.toString().getBytes(StandardCharsets.UTF_8);
    input = Files.write(directory.resolve("input.txt"), inputBytes);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "one-large-read",
        "sized-by-available",
        "descriptor-large-read",
        "read-fully",
        "buffered-reader",
        "scanner",
        "read-all-bytes",
        "byte-by-byte",
        "read-loop",
        "file-channel",
        "wrapped-channel"
      })
  void fromAFileACellPrintsWhatAPlainJvmPrints(String way) throws Exception {
    String plain = run(List.of("-cp", classes.toString(), "ReadsInput", way), false);
    String inCell = run(cellCommand(way), false);

    assertThat(inCell).isEqualTo(plain);
    assertThat(plain).isNotBlank().doesNotContain("Exception");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "read-fully",
        "buffered-reader",
        "scanner",
        "read-all-bytes",
        "byte-by-byte",
        "read-loop",
        "file-channel",
        "wrapped-channel"
      })
  void fromAPipeACellPrintsWhatAPlainJvmPrints(String way) throws Exception {
    String plain = run(List.of("-cp", classes.toString(), "ReadsInput", way), true);
    String inCell = run(cellCommand(way), true);

    assertThat(inCell).isEqualTo(plain);
    assertThat(plain).isNotBlank().doesNotContain("Exception");
  }

  private static List<String> cellCommand(String way) {
    return List.of(
        "-cp",
        System.getProperty("java.class.path"),
        CellOnStandardInput.class.getName(),
        source.toString(),
        way);
  }

  /** Runs a JVM with the input file as standard input, or written into a pipe in pieces. */
  private static String run(List<String> arguments, boolean pipe) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (!pipe) {
      builder.redirectInput(input.toFile());
    }
    Process process = builder.start();
    CompletableFuture<byte[]> output =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return process.getInputStream().readAllBytes();
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    if (pipe) {
      writeInPieces(process.getOutputStream());
    }
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String printed = new String(output.get(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(printed).isZero();
    return printed;
  }

  /** Pieces of uneven sizes with pauses, so that reads find part of the input arrived. */
  private static void writeInPieces(OutputStream pipe) throws IOException, InterruptedException {
    Random random = new Random(25);
    try (pipe) {
      for (int offset = 0; offset < inputBytes.length; ) {
        int piece = Math.min(inputBytes.length - offset, 1 + random.nextInt(200_000));
        pipe.write(inputBytes, offset, piece);
        pipe.flush();
        offset += piece;
        if (random.nextInt(8) == 0) {
          Thread.sleep(5);
        }
      }
    }
  }
}
