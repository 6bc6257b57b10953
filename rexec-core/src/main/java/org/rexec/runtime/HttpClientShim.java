package org.rexec.runtime;

import static org.rexec.runtime.Interposes.Kind.STATIC_METHOD;
import static org.rexec.runtime.Interposes.Kind.VIRTUAL_METHOD;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * {@code java.net.http} in a cell. Clients are built for the cell ({@link CellHttpClients}: no
 * proxy, the cell's TLS context, a bounded number). {@code send} checks the host and port of
 * every request before the client connects, and follows redirects itself when the program
 * asked for them, checking each hop, as the JDK's redirect filter does.
 *
 * <p>The client runs body handlers, body publishers and subscribers on its own threads, which
 * are not the cell's. So everything the client will call must be the JDK's own code: a request,
 * handler or publisher whose class the cell defined is refused (a request of the cell's is
 * copied into the JDK's first, so that it cannot answer {@code uri()} differently to the check
 * and to the client), and the allow-list lists only the factories that take no callbacks
 * ({@code ofString}, {@code ofByteArray}, {@code ofFile}, ...), never {@code fromSubscriber},
 * {@code ofPublisher}, {@code ofInputStream} or {@code buffering}. The objects those factories
 * take are checked the same way: a {@code Path}, an {@code OpenOption} or a {@code Charset} the
 * cell implemented would run on the client's threads.
 */
public final class HttpClientShim {

  /** The JDK's limit of redirects ({@code jdk.httpclient.redirects.retrylimit}, default 5). */
  private static final int MAX_REDIRECTS =
      Integer.getInteger("jdk.httpclient.redirects.retrylimit", 5);

  /** What the JDK's redirect filter drops when a redirect leaves the origin. */
  private static final Set<String> ORIGIN_HEADERS = originHeaders();

  private HttpClientShim() {}

  // ---- clients ----

  @Interposes(owner = HttpClient.class, kind = STATIC_METHOD)
  public static HttpClient newHttpClient(CellContext cell) {
    return cell.httpClients().build(HttpClient.newBuilder());
  }

  @Interposes(owner = HttpClient.Builder.class, kind = VIRTUAL_METHOD)
  public static HttpClient build(HttpClient.Builder builder, CellContext cell) {
    return isCells(Receivers.require(builder)) ? builder.build() : cell.httpClients().build(builder);
  }

  /** The policy is the cell's to follow: the JDK's client never follows. */
  @Interposes(owner = HttpClient.Builder.class, kind = VIRTUAL_METHOD)
  public static HttpClient.Builder followRedirects(
      HttpClient.Builder builder, HttpClient.Redirect policy, CellContext cell) {
    if (isCells(Receivers.require(builder))) {
      return builder.followRedirects(policy);
    }
    cell.httpClients().ask(builder, policy);
    return builder;
  }

  @Interposes(owner = HttpClient.class, kind = VIRTUAL_METHOD)
  public static HttpClient.Redirect followRedirects(HttpClient client, CellContext cell) {
    return isCells(Receivers.require(client))
        ? client.followRedirects()
        : cell.httpClients().policy(client);
  }

  // ---- sending ----

  /**
   * Sends a request whose host and port are granted, following redirects as the program's
   * policy says, each hop checked before the client connects.
   */
  @Interposes(owner = HttpClient.class, kind = VIRTUAL_METHOD)
  public static <T> HttpResponse<T> send(
      HttpClient client,
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      CellContext cell)
      throws IOException, InterruptedException {
    Receivers.require(client);
    HttpRequest current = jdkRequest(Receivers.require(request), cell);
    requireJdk(cell, Receivers.require(handler), "body handler");
    if (isCells(client)) {
      checkUri(cell, current.uri());
      return client.send(current, handler);
    }
    HttpClient.Redirect policy = cell.httpClients().policy(client);
    for (int redirects = 0; ; ) {
      checkUri(cell, current.uri());
      if (policy == HttpClient.Redirect.NEVER) {
        return client.send(current, handler);
      }
      URI from = current.uri();
      boolean mayFollow = redirects + 1 < MAX_REDIRECTS;
      HttpResponse<T> response =
          client.send(
              current,
              info ->
                  mayFollow && target(from, policy, info.statusCode(), info.headers()) != null
                      ? HttpResponse.BodySubscribers.replacing(null)
                      : handler.apply(info));
      URI next = mayFollow ? target(from, policy, response.statusCode(), response.headers()) : null;
      if (next == null) {
        return response;
      }
      redirects++;
      current = redirected(current, next, response.statusCode());
    }
  }

  /** Where the JDK's redirect filter would go from a response, or null to keep it. */
  private static URI target(
      URI from, HttpClient.Redirect policy, int status, HttpHeaders headers) {
    boolean redirecting =
        status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    if (!redirecting) {
      return null;
    }
    Optional<String> location = headers.firstValue("Location");
    if (location.isEmpty()) {
      return null; // The JDK fails the exchange: "Invalid redirection".
    }
    URI to;
    try {
      to = from.resolve(URI.create(location.get()));
    } catch (IllegalArgumentException malformed) {
      return null;
    }
    String scheme = to.getScheme();
    boolean allowed =
        scheme != null
            && (policy == HttpClient.Redirect.ALWAYS
                || scheme.equalsIgnoreCase(from.getScheme())
                || scheme.equalsIgnoreCase("https"));
    return allowed ? to : null;
  }

  /** The request the JDK's redirect filter would send next. */
  private static HttpRequest redirected(HttpRequest previous, URI target, int status) {
    String method =
        switch (status) {
          case 301, 302 -> previous.method().equals("POST") ? "GET" : previous.method();
          case 303 -> "GET";
          default -> previous.method();
        };
    URI origin = previous.uri();
    boolean sameOrigin =
        target.getScheme().equalsIgnoreCase(origin.getScheme())
            && Objects.equals(target.getRawAuthority(), origin.getRawAuthority());
    BiPredicate<String, String> headers =
        sameOrigin ? (name, value) -> true : (name, value) -> !ORIGIN_HEADERS.contains(name);
    boolean keepsBody = status != 303 && method.equals(previous.method());
    HttpRequest.BodyPublisher body =
        keepsBody
            ? previous.bodyPublisher().orElse(HttpRequest.BodyPublishers.noBody())
            : HttpRequest.BodyPublishers.noBody();
    return HttpRequest.newBuilder(previous, headers).uri(target).method(method, body).build();
  }

  private static Set<String> originHeaders() {
    Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    names.addAll(Set.of("Authorization", "Cookie", "Origin", "Referer", "Host"));
    return names;
  }

  private static void checkUri(CellContext cell, URI uri) throws IOException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    cell.network().checkConnect(cell, uri.getHost(), port);
  }

  /**
   * The request as the JDK's own immutable request: one the cell made itself is copied (its
   * methods called once, here), and its body publisher must be the JDK's.
   */
  private static HttpRequest jdkRequest(HttpRequest request, CellContext cell) {
    HttpRequest copy =
        isCells(request) ? HttpRequest.newBuilder(request, (name, value) -> true).build() : request;
    Optional<HttpRequest.BodyPublisher> body = copy.bodyPublisher();
    if (body.isPresent()) {
      requireJdk(cell, body.get(), "body publisher");
    }
    return copy;
  }

  // ---- objects the client uses on its own threads: paths, options, charsets ----

  @Interposes(owner = HttpResponse.BodyHandlers.class, kind = STATIC_METHOD)
  public static HttpResponse.BodyHandler<String> ofString(Charset charset, CellContext cell) {
    requireJdk(cell, Receivers.require(charset), "charset");
    return HttpResponse.BodyHandlers.ofString(charset);
  }

  @Interposes(owner = HttpResponse.BodyHandlers.class, kind = STATIC_METHOD)
  public static HttpResponse.BodyHandler<Path> ofFile(Path file, CellContext cell) {
    requireJdk(cell, Receivers.require(file), "path");
    return HttpResponse.BodyHandlers.ofFile(file);
  }

  @Interposes(owner = HttpResponse.BodyHandlers.class, kind = STATIC_METHOD)
  public static HttpResponse.BodyHandler<Path> ofFile(
      Path file, OpenOption[] options, CellContext cell) {
    requireJdk(cell, Receivers.require(file), "path");
    requireJdk(cell, options, "open option");
    return HttpResponse.BodyHandlers.ofFile(file, options);
  }

  @Interposes(owner = HttpResponse.BodyHandlers.class, kind = STATIC_METHOD)
  public static HttpResponse.BodyHandler<Path> ofFileDownload(
      Path directory, OpenOption[] options, CellContext cell) {
    requireJdk(cell, Receivers.require(directory), "path");
    requireJdk(cell, options, "open option");
    return HttpResponse.BodyHandlers.ofFileDownload(directory, options);
  }

  @Interposes(owner = HttpRequest.BodyPublishers.class, member = "ofFile", kind = STATIC_METHOD)
  public static HttpRequest.BodyPublisher publisherOfFile(Path path, CellContext cell)
      throws FileNotFoundException {
    requireJdk(cell, Receivers.require(path), "path");
    return HttpRequest.BodyPublishers.ofFile(path);
  }

  /** Refuses an object of the cell's own classes where the client would call it. */
  private static void requireJdk(CellContext cell, Object given, String what) {
    if (isCells(given)) {
      throw Refusals.refuseCall(cell, "java.net.http with the cell's own " + what
          + " (the client would run it on its own threads)");
    }
  }

  private static void requireJdk(CellContext cell, Object[] given, String what) {
    for (Object each : Receivers.require(given)) {
      if (each != null) {
        requireJdk(cell, each, what);
      }
    }
  }

  private static boolean isCells(Object object) {
    return object.getClass().getClassLoader() instanceof CellContext.Holder;
  }
}
