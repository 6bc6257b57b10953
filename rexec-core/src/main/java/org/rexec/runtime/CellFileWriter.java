package org.rexec.runtime;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.Charset;
import org.rexec.fs.VisibleClasses;

/**
 * The cell's {@code FileWriter}: a writer over the cell's {@link CellFileOutputStream}. Every
 * method of {@code Writer} is delegated, so nothing writes to the (empty) stream the JDK class
 * was built on.
 */
@Substitutes(FileWriter.class)
public class CellFileWriter extends FileWriter {

  private final OutputStreamWriter writer;

  public CellFileWriter(String name, CellContext cell) throws IOException {
    this(new CellFileOutputStream(name, false, cell), Charset.defaultCharset());
  }

  public CellFileWriter(String name, boolean append, CellContext cell) throws IOException {
    this(new CellFileOutputStream(name, append, cell), Charset.defaultCharset());
  }

  public CellFileWriter(File file, CellContext cell) throws IOException {
    this(new CellFileOutputStream(file, false, cell), Charset.defaultCharset());
  }

  public CellFileWriter(File file, boolean append, CellContext cell) throws IOException {
    this(new CellFileOutputStream(file, append, cell), Charset.defaultCharset());
  }

  public CellFileWriter(FileDescriptor descriptor, CellContext cell) {
    this(new CellFileOutputStream(descriptor, cell), Charset.defaultCharset());
  }

  public CellFileWriter(String name, Charset charset, CellContext cell) throws IOException {
    this(new CellFileOutputStream(name, false, cell), charset);
  }

  public CellFileWriter(String name, Charset charset, boolean append, CellContext cell)
      throws IOException {
    this(new CellFileOutputStream(name, append, cell), charset);
  }

  public CellFileWriter(File file, Charset charset, CellContext cell) throws IOException {
    this(new CellFileOutputStream(file, false, cell), charset);
  }

  public CellFileWriter(File file, Charset charset, boolean append, CellContext cell)
      throws IOException {
    this(new CellFileOutputStream(file, append, cell), charset);
  }

  private CellFileWriter(CellFileOutputStream out, Charset charset) {
    super(new FileDescriptor());
    this.writer = new OutputStreamWriter(out, Receivers.require(charset));
  }

  @Override
  public String getEncoding() {
    return writer.getEncoding();
  }

  @Override
  public void write(int value) throws IOException {
    writer.write(value);
  }

  @Override
  public void write(char[] buffer) throws IOException {
    writer.write(buffer, 0, buffer.length);
  }

  @Override
  public void write(char[] buffer, int offset, int length) throws IOException {
    writer.write(buffer, offset, length);
  }

  @Override
  public void write(String text) throws IOException {
    writer.write(text, 0, text.length());
  }

  @Override
  public void write(String text, int offset, int length) throws IOException {
    writer.write(text, offset, length);
  }

  @Override
  public FileWriter append(CharSequence text) throws IOException {
    writer.append(text);
    return this;
  }

  @Override
  public FileWriter append(CharSequence text, int start, int end) throws IOException {
    writer.append(text, start, end);
    return this;
  }

  @Override
  public FileWriter append(char value) throws IOException {
    writer.append(value);
    return this;
  }

  @Override
  public void flush() throws IOException {
    writer.flush();
  }

  @Override
  public void close() throws IOException {
    writer.close();
    super.close();
  }

  /** As the JDK's, naming the JDK class this stands for (see {@link VisibleClasses}). */
  @Override
  public String toString() {
    return VisibleClasses.shown(this, super.toString());
  }
}
