package org.rexec.runtime;

import static org.rexec.runtime.Interposes.Kind.STATIC_METHOD;
import static org.rexec.runtime.Interposes.Kind.VIRTUAL_METHOD;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import org.rexec.fs.StackTraces;

/**
 * URLs in a cell. Every URL cell code makes ({@code new URL(...)}, {@code URI.toURL()},
 * {@code URL.of}) is parsed by the JDK and then carries the cell's handler ({@link CellUrls},
 * {@link CellUrlHandler}), so opening or comparing it, by whoever, follows the cell's rules.
 * Opening is also routed here at the call site, whatever the URL's handler.
 */
public final class UrlShim {

  private UrlShim() {}

  // ---- making URLs: the JDK's parse, the cell's handler ----

  @RedirectsConstructor(owner = URL.class, from = String.class, to = {URL.class, String.class,
      URLStreamHandler.class})
  public static Object[] url(String spec, CellContext cell) throws MalformedURLException {
    return cell.urls().adopting(parsed(() -> jdkUrl(spec)));
  }

  @RedirectsConstructor(owner = URL.class, from = {URL.class, String.class}, to = {URL.class,
      String.class, URLStreamHandler.class})
  public static Object[] url(URL context, String spec, CellContext cell)
      throws MalformedURLException {
    return cell.urls().adopting(parsed(() -> jdkUrl(jdkContext(context), spec)));
  }

  @RedirectsConstructor(owner = URL.class, from = {String.class, String.class, int.class,
      String.class}, to = {URL.class, String.class, URLStreamHandler.class})
  public static Object[] url(String protocol, String host, int port, String file, CellContext cell)
      throws MalformedURLException {
    return cell.urls().adopting(parsed(() -> jdkUrl(protocol, host, port, file)));
  }

  @RedirectsConstructor(owner = URL.class, from = {String.class, String.class, String.class},
      to = {URL.class, String.class, URLStreamHandler.class})
  public static Object[] url(String protocol, String host, String file, CellContext cell)
      throws MalformedURLException {
    return cell.urls().adopting(parsed(() -> jdkUrl(protocol, host, -1, file)));
  }

  @Interposes(owner = URI.class, kind = VIRTUAL_METHOD)
  public static URL toURL(URI uri, CellContext cell) throws MalformedURLException {
    URI target = Receivers.require(uri);
    return cell.urls().adopt(parsed(target::toURL));
  }

  /** {@code URL.of} (Java 20): a cell has no handler of its own to pass, only null. */
  @Interposes(owner = URL.class, member = "of", kind = STATIC_METHOD, since = 20)
  public static URL of(URI uri, URLStreamHandler handler, CellContext cell)
      throws MalformedURLException {
    if (handler != null) {
      throw Refusals.refuseCall(cell, "java.net.URL.of with a stream handler");
    }
    return toURL(uri, cell);
  }

  /** A cell file's URL; {@link CellFile#toURL()} calls it. */
  static URL fileUrl(URI uri, CellContext cell) throws MalformedURLException {
    return toURL(uri, cell);
  }

  private interface Parse {
    URL parse() throws MalformedURLException;
  }

  /** The JDK's parse; its exception reads as thrown at the cell's call. */
  private static URL parsed(Parse parse) throws MalformedURLException {
    try {
      return parse.parse();
    } catch (MalformedURLException | RuntimeException malformed) {
      StackTraces.forCell(malformed);
      throw malformed;
    }
  }

  /** The context as the JDK's own URL, so that a relative spec is parsed by its handler. */
  private static URL jdkContext(URL context) {
    try {
      return CellUrls.jdkCopy(context);
    } catch (MalformedURLException notReparsable) {
      return context; // Its own handler's generic parser then applies.
    }
  }

  @SuppressWarnings("deprecation") // Exactly what the cell's code asked for.
  private static URL jdkUrl(String spec) throws MalformedURLException {
    return new URL(spec);
  }

  @SuppressWarnings("deprecation")
  private static URL jdkUrl(URL context, String spec) throws MalformedURLException {
    return new URL(context, spec);
  }

  @SuppressWarnings("deprecation")
  private static URL jdkUrl(String protocol, String host, int port, String file)
      throws MalformedURLException {
    return new URL(protocol, host, port, file);
  }

  // ---- opening URLs ----

  @Interposes(owner = URL.class, kind = VIRTUAL_METHOD)
  public static URLConnection openConnection(URL url, CellContext cell) throws IOException {
    return cell.urls().open(Receivers.require(url));
  }

  @Interposes(owner = URL.class, kind = VIRTUAL_METHOD)
  public static URLConnection openConnection(URL url, Proxy proxy, CellContext cell)
      throws IOException {
    Receivers.require(url);
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
}
