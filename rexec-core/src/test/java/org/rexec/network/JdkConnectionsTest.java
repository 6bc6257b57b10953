package org.rexec.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.CacheRequest;
import java.net.CacheResponse;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ResponseCache;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rexec.Policy;
import org.rexec.RunResult;
import org.rexec.Violation;

/**
 * Connections the JDK opens on the cell's behalf: redirects (of {@code HttpURLConnection} and
 * of {@code HttpClient}), proxies the JVM would choose, FTP data connections, credentials the
 * JVM would send. Each test grants one local server and keeps a {@link Listener} that nothing
 * may reach; it asserts what arrived where, and what the cell saw.
 */
class JdkConnectionsTest {

  private WebServer server;
  private Listener listener;

  @BeforeEach
  void start() throws IOException {
    server = new WebServer().text("/a", "greetings");
    listener = new Listener();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
    listener.close();
  }

  private Policy grantingTheServer() {
    return Policy.builder().allowConnect("127.0.0.1", server.port()).build();
  }

  private String elsewhere() {
    return "http://127.0.0.1:" + listener.port() + "/stolen";
  }

  private String refusedElsewhere() {
    return "java.net.SocketException: Permission denied (rule: allow-net): 127.0.0.1:"
        + listener.port();
  }

  @Test
  void aRedirectToAPortThatIsNotGrantedIsNeverFollowed() {
    server.redirect("/moved", 302, elsewhere());

    RunResult result =
        NetPrograms.run(
            grantingTheServer(),
            """
            URL moved = new URL(args[0] + "/moved");
            attempt("asked to follow", () -> {
              HttpURLConnection connection = (HttpURLConnection) moved.openConnection();
              connection.setInstanceFollowRedirects(true);
              return connection.getResponseCode();
            });
            attempt("following by default", () -> ((HttpURLConnection) moved.openConnection())
                .getInputStream().readAllBytes().length);
            attempt("open stream", () -> moved.openStream().readAllBytes().length);
            attempt("through URI", () -> URI.create(args[0] + "/moved").toURL().openStream());
            """,
            server.base());

    assertThat(listener.arrivals()).isEmpty();
    assertThat(result.stdout().lines())
        .hasSize(4)
        .allSatisfy(line -> assertThat(line).endsWith(" ! " + refusedElsewhere()));
    assertThat(result.violations())
        .hasSize(4)
        .allSatisfy(violation -> {
          assertThat(violation.operation()).isEqualTo("connect");
          assertThat(violation.rule()).isEqualTo("allow-net");
        });
    assertThat(server.requests()).extracting(WebServer.Request::path)
        .containsExactly("/moved", "/moved", "/moved", "/moved");
  }

  @Test
  void aRedirectInsideTheGrantsIsFollowedAsTheJdkFollowsIt() {
    server
        .redirect("/moved", 302, server.base() + "/a")
        .redirect("/relative", 301, "/a")
        .redirect("/post", 302, "/a")
        .redirect("/kept", 307, "/a")
        .redirect("/other-protocol", 302, "https://127.0.0.1:" + listener.port() + "/");

    RunResult result =
        NetPrograms.run(
            grantingTheServer(),
            """
            String base = args[0];
            attempt("followed", () -> {
              HttpURLConnection c = (HttpURLConnection) new URL(base + "/moved").openConnection();
              return c.getResponseCode() + " " + new String(c.getInputStream().readAllBytes())
                  + " at " + c.getURL();
            });
            attempt("relative", () -> new String(new URL(base + "/relative").openStream().readAllBytes()));
            attempt("not followed", () -> {
              HttpURLConnection c = (HttpURLConnection) new URL(base + "/moved").openConnection();
              c.setInstanceFollowRedirects(false);
              return c.getResponseCode() + " to " + c.getHeaderField("Location");
            });
            attempt("post becomes get", () -> {
              HttpURLConnection c = (HttpURLConnection) new URL(base + "/post").openConnection();
              c.setDoOutput(true);
              c.getOutputStream().write("form".getBytes());
              return c.getResponseCode() + " " + c.getRequestMethod();
            });
            attempt("307 keeps the body", () -> {
              HttpURLConnection c = (HttpURLConnection) new URL(base + "/kept").openConnection();
              c.setRequestMethod("PUT");
              c.setDoOutput(true);
              c.getOutputStream().write("payload".getBytes());
              return c.getResponseCode();
            });
            attempt("streaming", () -> {
              HttpURLConnection c = (HttpURLConnection) new URL(base + "/kept").openConnection();
              c.setDoOutput(true);
              c.setFixedLengthStreamingMode(4);
              c.getOutputStream().write("once".getBytes());
              return c.getResponseCode();
            });
            attempt("other protocol", () -> ((HttpURLConnection) new URL(base + "/other-protocol")
                .openConnection()).getResponseCode());
            """,
            server.base());

    assertThat(result.stdout())
        .isEqualTo(
            "followed -> 200 greetings at " + server.base() + "/a\n"
                + "relative -> greetings\n"
                + "not followed -> 302 to " + server.base() + "/a\n"
                + "post becomes get -> 200 GET\n"
                + "307 keeps the body -> 200\n"
                + "streaming ! java.net.HttpRetryException: cannot retry due to redirection,"
                + " in streaming mode\n"
                + "other protocol -> 302\n");
    assertThat(server.requests())
        .extracting(request -> request.method() + " " + request.path() + " " + request.body())
        .containsExactly(
            "GET /moved ", "GET /a ",
            "GET /relative ", "GET /a ",
            "GET /moved ",
            "POST /post form", "GET /a ",
            "PUT /kept payload", "PUT /a payload",
            "POST /kept once",
            "GET /other-protocol ");
    assertThat(listener.arrivals()).isEmpty();
    assertThat(result.violations()).isEmpty();
  }

  @Test
  void aLongChainOfRedirectsEndsAsOnAPlainJvm() throws Exception {
    server.redirect("/loop", 302, "/loop");
    HttpURLConnection plain =
        (HttpURLConnection) new URL(server.base() + "/loop").openConnection(Proxy.NO_PROXY);
    String onThePlainJvm;
    try {
      onThePlainJvm = "code " + plain.getResponseCode();
    } catch (IOException thrown) {
      onThePlainJvm = thrown.toString();
    }
    int requestsOnThePlainJvm = server.requests().size();

    RunResult result =
        NetPrograms.run(
            grantingTheServer(),
            """
            attempt("loop", () -> "code " + ((HttpURLConnection) new URL(args[0] + "/loop")
                .openConnection()).getResponseCode());
            """,
            server.base());

    assertThat(onThePlainJvm).startsWith("java.net.ProtocolException: Server redirected too many");
    assertThat(result.stdout()).isEqualTo("loop ! " + onThePlainJvm + "\n");
    assertThat(server.requests()).hasSize(2 * requestsOnThePlainJvm);
  }

  @Test
  void theHttpClientFollowsRedirectsHopByHopAndChecksEachHop() {
    server.redirect("/moved", 302, "/a").redirect("/away", 302, elsewhere());

    RunResult result =
        NetPrograms.run(
            grantingTheServer(),
            """
            HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL).build();
            attempt("policy", () -> client.followRedirects());
            attempt("followed", () -> {
              HttpResponse<String> response = client.send(
                  HttpRequest.newBuilder(URI.create(args[0] + "/moved")).build(),
                  HttpResponse.BodyHandlers.ofString());
              return response.statusCode() + " " + response.body() + " at " + response.uri();
            });
            attempt("away", () -> client.send(
                HttpRequest.newBuilder(URI.create(args[0] + "/away")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
            attempt("never", () -> HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(args[0] + "/away")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
            """,
            server.base());

    assertThat(result.stdout())
        .isEqualTo(
            "policy -> NORMAL\n"
                + "followed -> 200 greetings at " + server.base() + "/a\n"
                + "away ! " + refusedElsewhere() + "\n"
                + "never -> 302\n");
    assertThat(listener.arrivals()).isEmpty();
    assertThat(server.requests())
        .extracting(WebServer.Request::path)
        .containsExactly("/moved", "/a", "/away", "/away");
  }

  @Test
  void theJvmsProxiesAreNeverUsed() throws Exception {
    Properties saved = (Properties) System.getProperties().clone();
    String proxyPort = Integer.toString(listener.port());
    try {
      for (String scheme : List.of("http", "https", "ftp")) {
        System.setProperty(scheme + ".proxyHost", "127.0.0.1");
        System.setProperty(scheme + ".proxyPort", proxyPort);
      }
      System.setProperty("http.nonProxyHosts", "");
      System.setProperty("socksProxyHost", "127.0.0.1");
      System.setProperty("socksProxyPort", proxyPort);
      System.setProperty("socksNonProxyHosts", "");

      RunResult result =
          NetPrograms.run(
              grantingTheServer(),
              """
              String base = args[0];
              attempt("http client", () -> HttpClient.newHttpClient().send(
                  HttpRequest.newBuilder(URI.create(base + "/a")).build(),
                  HttpResponse.BodyHandlers.ofString()).body());
              attempt("url", () -> new String(new URL(base + "/a").openStream().readAllBytes()));
              attempt("socket", () -> {
                try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(args[1]))) {
                  socket.getOutputStream().write(
                      "GET /a HTTP/1.0\\r\\nHost: x\\r\\n\\r\\n".getBytes());
                  return new BufferedReader(new InputStreamReader(socket.getInputStream()))
                      .readLine();
                }
              });
              attempt("proxy of the cell", () -> new URL(base + "/a").openConnection(
                  new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1",
                      Integer.parseInt(args[2])))));
              """,
              server.base(),
              Integer.toString(server.port()),
              proxyPort);

      assertThat(result.stdout())
          .isEqualTo(
              "http client -> greetings\n"
                  + "url -> greetings\n"
                  + "socket -> HTTP/1.1 200 OK\n"
                  + "proxy of the cell ! java.net.SocketException: Permission denied"
                  + " (rule: allow-net): proxies are not allowed\n");
    } finally {
      System.setProperties(saved);
    }
    assertThat(listener.arrivals()).isEmpty();
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void ftpIsRefusedForItsDataConnectionsGoWhereTheServerSays() throws Exception {
    try (FakeFtpServer ftp = new FakeFtpServer(listener.port())) {
      RunResult result =
          NetPrograms.run(
              Policy.builder().allowConnect("127.0.0.1", ftp.port()).build(),
              """
              attempt("ftp", () -> new URL("ftp://127.0.0.1:" + args[0] + "/file.txt")
                  .openStream().read());
              """,
              Integer.toString(ftp.port()));

      assertThat(result.stdout())
          .isEqualTo("ftp ! java.net.UnknownServiceException: protocol ftp is not allowed in this"
              + " cell (rule: allow-net)\n");
      assertThat(ftp.commands()).isEmpty();
    }
    assertThat(listener.arrivals()).isEmpty();
  }

  @Test
  void jarUrlsReadOnlyTheCellsFiles() throws Exception {
    RunResult result =
        NetPrograms.run(
            Policy.builder().allowConnect("127.0.0.1", listener.port()).build(),
            """
            attempt("jar over http", () -> new URL("jar:http://127.0.0.1:" + args[0]
                + "/x.jar!/a.txt").openStream());
            """,
            Integer.toString(listener.port()));

    assertThat(result.stdout()).isEqualTo("jar over http ! java.net.UnknownServiceException:"
        + " only jar:file: URLs are allowed in this cell (rule: allow-net)\n");
    assertThat(listener.arrivals()).isEmpty();
  }

  @Test
  void theSupervisorsCredentialsAreNeverSent() throws Exception {
    server.basicAuth("/private");
    Authenticator before = Authenticator.getDefault();
    Authenticator.setDefault(new Authenticator() {
      @Override
      protected PasswordAuthentication getPasswordAuthentication() {
        return new PasswordAuthentication("supervisor", "secret".toCharArray());
      }
    });
    RunResult result;
    try {
      result =
          NetPrograms.run(
              grantingTheServer(),
              """
              attempt("private", () -> ((HttpURLConnection) new URL(args[0] + "/private")
                  .openConnection()).getResponseCode());
              """,
              server.base());
    } finally {
      Authenticator.setDefault(before);
    }

    assertThat(result.stdout()).isEqualTo("private -> 401\n");
    assertThat(server.requests()).extracting(WebServer.Request::authorization).containsOnlyNulls();
  }

  @Test
  void theSupervisorsCachedResponsesAreNeverRead() throws Exception {
    ResponseCache before = ResponseCache.getDefault();
    ResponseCache.setDefault(new ResponseCache() {
      @Override
      public CacheResponse get(URI uri, String method, Map<String, List<String>> headers) {
        return new CacheResponse() {
          @Override
          public Map<String, List<String>> getHeaders() {
            return Map.of("", List.of("HTTP/1.1 200 OK"));
          }

          @Override
          public InputStream getBody() {
            return new ByteArrayInputStream("the supervisor's secret".getBytes(StandardCharsets.UTF_8));
          }
        };
      }

      @Override
      public CacheRequest put(URI uri, URLConnection connection) {
        return null;
      }
    });
    RunResult result;
    try {
      result =
          NetPrograms.run(
              grantingTheServer(),
              """
              attempt("read", () -> new String(new URL(args[0] + "/a").openStream().readAllBytes()));
              """,
              server.base());
    } finally {
      ResponseCache.setDefault(before);
    }

    assertThat(result.stdout()).isEqualTo("read -> greetings\n");
  }

  /**
   * A URL whose text names another host than its fields (no host, a file starting with
   * {@code //}): the JDK connects by the fields, the loopback address on port 80, and so must
   * every hop rexec makes, never a URL parsed again from the text.
   */
  @Test
  void aUrlWhoseTextNamesAnotherHostConnectsToTheHostThatWasChecked() throws Exception {
    RunResult result =
        NetPrograms.run(
            Policy.builder().allowConnect("127.0.0.1", 80).build(),
            """
            URL url = new URL("http", "", -1, "//127.0.0.1:" + args[0] + "/stolen");
            attempt("text", () -> url.toString());
            attempt("open", () -> url.openStream());
            """,
            Integer.toString(listener.port()));

    assertThat(listener.arrivals()).isEmpty();
    assertThat(result.stdout().lines().findFirst())
        .contains("text -> http://127.0.0.1:" + listener.port() + "/stolen");
  }

  @Test
  void aRequestOfTheCellsOwnCannotShowTheCheckOneHostAndTheClientAnother() {
    RunResult result =
        NetPrograms.run(
            grantingTheServer(),
            """
            URI granted = URI.create(args[0] + "/a");
            URI elsewhere = URI.create(args[1]);
            HttpRequest real = HttpRequest.newBuilder(granted).build();
            class Changing extends HttpRequest {
              int calls;
              public URI uri() { return calls++ == 0 ? granted : elsewhere; }
              public Optional<BodyPublisher> bodyPublisher() { return real.bodyPublisher(); }
              public String method() { return "GET"; }
              public Optional<java.time.Duration> timeout() { return Optional.empty(); }
              public boolean expectContinue() { return false; }
              public Optional<HttpClient.Version> version() { return Optional.empty(); }
              public HttpHeaders headers() { return real.headers(); }
            }
            attempt("changing", () -> HttpClient.newHttpClient()
                .send(new Changing(), HttpResponse.BodyHandlers.ofString()).body());
            """,
            server.base(),
            elsewhere());

    assertThat(listener.arrivals()).isEmpty();
    assertThat(result.stdout()).isEqualTo("changing -> greetings\n");
  }

  @Test
  void codeOfTheCellNeverRunsOnTheClientsThreads() {
    RunResult result =
        NetPrograms.run(
            grantingTheServer(),
            """
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest get = HttpRequest.newBuilder(URI.create(args[0] + "/a")).build();
            attempt("handler", () -> client.send(get,
                info -> HttpResponse.BodyHandlers.ofString().apply(info)));
            attempt("publisher", () -> client.send(
                HttpRequest.newBuilder(URI.create(args[0] + "/a")).POST(
                    new HttpRequest.BodyPublisher() {
                      public long contentLength() { return 1; }
                      public void subscribe(java.util.concurrent.Flow.Subscriber<
                          ? super ByteBuffer> subscriber) { }
                    }).build(),
                HttpResponse.BodyHandlers.ofString()));
            attempt("subscriber", () -> HttpResponse.BodyHandlers.fromSubscriber(null));
            attempt("supplier", () -> HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(new byte[1])));
            class Mine extends java.nio.charset.Charset {
              Mine() { super("x-mine", null); }
              public boolean contains(java.nio.charset.Charset other) { return false; }
              public java.nio.charset.CharsetDecoder newDecoder() {
                return java.nio.charset.StandardCharsets.UTF_8.newDecoder();
              }
              public java.nio.charset.CharsetEncoder newEncoder() {
                return java.nio.charset.StandardCharsets.UTF_8.newEncoder();
              }
            }
            attempt("charset", () -> client.send(get, HttpResponse.BodyHandlers.ofString(new Mine())));
            """,
            server.base());

    assertThat(result.stdout().lines())
        .hasSize(5)
        .allSatisfy(line -> assertThat(line)
            .contains("java.lang.SecurityException")
            .contains("(rule: allow-list)"));
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void bodiesTheClientWritesGoToTheCellsFilesByItsRules() {
    RunResult result =
        NetPrograms.run(
            grantingTheServer(),
            """
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest get = HttpRequest.newBuilder(URI.create(args[0] + "/a")).build();
            attempt("scratch", () -> java.nio.file.Files.readString(client.send(get,
                HttpResponse.BodyHandlers.ofFile(java.nio.file.Path.of("/tmp/page.txt"))).body()));
            attempt("outside", () -> client.send(get,
                HttpResponse.BodyHandlers.ofFile(java.nio.file.Path.of("/etc/page.txt"))).body());
            """,
            server.base());

    assertThat(result.stdout().lines())
        .containsExactly(
            "scratch -> greetings",
            "outside ! java.io.IOException: /etc/page.txt: Permission denied (rule: file-write)");
  }

  @Test
  void aCellBuildsABoundedNumberOfHttpClients() {
    RunResult result =
        NetPrograms.run(
            Policy.defaults(),
            """
            for (int i = 1; i <= 10; i++) {
              attempt("client " + i, () -> HttpClient.newHttpClient() != null);
            }
            """);

    assertThat(result.stdout().lines()).hasSize(10);
    assertThat(result.stdout().lines().limit(8)).allSatisfy(line -> assertThat(line).endsWith("true"));
    assertThat(result.stdout().lines().skip(8))
        .allSatisfy(line -> assertThat(line).contains("Too many HTTP clients in this cell"));
    assertThat(result.violations()).extracting(Violation::rule).containsOnly("http-clients");
  }

  /**
   * Just enough of an FTP server to lead a client's data connection to {@code dataPort}: every
   * passive-mode command answers that port. Records the commands it receives.
   */
  private static final class FakeFtpServer implements AutoCloseable {
    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<String> commands = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Thread thread;

    FakeFtpServer(int dataPort) throws IOException {
      thread = new Thread(() -> serve(dataPort), "fake-ftp");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    List<String> commands() {
      return List.copyOf(commands);
    }

    private void serve(int dataPort) {
      try (Socket control = socket.accept();
          BufferedReader in = new BufferedReader(
              new InputStreamReader(control.getInputStream(), StandardCharsets.US_ASCII));
          OutputStream out = control.getOutputStream()) {
        reply(out, "220 ready");
        Map<String, String> answers = Map.of(
            "USER", "331 password please",
            "PASS", "230 logged in",
            "EPSV", "229 Entering Extended Passive Mode (|||" + dataPort + "|)",
            "PASV", "227 Entering Passive Mode (127,0,0,1," + dataPort / 256 + "," + dataPort % 256 + ")",
            "RETR", "150 here it comes");
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          commands.add(line);
          String verb = line.split(" ")[0].toUpperCase(java.util.Locale.ROOT);
          reply(out, answers.getOrDefault(verb, "200 ok"));
        }
      } catch (IOException closed) {
        // The test is over.
      }
    }

    private static void reply(OutputStream out, String line) throws IOException {
      out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
