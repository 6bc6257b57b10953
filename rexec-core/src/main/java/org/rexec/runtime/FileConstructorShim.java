package org.rexec.runtime;

import java.io.BufferedWriter;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UnsupportedEncodingException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.util.Formatter;
import java.util.Locale;
import java.util.Scanner;

/**
 * The JDK constructors that open a file by name or {@code File}, redirected to the constructor
 * that takes a stream, given the cell's own file stream. The objects stay exactly the JDK's
 * classes; each target constructor wraps the stream as the file constructor would have.
 */
public final class FileConstructorShim {

  private FileConstructorShim() {}

  // ---- PrintStream: (OutputStream) and (OutputStream, boolean autoFlush = false, charset) ----

  @RedirectsConstructor(owner = PrintStream.class, from = String.class, to = OutputStream.class)
  public static OutputStream printStream(String name, CellContext cell)
      throws FileNotFoundException {
    return new CellFileOutputStream(name, cell);
  }

  @RedirectsConstructor(owner = PrintStream.class, from = File.class, to = OutputStream.class)
  public static OutputStream printStream(File file, CellContext cell)
      throws FileNotFoundException {
    return new CellFileOutputStream(file, cell);
  }

  @RedirectsConstructor(
      owner = PrintStream.class,
      from = {String.class, String.class},
      to = {OutputStream.class, boolean.class, String.class})
  public static OutputStream printStreamWithEncoding(String name, CellContext cell)
      throws FileNotFoundException {
    return new CellFileOutputStream(name, cell);
  }

  @RedirectsConstructor(
      owner = PrintStream.class,
      from = {File.class, String.class},
      to = {OutputStream.class, boolean.class, String.class})
  public static OutputStream printStreamWithEncoding(File file, CellContext cell)
      throws FileNotFoundException {
    return new CellFileOutputStream(file, cell);
  }

  @RedirectsConstructor(
      owner = PrintStream.class,
      from = {String.class, Charset.class},
      to = {OutputStream.class, boolean.class, Charset.class})
  public static OutputStream printStreamWithCharset(String name, CellContext cell)
      throws FileNotFoundException {
    return new CellFileOutputStream(name, cell);
  }

  @RedirectsConstructor(
      owner = PrintStream.class,
      from = {File.class, Charset.class},
      to = {OutputStream.class, boolean.class, Charset.class})
  public static OutputStream printStreamWithCharset(File file, CellContext cell)
      throws FileNotFoundException {
    return new CellFileOutputStream(file, cell);
  }

  // ---- PrintWriter: (OutputStream) wraps as the file constructors do; or a ready Writer ----

  @RedirectsConstructor(owner = PrintWriter.class, from = String.class, to = OutputStream.class)
  public static OutputStream printWriter(String name, CellContext cell)
      throws FileNotFoundException {
    return new CellFileOutputStream(name, cell);
  }

  @RedirectsConstructor(owner = PrintWriter.class, from = File.class, to = OutputStream.class)
  public static OutputStream printWriter(File file, CellContext cell)
      throws FileNotFoundException {
    return new CellFileOutputStream(file, cell);
  }

  @RedirectsConstructor(
      owner = PrintWriter.class,
      from = {String.class, String.class},
      to = Writer.class)
  public static Writer printWriter(String name, String charsetName, CellContext cell)
      throws FileNotFoundException, UnsupportedEncodingException {
    return writer(new CellFileOutputStream(name, cell), charsetName);
  }

  @RedirectsConstructor(
      owner = PrintWriter.class,
      from = {File.class, String.class},
      to = Writer.class)
  public static Writer printWriter(File file, String charsetName, CellContext cell)
      throws FileNotFoundException, UnsupportedEncodingException {
    return writer(new CellFileOutputStream(file, cell), charsetName);
  }

  @RedirectsConstructor(
      owner = PrintWriter.class,
      from = {String.class, Charset.class},
      to = Writer.class)
  public static Writer printWriter(String name, Charset charset, CellContext cell)
      throws FileNotFoundException {
    return new BufferedWriter(
        new OutputStreamWriter(new CellFileOutputStream(name, cell), Receivers.require(charset)));
  }

  @RedirectsConstructor(
      owner = PrintWriter.class,
      from = {File.class, Charset.class},
      to = Writer.class)
  public static Writer printWriter(File file, Charset charset, CellContext cell)
      throws FileNotFoundException {
    return new BufferedWriter(
        new OutputStreamWriter(new CellFileOutputStream(file, cell), Receivers.require(charset)));
  }

  private static Writer writer(OutputStream out, String charsetName)
      throws UnsupportedEncodingException {
    return new BufferedWriter(new OutputStreamWriter(out, Receivers.require(charsetName)));
  }

  // ---- Formatter: the (OutputStream, ...) constructors mirror the file ones ----

  @RedirectsConstructor(owner = Formatter.class, from = String.class, to = OutputStream.class)
  public static OutputStream formatter(String name, CellContext cell)
      throws FileNotFoundException {
    return new CellFileOutputStream(name, cell);
  }

  @RedirectsConstructor(owner = Formatter.class, from = File.class, to = OutputStream.class)
  public static OutputStream formatter(File file, CellContext cell)
      throws FileNotFoundException {
    return new CellFileOutputStream(file, cell);
  }

  @RedirectsConstructor(
      owner = Formatter.class,
      from = {String.class, String.class},
      to = {OutputStream.class, String.class})
  public static OutputStream formatterWithEncoding(String name, CellContext cell)
      throws FileNotFoundException {
    return new CellFileOutputStream(name, cell);
  }

  @RedirectsConstructor(
      owner = Formatter.class,
      from = {File.class, String.class},
      to = {OutputStream.class, String.class})
  public static OutputStream formatterWithEncoding(File file, CellContext cell)
      throws FileNotFoundException {
    return new CellFileOutputStream(file, cell);
  }

  @RedirectsConstructor(
      owner = Formatter.class,
      from = {String.class, String.class, Locale.class},
      to = {OutputStream.class, String.class, Locale.class})
  public static OutputStream formatterWithLocale(String name, CellContext cell)
      throws FileNotFoundException {
    return new CellFileOutputStream(name, cell);
  }

  @RedirectsConstructor(
      owner = Formatter.class,
      from = {File.class, String.class, Locale.class},
      to = {OutputStream.class, String.class, Locale.class})
  public static OutputStream formatterWithLocale(File file, CellContext cell)
      throws FileNotFoundException {
    return new CellFileOutputStream(file, cell);
  }

  @RedirectsConstructor(
      owner = Formatter.class,
      from = {String.class, Charset.class, Locale.class},
      to = {OutputStream.class, Charset.class, Locale.class})
  public static OutputStream formatterWithCharset(String name, CellContext cell)
      throws FileNotFoundException {
    return new CellFileOutputStream(name, cell);
  }

  @RedirectsConstructor(
      owner = Formatter.class,
      from = {File.class, Charset.class, Locale.class},
      to = {OutputStream.class, Charset.class, Locale.class})
  public static OutputStream formatterWithCharset(File file, CellContext cell)
      throws FileNotFoundException {
    return new CellFileOutputStream(file, cell);
  }

  // ---- Scanner: (InputStream, ...) ----

  @RedirectsConstructor(owner = Scanner.class, from = File.class, to = InputStream.class)
  public static InputStream scanner(File file, CellContext cell) throws FileNotFoundException {
    return new CellFileInputStream(file, cell);
  }

  @RedirectsConstructor(
      owner = Scanner.class,
      from = {File.class, String.class},
      to = {InputStream.class, String.class})
  public static InputStream scannerWithEncoding(File file, CellContext cell)
      throws FileNotFoundException {
    return new CellFileInputStream(file, cell);
  }

  @RedirectsConstructor(
      owner = Scanner.class,
      from = {File.class, Charset.class},
      to = {InputStream.class, Charset.class})
  public static InputStream scannerWithCharset(File file, CellContext cell)
      throws FileNotFoundException {
    return new CellFileInputStream(file, cell);
  }
}
