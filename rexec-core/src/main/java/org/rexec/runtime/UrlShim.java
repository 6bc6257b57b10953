package org.rexec.runtime;

import static org.rexec.runtime.Interposes.Kind.VIRTUAL_METHOD;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.rexec.fs.StackTraces;

/**
 * Opening a URL: {@code file:} URLs read the cell's file system; {@code jar:} URLs read an
 * entry of a jar in it; {@code http}, {@code https} and {@code ftp} connect only where the
 * cell's grants allow, directly (never through a proxy) and without following redirects to
 * other places. Other protocols are refused.
 */
public final class UrlShim {

  private UrlShim() {}

  @Interposes(owner = URL.class, kind = VIRTUAL_METHOD)
  public static URLConnection openConnection(URL url, CellContext cell) throws IOException {
    String protocol = Receivers.require(url).getProtocol();
    switch (protocol) {
      case "file":
      case "jar":
        return new CellUrlConnection(url, () -> open(url, cell));
      case "http":
      case "https":
      case "ftp":
        NetShim.checkUrl(cell, url);
        URLConnection connection = url.openConnection(Proxy.NO_PROXY);
        if (connection instanceof HttpURLConnection) {
          ((HttpURLConnection) connection).setInstanceFollowRedirects(false);
        }
        return connection;
      default:
        Refusals.record(cell, "connect", url.toString(), NetRules.CONNECT_RULE);
        throw StackTraces.forCell(new java.net.UnknownServiceException(
            "protocol " + protocol + " is not allowed in this cell (rule: "
                + NetRules.CONNECT_RULE + ")"));
    }
  }

  @Interposes(owner = URL.class, kind = VIRTUAL_METHOD)
  public static URLConnection openConnection(URL url, Proxy proxy, CellContext cell)
      throws IOException {
    NetShim.checkDirect(cell, proxy);
    return openConnection(url, cell);
  }

  @Interposes(owner = URL.class, kind = VIRTUAL_METHOD)
  public static InputStream openStream(URL url, CellContext cell) throws IOException {
    return openConnection(url, cell).getInputStream();
  }

  @Interposes(owner = URL.class, kind = VIRTUAL_METHOD)
  public static Object getContent(URL url, CellContext cell) throws IOException {
    return openConnection(url, cell).getContent();
  }

  @Interposes(owner = URL.class, kind = VIRTUAL_METHOD)
  public static Object getContent(URL url, Class<?>[] classes, CellContext cell)
      throws IOException {
    return openConnection(url, cell).getContent(classes);
  }

  /** The content a {@code file:} or {@code jar:file:} URL names, through the cell's files. */
  private static InputStream open(URL url, CellContext cell) throws IOException {
    if (url.getProtocol().equals("file")) {
      return Files.newInputStream(path(url, cell));
    }
    String spec = url.getFile();
    int separator = spec.indexOf("!/");
    if (separator < 0) {
      throw StackTraces.forCell(new java.net.MalformedURLException("no !/ in spec"));
    }
    URL jar = new URL(spec.substring(0, separator));
    if (!jar.getProtocol().equals("file")) {
      Refusals.record(cell, "connect", url.toString(), NetRules.CONNECT_RULE);
      throw StackTraces.forCell(new java.net.UnknownServiceException(
          "only jar:file: URLs are allowed in this cell (rule: " + NetRules.CONNECT_RULE + ")"));
    }
    String entry = spec.substring(separator + 2);
    ZipInputStream zip = new ZipInputStream(Files.newInputStream(path(jar, cell)));
    for (ZipEntry next = zip.getNextEntry(); next != null; next = zip.getNextEntry()) {
      if (next.getName().equals(entry)) {
        return zip;
      }
    }
    zip.close();
    throw StackTraces.forCell(new java.io.FileNotFoundException(
        "JAR entry " + entry + " not found in " + jar.getFile()));
  }

  private static Path path(URL url, CellContext cell) throws IOException {
    String host = url.getHost();
    if (host != null && !host.isEmpty() && !host.equals("localhost")) {
      Refusals.record(cell, "connect", url.toString(), NetRules.CONNECT_RULE);
      throw StackTraces.forCell(new java.net.UnknownHostException(host));
    }
    try {
      return NioShim.pathOf(url.toURI(), cell);
    } catch (URISyntaxException | IllegalArgumentException malformed) {
      return cell.files().fileSystem().getPath(url.getPath());
    }
  }

  /** A connection whose input is opened on demand by the cell's rules. */
  private static final class CellUrlConnection extends URLConnection {
    private final Opener opener;
    private InputStream in;

    interface Opener {
      InputStream open() throws IOException;
    }

    CellUrlConnection(URL url, Opener opener) {
      super(url);
      this.opener = opener;
    }

    @Override
    public void connect() throws IOException {
      if (!connected) {
        in = opener.open();
        connected = true;
      }
    }

    @Override
    public InputStream getInputStream() throws IOException {
      connect();
      return in;
    }

    @Override
    public String getContentType() {
      return guessContentTypeFromName(url.getFile());
    }
  }
}
