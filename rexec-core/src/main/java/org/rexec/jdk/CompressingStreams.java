package org.rexec.jdk;

import java.util.List;

/**
 * The JDK's compressing streams and the protected field of each that holds its underlying
 * stream. A stream that made its own compressor has rexec's pass-through underneath, which holds
 * the compressor's reservation: a subclass that closed or replaced the underlying stream would
 * release the reservation while the compressor and its native memory live on. So a class that
 * extends one of {@link #STREAMS} may not name a field of {@link #UNDERLYING}.
 */
public final class CompressingStreams {

  /** A field: the class that declares it, its name and its descriptor. */
  public record JdkField(String owner, String name, String descriptor) {}

  /** Internal names of the compressing streams. */
  public static final List<String> STREAMS =
      List.of(
          "java/util/zip/DeflaterOutputStream",
          "java/util/zip/InflaterOutputStream",
          "java/util/zip/InflaterInputStream",
          "java/util/zip/DeflaterInputStream");

  /** The fields that hold a filter stream's underlying stream. */
  public static final List<JdkField> UNDERLYING =
      List.of(
          new JdkField("java/io/FilterOutputStream", "out", "Ljava/io/OutputStream;"),
          new JdkField("java/io/FilterInputStream", "in", "Ljava/io/InputStream;"));

  private CompressingStreams() {}

  /** Whether {@code declaring.name} is one of the underlying stream fields. */
  public static boolean isUnderlying(String declaring, String name) {
    for (JdkField field : UNDERLYING) {
      if (field.owner().equals(declaring) && field.name().equals(name)) {
        return true;
      }
    }
    return false;
  }
}
