package org.rexec.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.Objects;

/**
 * The stream handler of every URL a cell makes, one per cell and protocol ({@link CellUrls}).
 * A URL's handler is what runs when anyone, the JDK included, opens the URL or compares it, so
 * a cell's URL is safe in any hands:
 *
 * <ul>
 *   <li>opening it ({@code openConnection}, {@code openStream}, {@code getContent}) goes
 *       through the cell's rules ({@link CellUrls#open});
 *   <li>{@code equals}, {@code hashCode} and {@code sameFile} compare host names as text. The
 *       JDK's handlers look the host up for them ({@code URLStreamHandler.getHostAddress}), so
 *       a {@code HashSet} of URLs would send any name the cell likes to the resolver.
 * </ul>
 *
 * <p>Parsing is the JDK's: a cell's URL is first made by the JDK's own handler, then copied
 * field for field into one of this handler ({@link CellUrls#adopt}). Relative URLs the JDK makes
 * from a cell's URL inherit this handler and its generic parser.
 */
final class CellUrlHandler extends URLStreamHandler {

  private final CellUrls urls;
  private final String protocol;
  private final int defaultPort;

  CellUrlHandler(CellUrls urls, String protocol, int defaultPort) {
    this.urls = urls;
    this.protocol = protocol;
    this.defaultPort = defaultPort;
  }

  @Override
  protected URLConnection openConnection(URL url) throws IOException {
    return urls.open(url);
  }

  @Override
  protected URLConnection openConnection(URL url, Proxy proxy) throws IOException {
    NetShim.checkDirect(urls.cell(), proxy);
    return urls.open(url);
  }

  @Override
  protected int getDefaultPort() {
    return defaultPort;
  }

  /** Never a lookup: {@code equals} and {@code hashCode} then compare the host's text. */
  @Override
  protected InetAddress getHostAddress(URL url) {
    return null;
  }

  /** As the JDK's file handler: no host and {@code localhost} are the same host. */
  @Override
  protected boolean hostsEqual(URL first, URL second) {
    if (protocol.equals("file")) {
      String one = first.getHost();
      String other = second.getHost();
      if (("localhost".equalsIgnoreCase(one) && (other == null || other.isEmpty()))
          || ("localhost".equalsIgnoreCase(other) && (one == null || one.isEmpty()))) {
        return true;
      }
    }
    return super.hostsEqual(first, second);
  }

  /** As the JDK's FTP handler: the user is part of an FTP URL's identity. */
  @Override
  protected boolean equals(URL first, URL second) {
    return super.equals(first, second)
        && (!protocol.equals("ftp") || Objects.equals(first.getUserInfo(), second.getUserInfo()));
  }
}
