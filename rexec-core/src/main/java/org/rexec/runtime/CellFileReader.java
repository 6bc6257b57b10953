package org.rexec.runtime;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileNotFoundException;
import java.io.FileReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import org.rexec.fs.VisibleClasses;

/**
 * The cell's {@code FileReader}: a reader over the cell's {@link CellFileInputStream}. Every
 * method of {@code Reader} is delegated, so nothing reads the (empty) stream the JDK class was
 * built on.
 */
@Substitutes(FileReader.class)
public class CellFileReader extends FileReader {

  private final InputStreamReader reader;

  public CellFileReader(String name, CellContext cell) throws FileNotFoundException {
    this(new CellFileInputStream(name, cell), Charset.defaultCharset());
  }

  public CellFileReader(File file, CellContext cell) throws FileNotFoundException {
    this(new CellFileInputStream(file, cell), Charset.defaultCharset());
  }

  public CellFileReader(FileDescriptor descriptor, CellContext cell) {
    this(new CellFileInputStream(descriptor, cell), Charset.defaultCharset());
  }

  public CellFileReader(String name, Charset charset, CellContext cell) throws IOException {
    this(new CellFileInputStream(name, cell), charset);
  }

  public CellFileReader(File file, Charset charset, CellContext cell) throws IOException {
    this(new CellFileInputStream(file, cell), charset);
  }

  private CellFileReader(CellFileInputStream in, Charset charset) {
    super(new FileDescriptor());
    this.reader = new InputStreamReader(in, Receivers.require(charset));
  }

  @Override
  public String getEncoding() {
    return reader.getEncoding();
  }

  @Override
  public int read() throws IOException {
    return reader.read();
  }

  @Override
  public int read(char[] buffer) throws IOException {
    return reader.read(buffer, 0, buffer.length);
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    return reader.read(buffer, offset, length);
  }

  @Override
  public int read(CharBuffer target) throws IOException {
    return reader.read(target);
  }

  @Override
  public long skip(long count) throws IOException {
    return reader.skip(count);
  }

  @Override
  public boolean ready() throws IOException {
    return reader.ready();
  }

  @Override
  public long transferTo(Writer out) throws IOException {
    return reader.transferTo(out);
  }

  @Override
  public void close() throws IOException {
    reader.close();
    super.close();
  }

  /** {@code Reader}'s own mark and reset: not supported, as for the JDK's FileReader. */
  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public void mark(int limit) throws IOException {
    reader.mark(limit);
  }

  @Override
  public void reset() throws IOException {
    reader.reset();
  }

  /** As the JDK's, naming the JDK class this stands for (see {@link VisibleClasses}). */
  @Override
  public String toString() {
    return VisibleClasses.shown(this, super.toString());
  }
}
