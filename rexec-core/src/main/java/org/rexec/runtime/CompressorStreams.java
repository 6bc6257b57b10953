package org.rexec.runtime;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.Cleaner;
import java.nio.charset.Charset;
import java.util.zip.DeflaterInputStream;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.InflaterOutputStream;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The compressing streams that make their own {@code Deflater} or {@code Inflater} inside the
 * JDK, where rexec does not rewrite the {@code new}: each counts as one of the cell's {@link
 * NativeCompressors}. The stream argument is mapped to a pass-through stream that holds the
 * reservation, so that the JDK's own class and constructor run unchanged (for a {@code
 * super(...)} call too): the reservation ends when the stream is closed (which ends its
 * compressor, then closes the pass-through), or once the stream is unreachable, also when the
 * constructor failed (a {@code GZIPInputStream} over bytes that are not gzip).
 *
 * <p>A {@code null} stream is passed on unchanged, to the JDK's {@code NullPointerException},
 * which it throws before allocating anything.
 */
public final class CompressorStreams {

  private CompressorStreams() {}

  private static OutputStream counted(OutputStream out, String what, CellContext cell) {
    if (out == null) {
      return null;
    }
    cell.compressors().reserve(what);
    try {
      ReservedOutputStream reserved = new ReservedOutputStream(out);
      reserved.reservation = cell.compressors().track(reserved);
      return reserved;
    } catch (RuntimeException | Error e) {
      cell.compressors().release();
      throw e;
    }
  }

  private static InputStream counted(InputStream in, String what, CellContext cell) {
    if (in == null) {
      return null;
    }
    cell.compressors().reserve(what);
    try {
      ReservedInputStream reserved = new ReservedInputStream(in);
      reserved.reservation = cell.compressors().track(reserved);
      return reserved;
    } catch (RuntimeException | Error e) {
      cell.compressors().release();
      throw e;
    }
  }

  // ---- output: a Deflater (an Inflater for InflaterOutputStream) made by the stream ----

  @RedirectsConstructor(owner = DeflaterOutputStream.class, from = OutputStream.class,
      to = OutputStream.class)
  public static OutputStream deflaterOutputStream(OutputStream out, CellContext cell) {
    return counted(out, "java.util.zip.DeflaterOutputStream", cell);
  }

  @RedirectsConstructor(owner = DeflaterOutputStream.class,
      from = {OutputStream.class, boolean.class}, to = {OutputStream.class, boolean.class})
  public static OutputStream deflaterOutputStreamFlushing(OutputStream out, CellContext cell) {
    return counted(out, "java.util.zip.DeflaterOutputStream", cell);
  }

  @RedirectsConstructor(owner = GZIPOutputStream.class, from = OutputStream.class,
      to = OutputStream.class)
  public static OutputStream gzipOutputStream(OutputStream out, CellContext cell) {
    return counted(out, "java.util.zip.GZIPOutputStream", cell);
  }

  @RedirectsConstructor(owner = GZIPOutputStream.class, from = {OutputStream.class, int.class},
      to = {OutputStream.class, int.class})
  public static OutputStream gzipOutputStreamSized(OutputStream out, CellContext cell) {
    return counted(out, "java.util.zip.GZIPOutputStream", cell);
  }

  @RedirectsConstructor(owner = GZIPOutputStream.class,
      from = {OutputStream.class, boolean.class}, to = {OutputStream.class, boolean.class})
  public static OutputStream gzipOutputStreamFlushing(OutputStream out, CellContext cell) {
    return counted(out, "java.util.zip.GZIPOutputStream", cell);
  }

  @RedirectsConstructor(owner = GZIPOutputStream.class,
      from = {OutputStream.class, int.class, boolean.class},
      to = {OutputStream.class, int.class, boolean.class})
  public static OutputStream gzipOutputStreamSizedFlushing(OutputStream out, CellContext cell) {
    return counted(out, "java.util.zip.GZIPOutputStream", cell);
  }

  @RedirectsConstructor(owner = ZipOutputStream.class, from = OutputStream.class,
      to = OutputStream.class)
  public static OutputStream zipOutputStream(OutputStream out, CellContext cell) {
    return counted(out, "java.util.zip.ZipOutputStream", cell);
  }

  @RedirectsConstructor(owner = ZipOutputStream.class, from = {OutputStream.class, Charset.class},
      to = {OutputStream.class, Charset.class})
  public static OutputStream zipOutputStreamCharset(OutputStream out, CellContext cell) {
    return counted(out, "java.util.zip.ZipOutputStream", cell);
  }

  @RedirectsConstructor(owner = InflaterOutputStream.class, from = OutputStream.class,
      to = OutputStream.class)
  public static OutputStream inflaterOutputStream(OutputStream out, CellContext cell) {
    return counted(out, "java.util.zip.InflaterOutputStream", cell);
  }

  // ---- input: an Inflater (a Deflater for DeflaterInputStream) made by the stream ----

  @RedirectsConstructor(owner = InflaterInputStream.class, from = InputStream.class,
      to = InputStream.class)
  public static InputStream inflaterInputStream(InputStream in, CellContext cell) {
    return counted(in, "java.util.zip.InflaterInputStream", cell);
  }

  @RedirectsConstructor(owner = GZIPInputStream.class, from = InputStream.class,
      to = InputStream.class)
  public static InputStream gzipInputStream(InputStream in, CellContext cell) {
    return counted(in, "java.util.zip.GZIPInputStream", cell);
  }

  @RedirectsConstructor(owner = GZIPInputStream.class, from = {InputStream.class, int.class},
      to = {InputStream.class, int.class})
  public static InputStream gzipInputStreamSized(InputStream in, CellContext cell) {
    return counted(in, "java.util.zip.GZIPInputStream", cell);
  }

  @RedirectsConstructor(owner = ZipInputStream.class, from = InputStream.class,
      to = InputStream.class)
  public static InputStream zipInputStream(InputStream in, CellContext cell) {
    return counted(in, "java.util.zip.ZipInputStream", cell);
  }

  @RedirectsConstructor(owner = ZipInputStream.class, from = {InputStream.class, Charset.class},
      to = {InputStream.class, Charset.class})
  public static InputStream zipInputStreamCharset(InputStream in, CellContext cell) {
    return counted(in, "java.util.zip.ZipInputStream", cell);
  }

  @RedirectsConstructor(owner = DeflaterInputStream.class, from = InputStream.class,
      to = InputStream.class)
  public static InputStream deflaterInputStream(InputStream in, CellContext cell) {
    return counted(in, "java.util.zip.DeflaterInputStream", cell);
  }

  /** Passes everything through, in whole arrays; closing it ends the reservation. */
  private static final class ReservedOutputStream extends FilterOutputStream {
    Cleaner.Cleanable reservation;

    ReservedOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
    }

    @Override
    public void close() throws IOException {
      try {
        out.close();
      } finally {
        reservation.clean();
      }
    }

    @Override
    public String toString() {
      return out.toString();
    }
  }

  /** Passes everything through; closing it ends the reservation. */
  private static final class ReservedInputStream extends FilterInputStream {
    Cleaner.Cleanable reservation;

    ReservedInputStream(InputStream in) {
      super(in);
    }

    @Override
    public void close() throws IOException {
      try {
        in.close();
      } finally {
        reservation.clean();
      }
    }

    @Override
    public String toString() {
      return in.toString();
    }
  }
}
