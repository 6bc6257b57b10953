package org.rexec.runtime;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.net.UnknownServiceException;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.rexec.fs.StackTraces;
import org.rexec.policy.Rule;

/**
 * A cell's URLs: every URL its code makes carries the cell's {@link CellUrlHandler} for its
 * protocol, and opening one goes where the cell's rules allow.
 *
 * <ul>
 *   <li>{@code file:} reads the cell's files, {@code jar:file:} an entry of a jar among them
 *       ({@link FileUrlConnection});
 *   <li>{@code http:} and {@code https:} connect through {@link CellHttpConnection}: directly,
 *       checked against the grants before every hop, redirects followed by rexec;
 *   <li>everything else is refused: {@code ftp:} opens data connections to wherever the server
 *       says, and the other protocols reach nothing a cell is granted.
 * </ul>
 */
final class CellUrls {

  private final CellContext cell;
  private final Map<String, CellUrlHandler> handlers = new ConcurrentHashMap<>();
  private volatile SSLContext tls;

  CellUrls(CellContext cell) {
    this.cell = cell;
  }

  CellContext cell() {
    return cell;
  }

  /**
   * The arguments of {@code new URL(context, spec, handler)} that make a copy of {@code parsed}
   * with the cell's handler: an empty spec relative to it keeps every field.
   */
  Object[] adopting(URL parsed) {
    return new Object[] {parsed, "", handler(parsed)};
  }

  /** {@code parsed}, a URL the JDK made, with the cell's handler. */
  URL adopt(URL parsed) throws MalformedURLException {
    Object[] arguments = adopting(parsed);
    @SuppressWarnings("deprecation") // The constructor rexec's redirect of new URL(...) calls too.
    URL adopted = new URL((URL) arguments[0], (String) arguments[1], (URLStreamHandler) arguments[2]);
    return adopted;
  }

  /**
   * The JDK's own URL with the same protocol, host, port and file as a cell's URL, for the JDK
   * to connect to or to parse against; the cell never gets it. Field for field, never by
   * parsing the text again: {@code new URL("http", "", -1, "//elsewhere/")} prints as
   * {@code http://elsewhere/}, so a copy made from the text would go to a host that was never
   * checked. (The user info and the fragment are left out: neither names a place.) Null for
   * null.
   */
  static URL jdkCopy(URL url) throws MalformedURLException {
    if (url == null) {
      return null;
    }
    @SuppressWarnings("deprecation") // The JDK's handler for the protocol, fields as they are.
    URL copy = new URL(url.getProtocol(), url.getHost(), url.getPort(), url.getFile());
    return copy;
  }

  private CellUrlHandler handler(URL parsed) {
    String protocol = parsed.getProtocol();
    CellUrlHandler known = handlers.get(protocol);
    if (known != null) {
      return known;
    }
    return handlers.computeIfAbsent(
        protocol, name -> new CellUrlHandler(this, name, parsed.getDefaultPort()));
  }

  /**
   * The cell's TLS context, made on first use: the JVM's default trust, but no key managers. The
   * JVM's default context presents the supervisor's client certificate
   * ({@code javax.net.ssl.keyStore}) to any server that asks, and shares its session cache with
   * every other cell.
   */
  SSLContext tls() throws IOException {
    SSLContext context = tls;
    if (context == null) {
      synchronized (this) {
        if (tls == null) {
          try {
            SSLContext made = SSLContext.getInstance("TLS");
            made.init(null, null, null);
            tls = made;
          } catch (GeneralSecurityException unavailable) {
            throw new IOException("TLS is not available", unavailable);
          }
        }
        context = tls;
      }
    }
    return context;
  }

  /** Opens {@code url} by the cell's rules; the connection is the cell's, never the JDK's. */
  URLConnection open(URL url) throws IOException {
    String protocol = Receivers.require(url).getProtocol();
    switch (protocol) {
      case "file":
      case "jar":
        return new FileUrlConnection(url, cell);
      case "http":
      case "https":
        return CellHttpConnection.open(cell, url);
      default:
        Refusals.record(cell, "connect", url.toString(), Rule.ALLOW_NET);
        throw StackTraces.forCell(new UnknownServiceException(
            "protocol " + protocol + " is not allowed in this cell (rule: "
                + Rule.ALLOW_NET + ")"));
    }
  }
}
