import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Compression of in-memory data: gzip, raw deflate, zip streams, checksums. */
public class Compression {

  static byte[] text() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      text.append("line ").append(i % 37).append(" of a fairly repetitive text\n");
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  public static void main(String[] args) throws Exception {
    byte[] original = text();
    CRC32 crc = new CRC32();
    crc.update(original);
    System.out.println("size " + original.length + " crc " + Long.toHexString(crc.getValue()));

    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(gzipped)) {
      out.write(original);
    }
    byte[] back = readAll(new GZIPInputStream(new ByteArrayInputStream(gzipped.toByteArray())));
    System.out.println("gzip " + gzipped.size() + " round trip " + java.util.Arrays.equals(original, back));

    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    deflater.setInput(original);
    deflater.finish();
    byte[] buffer = new byte[original.length];
    int compressed = deflater.deflate(buffer);
    System.out.println("deflated " + compressed + " read " + deflater.getBytesRead());
    deflater.end();
    Inflater inflater = new Inflater();
    inflater.setInput(buffer, 0, compressed);
    byte[] inflated = new byte[original.length + 10];
    int length = inflater.inflate(inflated);
    System.out.println("inflated " + length + " finished " + inflater.finished());
    inflater.end();
    try {
      Inflater broken = new Inflater();
      broken.setInput(new byte[] {1, 2, 3, 4, 5});
      broken.inflate(new byte[10]);
      broken.end();
    } catch (DataFormatException e) {
      System.out.println("bad data: " + e.getMessage());
    }

    ByteArrayOutputStream deflated = new ByteArrayOutputStream();
    try (DeflaterOutputStream out = new DeflaterOutputStream(deflated, true)) {
      out.write(original, 0, 1000);
      out.flush();
      out.write(original, 1000, original.length - 1000);
    }
    Adler32 adler = new Adler32();
    CheckedInputStream checked = new CheckedInputStream(
        new InflaterInputStream(new ByteArrayInputStream(deflated.toByteArray())), adler);
    System.out.println("stream " + readAll(checked).length + " adler " + adler.getValue());

    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
      for (String name : new String[] {"a.txt", "dir/b.txt"}) {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(0);
        zip.putNextEntry(entry);
        zip.write((name + " content").getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipped.toByteArray()))) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        System.out.println(entry.getName() + ": " + new String(zip.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    try {
      new GZIPInputStream(new ByteArrayInputStream("not gzip".getBytes(StandardCharsets.UTF_8)));
    } catch (ZipException e) {
      System.out.println("not gzip: " + e.getMessage());
    }
    // Many compressors one after another, each ended: as many as the program likes.
    long total = 0;
    for (int i = 0; i < 2000; i++) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
        out.write(i);
      }
      total += bytes.size();
    }
    System.out.println("many " + total);
  }
}
