package org.rexec.runtime;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Streams that count the bytes a cell moves through a socket. */
final class CountingStreams {

  private CountingStreams() {}

  static InputStream counting(InputStream in, CellContext cell) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int value = in.read();
        if (value >= 0) {
          cell.countRead(1);
        }
        return value;
      }

      @Override
      public int read(byte[] bytes, int offset, int length) throws IOException {
        int read = in.read(bytes, offset, length);
        if (read > 0) {
          cell.countRead(read);
        }
        return read;
      }
    };
  }

  static OutputStream counting(OutputStream out, CellContext cell) {
    return new FilterOutputStream(out) {
      @Override
      public void write(int value) throws IOException {
        out.write(value);
        cell.countWritten(1);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        cell.countWritten(length);
      }
    };
  }
}
