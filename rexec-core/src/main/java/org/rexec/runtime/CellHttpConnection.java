package org.rexec.runtime;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.HttpRetryException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.ProtocolException;
import java.net.Proxy;
import java.net.URL;
import java.security.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.HttpsURLConnection;
import org.rexec.fs.StackTraces;

/**
 * The cell's HTTP and HTTPS connection: an {@code HttpURLConnection} that behaves as the JDK's
 * and follows redirects itself, one JDK connection per hop, each hop's host and port checked
 * against the cell's grants before it is connected.
 *
 * <p>Why not let the JDK follow: its connection follows a redirect to wherever the response
 * says (and a {@code 305} through the proxy it names) without asking anyone, and
 * {@code setInstanceFollowRedirects(true)} on a connection is an ordinary call. So the JDK's
 * connection never follows here ({@code setInstanceFollowRedirects(false)} on every hop, which
 * the cell never sees), and this class does what the JDK's {@code followRedirect} does: the same
 * status codes, the same protocol only, {@code POST} becoming {@code GET} except after a 307,
 * credentials and cookies dropped when the destination changes, a body in streaming mode not
 * sent again ({@link HttpRetryException}), at most {@code http.maxRedirects} hops.
 *
 * <p>Every hop is direct ({@link Proxy#NO_PROXY}: the JVM's proxy settings are the
 * supervisor's), asks no one for credentials (the JVM's default {@code Authenticator} and the
 * credentials it cached are the supervisor's), reads no response the JVM's {@code
 * ResponseCache} kept for the supervisor and, for HTTPS, presents no client certificate
 * ({@link CellUrls#tls()}).
 */
final class CellHttpConnection extends HttpURLConnection {

  /** The JDK's limit, read from the JVM's properties as the JDK reads it. */
  private static final int MAX_REDIRECTS = Integer.getInteger("http.maxRedirects", 20);

  /** Asks for no credentials; its own key keeps it apart from the JDK's credential cache. */
  private static final Authenticator NO_CREDENTIALS = new Authenticator() {};

  /** The JDK's message, word for word (Java 25 dropped a double space). */
  private static final String TOO_MANY_REDIRECTS =
      Runtime.version().feature() >= 25
          ? "Server redirected too many times ("
          : "Server redirected too many  times (";

  private static final List<String> CREDENTIALS = List.of("authorization", "cookie", "cookie2");

  private final CellContext cell;
  /** The request properties as set and added, in order, to be set again on every hop. */
  private final List<String[]> properties = new ArrayList<>();

  private HttpURLConnection hop;
  /** What the program set; the hops never use the JVM's {@code ResponseCache}. */
  private boolean useCaches;
  private boolean streaming;
  private OutputStream bodyOut;
  private ByteArrayOutputStream body;
  private boolean resolved;
  private IOException failure;

  private CellHttpConnection(CellContext cell, URL url) throws IOException {
    super(url);
    this.cell = cell;
    this.hop = jdkConnection(url);
    this.useCaches = hop.getDefaultUseCaches();
  }

  /** A connection to {@code url}, whose host and port are checked first. */
  static CellHttpConnection open(CellContext cell, URL url) throws IOException {
    checkHop(cell, url);
    return new CellHttpConnection(cell, url);
  }

  private static void checkHop(CellContext cell, URL url) throws IOException {
    int port = url.getPort() != -1 ? url.getPort() : url.getDefaultPort();
    cell.network().checkConnect(cell, url.getHost(), port);
  }

  /** The JDK's connection for one hop: direct, following nothing, asking no credentials. */
  private HttpURLConnection jdkConnection(URL target) throws IOException {
    HttpURLConnection connection =
        (HttpURLConnection) CellUrls.jdkCopy(target).openConnection(Proxy.NO_PROXY);
    connection.setInstanceFollowRedirects(false);
    connection.setAuthenticator(NO_CREDENTIALS);
    connection.setUseCaches(false);
    if (connection instanceof HttpsURLConnection) {
      ((HttpsURLConnection) connection).setSSLSocketFactory(cell.urls().tls().getSocketFactory());
    }
    return connection;
  }

  // ---- the request: set on the current hop, properties kept for the next ----

  @Override
  public synchronized void setRequestMethod(String method) throws ProtocolException {
    hop.setRequestMethod(method);
  }

  @Override
  public synchronized String getRequestMethod() {
    return hop.getRequestMethod();
  }

  @Override
  public synchronized void setRequestProperty(String key, String value) {
    hop.setRequestProperty(key, value);
    properties.add(new String[] {"set", key, value});
  }

  @Override
  public synchronized void addRequestProperty(String key, String value) {
    hop.addRequestProperty(key, value);
    properties.add(new String[] {"add", key, value});
  }

  @Override
  public synchronized String getRequestProperty(String key) {
    return hop.getRequestProperty(key);
  }

  @Override
  public synchronized Map<String, List<String>> getRequestProperties() {
    return hop.getRequestProperties();
  }

  @Override
  public synchronized void setConnectTimeout(int timeout) {
    hop.setConnectTimeout(timeout);
  }

  @Override
  public synchronized int getConnectTimeout() {
    return hop.getConnectTimeout();
  }

  @Override
  public synchronized void setReadTimeout(int timeout) {
    hop.setReadTimeout(timeout);
  }

  @Override
  public synchronized int getReadTimeout() {
    return hop.getReadTimeout();
  }

  @Override
  public synchronized void setDoInput(boolean doInput) {
    hop.setDoInput(doInput);
  }

  @Override
  public synchronized boolean getDoInput() {
    return hop.getDoInput();
  }

  @Override
  public synchronized void setDoOutput(boolean doOutput) {
    hop.setDoOutput(doOutput);
  }

  @Override
  public synchronized boolean getDoOutput() {
    return hop.getDoOutput();
  }

  @Override
  public synchronized void setAllowUserInteraction(boolean allow) {
    hop.setAllowUserInteraction(allow);
  }

  @Override
  public synchronized boolean getAllowUserInteraction() {
    return hop.getAllowUserInteraction();
  }

  @Override
  public synchronized void setUseCaches(boolean useCaches) {
    if (connected) {
      throw new IllegalStateException("Already connected");
    }
    this.useCaches = useCaches;
  }

  @Override
  public synchronized boolean getUseCaches() {
    return useCaches;
  }

  @Override
  public synchronized void setIfModifiedSince(long time) {
    hop.setIfModifiedSince(time);
  }

  @Override
  public synchronized long getIfModifiedSince() {
    return hop.getIfModifiedSince();
  }

  @Override
  public synchronized boolean getDefaultUseCaches() {
    return hop.getDefaultUseCaches();
  }

  @Override
  public synchronized void setFixedLengthStreamingMode(int length) {
    hop.setFixedLengthStreamingMode(length);
    streaming = true;
  }

  @Override
  public synchronized void setFixedLengthStreamingMode(long length) {
    hop.setFixedLengthStreamingMode(length);
    streaming = true;
  }

  @Override
  public synchronized void setChunkedStreamingMode(int chunkLength) {
    hop.setChunkedStreamingMode(chunkLength);
    streaming = true;
  }

  @Override
  public synchronized void setAuthenticator(Authenticator authenticator) {
    hop.setAuthenticator(authenticator); // Already set: the JDK's own IllegalStateException.
  }

  @Override
  public synchronized void connect() throws IOException {
    try {
      hop.connect();
      connected = true;
    } catch (IOException | RuntimeException failed) {
      clean(failed);
      throw failed;
    }
  }

  /**
   * The request body. Outside streaming mode the JDK buffers it until the request is sent; a
   * copy is kept here too, to send again to where a 307 leads.
   */
  @Override
  public synchronized OutputStream getOutputStream() throws IOException {
    OutputStream out;
    try {
      out = hop.getOutputStream();
    } catch (IOException | RuntimeException failed) {
      clean(failed);
      throw failed;
    }
    connected = true;
    if (streaming) {
      return out;
    }
    if (bodyOut == null) {
      body = new ByteArrayOutputStream();
      bodyOut = new FilterOutputStream(out) {
        @Override
        public void write(int b) throws IOException {
          out.write(b);
          body.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
          out.write(bytes, offset, length);
          body.write(bytes, offset, length);
        }
      };
    }
    return bodyOut;
  }

  // ---- the response: the last hop's, once redirects are followed ----

  @Override
  public InputStream getInputStream() throws IOException {
    HttpURLConnection last = resolve();
    try {
      return last.getInputStream();
    } catch (IOException | RuntimeException failed) {
      clean(failed);
      throw failed;
    }
  }

  @Override
  public synchronized InputStream getErrorStream() {
    return resolved ? hop.getErrorStream() : null;
  }

  @Override
  public int getResponseCode() throws IOException {
    HttpURLConnection last = resolve();
    try {
      return last.getResponseCode();
    } catch (IOException | RuntimeException failed) {
      clean(failed);
      throw failed;
    }
  }

  @Override
  public String getResponseMessage() throws IOException {
    HttpURLConnection last = resolve();
    try {
      return last.getResponseMessage();
    } catch (IOException | RuntimeException failed) {
      clean(failed);
      throw failed;
    }
  }

  @Override
  public String getHeaderField(String name) {
    HttpURLConnection last = resolvedOrNull();
    return last == null ? null : last.getHeaderField(name);
  }

  @Override
  public String getHeaderField(int n) {
    HttpURLConnection last = resolvedOrNull();
    return last == null ? null : last.getHeaderField(n);
  }

  @Override
  public String getHeaderFieldKey(int n) {
    HttpURLConnection last = resolvedOrNull();
    return last == null ? null : last.getHeaderFieldKey(n);
  }

  @Override
  public Map<String, List<String>> getHeaderFields() {
    HttpURLConnection last = resolvedOrNull();
    return last == null ? Map.of() : last.getHeaderFields();
  }

  @Override
  public Object getContent() throws IOException {
    HttpURLConnection last = resolve();
    try {
      return last.getContent();
    } catch (IOException | RuntimeException failed) {
      clean(failed);
      throw failed;
    }
  }

  @Override
  @SuppressWarnings("rawtypes") // The JDK's signature.
  public Object getContent(Class[] classes) throws IOException {
    HttpURLConnection last = resolve();
    try {
      return last.getContent(classes);
    } catch (IOException | RuntimeException failed) {
      clean(failed);
      throw failed;
    }
  }

  @Override
  public synchronized Permission getPermission() throws IOException {
    return hop.getPermission();
  }

  @Override
  public boolean usingProxy() {
    return false;
  }

  @Override
  public synchronized void disconnect() {
    hop.disconnect();
  }

  @Override
  public synchronized String toString() {
    return hop.toString();
  }

  // ---- following ----

  /** The last hop, or null if sending failed: header getters answer null then, as the JDK's. */
  private HttpURLConnection resolvedOrNull() {
    try {
      return resolve();
    } catch (IOException failed) {
      return null;
    }
  }

  /** Sends the request and follows redirects, once; a failure is thrown again to every caller. */
  private synchronized HttpURLConnection resolve() throws IOException {
    if (failure != null) {
      throw failure;
    }
    if (resolved) {
      return hop;
    }
    connected = true;
    try {
      for (int redirects = 0; ; ) {
        URL target = redirectTarget();
        if (target == null) {
          resolved = true;
          return hop;
        }
        int status = hop.getResponseCode();
        if (++redirects >= MAX_REDIRECTS) {
          throw new ProtocolException(TOO_MANY_REDIRECTS + redirects + ")");
        }
        if (streaming) {
          throw new HttpRetryException(
              "cannot retry due to redirection, in streaming mode",
              status,
              hop.getHeaderField("Location"));
        }
        follow(target, status);
      }
    } catch (IOException | RuntimeException failed) {
      hop.disconnect();
      clean(failed);
      if (failed instanceof IOException) {
        failure = (IOException) failed;
      }
      throw failed;
    }
  }

  /** Where the JDK's {@code followRedirect} would go from the current hop's response, or null. */
  private URL redirectTarget() throws IOException {
    if (!instanceFollowRedirects) {
      return null;
    }
    int status = hop.getResponseCode();
    if (status < 300 || status > 307 || status == 306 || status == HTTP_NOT_MODIFIED) {
      return null;
    }
    String location = hop.getHeaderField("Location");
    if (location == null) {
      return null;
    }
    URL current = hop.getURL();
    try {
      @SuppressWarnings("deprecation") // The JDK's own parse of the location.
      URL absolute = new URL(location);
      return current.getProtocol().equalsIgnoreCase(absolute.getProtocol()) ? absolute : null;
    } catch (MalformedURLException relative) {
      @SuppressWarnings("deprecation")
      URL resolvedAgainstCurrent = new URL(current, location);
      return resolvedAgainstCurrent;
    }
  }

  /** Makes the next hop to {@code target}, checked, with the request as the JDK would repeat it. */
  private void follow(URL target, int status) throws IOException {
    if (status == HTTP_USE_PROXY) {
      // The JDK would send the request again through the proxy the response names.
      throw NetShim.refuseProxy(cell, target.getAuthority());
    }
    checkHop(cell, target);
    URL previous = hop.getURL();
    String method = hop.getRequestMethod();
    boolean asGet =
        method.equals("POST") && !Boolean.getBoolean("http.strictPostRedirect") && status != 307;
    boolean sameDestination = sameDestination(previous, target);
    HttpURLConnection next = jdkConnection(target);
    next.setConnectTimeout(hop.getConnectTimeout());
    next.setReadTimeout(hop.getReadTimeout());
    next.setDoInput(hop.getDoInput());
    next.setDoOutput(hop.getDoOutput());
    next.setAllowUserInteraction(hop.getAllowUserInteraction());
    next.setIfModifiedSince(hop.getIfModifiedSince());
    next.setRequestMethod(asGet ? "GET" : method);
    for (String[] property : properties) {
      if (!sameDestination && CREDENTIALS.contains(property[1].toLowerCase(Locale.ROOT))) {
        continue;
      }
      if (property[0].equals("set")) {
        next.setRequestProperty(property[1], property[2]);
      } else {
        next.addRequestProperty(property[1], property[2]);
      }
    }
    hop.disconnect();
    hop = next;
    url = cell.urls().adopt(target);
    if (!asGet && body != null) {
      try (OutputStream out = next.getOutputStream()) {
        body.writeTo(out);
      }
    }
  }

  /** As the JDK's: same protocol, host (without case) and port. */
  private static boolean sameDestination(URL first, URL second) {
    return first.getProtocol().equalsIgnoreCase(second.getProtocol())
        && first.getHost().equalsIgnoreCase(second.getHost())
        && (first.getPort() == -1 ? first.getDefaultPort() : first.getPort())
            == (second.getPort() == -1 ? second.getDefaultPort() : second.getPort());
  }

  /** The exception without rexec's frames, causes included (bounded), as thrown by the JDK. */
  private static void clean(Throwable thrown) {
    Throwable next = thrown;
    for (int depth = 0; next != null && depth < 8; depth++) {
      StackTraces.forCell(next);
      next = next.getCause();
    }
  }
}
