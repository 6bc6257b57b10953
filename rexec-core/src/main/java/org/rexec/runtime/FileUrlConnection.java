package org.rexec.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.rexec.fs.StackTraces;
import org.rexec.policy.Rule;

/**
 * A {@code file:} or {@code jar:file:} URL opened in the cell's file system, on demand. A file
 * URL naming a host other than {@code localhost} is refused: the JDK would fetch it by FTP.
 */
final class FileUrlConnection extends URLConnection {

  private final CellContext cell;
  private InputStream in;

  FileUrlConnection(URL url, CellContext cell) {
    super(url);
    this.cell = cell;
  }

  @Override
  public synchronized void connect() throws IOException {
    if (!connected) {
      in = open();
      connected = true;
    }
  }

  @Override
  public synchronized InputStream getInputStream() throws IOException {
    connect();
    return in;
  }

  @Override
  public String getContentType() {
    return guessContentTypeFromName(url.getFile());
  }

  private InputStream open() throws IOException {
    if (url.getProtocol().equals("file")) {
      return Files.newInputStream(path(url));
    }
    String spec = url.getFile();
    int separator = spec.indexOf("!/");
    if (separator < 0) {
      throw StackTraces.forCell(new java.net.MalformedURLException("no !/ in spec"));
    }
    @SuppressWarnings("deprecation") // The JDK's parse of the jar's own URL, never opened as is.
    URL jar = new URL(spec.substring(0, separator));
    if (!jar.getProtocol().equals("file")) {
      Refusals.record(cell, "connect", url.toString(), Rule.ALLOW_NET);
      throw StackTraces.forCell(new java.net.UnknownServiceException(
          "only jar:file: URLs are allowed in this cell (rule: " + Rule.ALLOW_NET + ")"));
    }
    String entry = spec.substring(separator + 2);
    ZipInputStream zip = new ZipInputStream(Files.newInputStream(path(jar)));
    for (ZipEntry next = zip.getNextEntry(); next != null; next = zip.getNextEntry()) {
      if (next.getName().equals(entry)) {
        return zip;
      }
    }
    zip.close();
    throw StackTraces.forCell(new java.io.FileNotFoundException(
        "JAR entry " + entry + " not found in " + jar.getFile()));
  }

  private Path path(URL file) throws IOException {
    String host = file.getHost();
    if (host != null && !host.isEmpty() && !host.equals("localhost")) {
      Refusals.record(cell, "connect", file.toString(), Rule.ALLOW_NET);
      throw StackTraces.forCell(new java.net.UnknownHostException(host));
    }
    try {
      return NioShim.pathOf(file.toURI(), cell);
    } catch (URISyntaxException | IllegalArgumentException malformed) {
      return cell.files().fileSystem().getPath(file.getPath());
    }
  }
}
