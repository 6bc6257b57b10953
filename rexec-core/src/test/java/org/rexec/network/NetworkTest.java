package org.rexec.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rexec.Policy;
import org.rexec.RunResult;
import org.rexec.Violation;

/**
 * The cell reaches exactly the hosts and ports it is granted. Each test listens on the
 * supervisor's side and asserts what arrived there: nothing, or exactly what was allowed.
 */
class NetworkTest {

  private ServerSocket listener;
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final ExecutorService acceptor = Executors.newSingleThreadExecutor();
  private Future<?> accepting;

  @BeforeEach
  void listen() throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    listener.setSoTimeout(3000);
    accepting =
        acceptor.submit(
            () -> {
              try (Socket connection = listener.accept();
                  InputStream in = connection.getInputStream()) {
                received.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
              } catch (SocketTimeoutException nobodyCame) {
                received.add("<no connection>");
              }
              return null;
            });
  }

  @AfterEach
  void stop() throws Exception {
    listener.close();
    acceptor.shutdownNow();
  }

  private int port() {
    return listener.getLocalPort();
  }

  private String whatArrived() throws Exception {
    accepting.get(10, TimeUnit.SECONDS);
    return received.get(0);
  }

  private static RunResult run(Policy policy, String body, String... args) {
    return NetPrograms.run(policy, body, args);
  }

  private static final String SEND_HELLO =
      """
      attempt("socket", () -> {
        try (Socket socket = new Socket(args[0], Integer.parseInt(args[1]))) {
          socket.getOutputStream().write("hello".getBytes());
        }
        return "sent";
      });
      """;

  @Test
  void withoutAGrantNoConnectionReachesTheListener() throws Exception {
    RunResult result =
        run(Policy.defaults(), SEND_HELLO, "127.0.0.1", Integer.toString(port()));

    assertThat(whatArrived()).isEqualTo("<no connection>");
    assertThat(result.stdout())
        .isEqualTo("socket ! java.net.SocketException: Permission denied (rule: allow-net): "
            + "127.0.0.1:" + port() + "\n");
    assertThat(result.violations()).singleElement().satisfies(violation -> {
      assertThat(violation.operation()).isEqualTo("connect");
      assertThat(violation.rule()).isEqualTo("allow-net");
    });
  }

  @Test
  void withAGrantTheConnectionIsMadeAndItsBytesCounted() throws Exception {
    RunResult result =
        run(
            Policy.builder().allowConnect("localhost", port()).build(),
            SEND_HELLO,
            "localhost",
            Integer.toString(port()));

    assertThat(result.stdout()).isEqualTo("socket -> sent\n");
    assertThat(whatArrived()).isEqualTo("hello");
    assertThat(result.bytesWritten()).isEqualTo(5);
    assertThat(result.violations()).isEmpty();
  }

  @Test
  void aGrantForAnotherPortDoesNotReachThisOne() throws Exception {
    RunResult result =
        run(
            Policy.builder().allowConnect("localhost", port() + 1).build(),
            SEND_HELLO,
            "localhost",
            Integer.toString(port()));

    assertThat(whatArrived()).isEqualTo("<no connection>");
    assertThat(result.stdout()).contains("Permission denied (rule: allow-net)");
  }

  @Test
  void everyOtherWayToConnectIsCheckedToo() throws Exception {
    RunResult result =
        run(
            Policy.defaults(),
            """
            InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                Integer.parseInt(args[0]));
            attempt("connect", () -> { new Socket().connect(target); return "?"; });
            attempt("channel", () -> SocketChannel.open(target));
            attempt("channel connect", () -> SocketChannel.open().connect(target));
            attempt("adaptor", () -> { SocketChannel.open().socket().connect(target); return "?"; });
            attempt("url", () -> new URL("http://127.0.0.1:" + args[0] + "/").openStream());
            attempt("http client", () -> HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + args[0] + "/")).build(),
                HttpResponse.BodyHandlers.ofString()));
            """,
            Integer.toString(port()));

    assertThat(whatArrived()).isEqualTo("<no connection>");
    assertThat(result.stdout().lines())
        .hasSize(6)
        .allSatisfy(line -> assertThat(line).contains("Permission denied (rule: allow-net)"));
    assertThat(result.violations()).hasSize(6);
  }

  @Test
  void aNameThatIsNotGrantedIsNeverLookedUp() {
    RunResult result =
        run(
            Policy.builder().allowConnect("localhost").build(),
            """
            attempt("getByName", () -> InetAddress.getByName("canary.rexec.invalid"));
            attempt("getAllByName", () -> InetAddress.getAllByName("canary.rexec.invalid").length);
            attempt("address", () -> new InetSocketAddress("canary.rexec.invalid", 80));
            attempt("socket", () -> new Socket("canary.rexec.invalid", 80));
            attempt("literal", () -> InetAddress.getByName("10.1.2.3").getHostAddress());
            attempt("granted", () -> InetAddress.getByName("localhost").isLoopbackAddress());
            attempt("local host", () -> InetAddress.getLocalHost().getHostName());
            attempt("no reverse", () -> InetAddress.getByAddress(new byte[] {8, 8, 8, 8})
                .getCanonicalHostName());
            """);

    String refused =
        "java.net.UnknownHostException: canary.rexec.invalid: Name or service not known"
            + " (rule: allow-net)";
    assertThat(result.stdout())
        .isEqualTo(
            "getByName ! " + refused + "\n"
                + "getAllByName ! " + refused + "\n"
                + "address ! " + refused + "\n"
                + "socket ! " + refused + "\n"
                + "literal -> 10.1.2.3\n"
                + "granted -> true\n"
                + "local host -> localhost\n"
                + "no reverse -> 8.8.8.8\n");
    assertThat(result.violations())
        .extracting(Violation::operation)
        .containsExactly("lookup", "lookup", "lookup", "lookup");
  }

  @Test
  void listeningNeedsAGrantOfThePort() throws IOException {
    int free;
    try (ServerSocket probe = new ServerSocket(0)) {
      free = probe.getLocalPort();
    }
    String body =
        """
        attempt("server", () -> { new ServerSocket(Integer.parseInt(args[0])).close(); return "listened"; });
        attempt("bind", () -> { new ServerSocket().bind(new InetSocketAddress(0)); return "?"; });
        attempt("channel", () -> ServerSocketChannel.open().bind(new InetSocketAddress(0)));
        """;

    RunResult refused = run(Policy.defaults(), body, Integer.toString(free));
    RunResult granted =
        run(Policy.builder().allowListen(free).build(), body, Integer.toString(free));

    assertThat(refused.stdout().lines())
        .hasSize(3)
        .allSatisfy(line -> assertThat(line).contains(
            "java.net.BindException: Permission denied (rule: allow-listen)"));
    assertThat(granted.stdout()).startsWith("server -> listened\n");
  }

  @Test
  void aGrantedListenerAcceptsAndItsSocketsAreTheCells() throws Exception {
    int free;
    try (ServerSocket probe = new ServerSocket(0)) {
      free = probe.getLocalPort();
    }
    ExecutorService client = Executors.newSingleThreadExecutor();
    try {
      Future<?> sent = client.submit(() -> {
        for (int attempt = 0; attempt < 100; attempt++) {
          try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), free)) {
            socket.getOutputStream().write("ping".getBytes(StandardCharsets.UTF_8));
            return null;
          } catch (java.net.ConnectException notYetListening) {
            Thread.sleep(50);
          }
        }
        throw new AssertionError("the cell never listened");
      });
      RunResult result =
          run(
              Policy.builder().allowListen(free).build(),
              """
              try (ServerSocket server = new ServerSocket(Integer.parseInt(args[0]));
                  Socket accepted = server.accept()) {
                System.out.println(new String(accepted.getInputStream().readAllBytes()));
              }
              """,
              Integer.toString(free));
      sent.get(10, TimeUnit.SECONDS);

      assertThat(result.stdout()).isEqualTo("ping\n");
      assertThat(result.bytesRead()).isEqualTo(4);
    } finally {
      client.shutdownNow();
    }
  }

  @Test
  void datagramsGoOnlyWhereGranted() throws Exception {
    try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      receiver.setSoTimeout(1000);
      String body =
          """
          attempt("send", () -> {
            try (DatagramSocket socket = new DatagramSocket()) {
              byte[] data = "ping".getBytes();
              socket.send(new DatagramPacket(data, data.length,
                  InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])));
            }
            return "sent";
          });
          """;

      RunResult refused = run(Policy.defaults(), body, Integer.toString(receiver.getLocalPort()));
      DatagramPacket packet = new DatagramPacket(new byte[16], 16);
      boolean arrived;
      try {
        receiver.receive(packet);
        arrived = true;
      } catch (SocketTimeoutException nothing) {
        arrived = false;
      }

      assertThat(arrived).isFalse();
      assertThat(refused.stdout()).contains("Permission denied (rule: allow-net)");

      RunResult granted =
          run(
              Policy.builder().allowConnect("127.0.0.1", receiver.getLocalPort()).build(),
              body,
              Integer.toString(receiver.getLocalPort()));
      receiver.receive(packet);
      assertThat(granted.stdout()).isEqualTo("send -> sent\n");
      assertThat(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8))
          .isEqualTo("ping");
    }
  }

  @Test
  void httpWorksWhenGrantedAndDoesNotFollowRedirectsElsewhere() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    List<String> paths = new ArrayList<>();
    server.createContext("/", exchange -> {
      paths.add(exchange.getRequestURI().getPath());
      if (exchange.getRequestURI().getPath().equals("/moved")) {
        exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
        exchange.sendResponseHeaders(302, -1);
      } else {
        byte[] body = "greetings".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      }
      exchange.close();
    });
    server.start();
    try {
      int port = server.getAddress().getPort();
      RunResult result =
          run(
              Policy.builder().allowConnect("127.0.0.1", port).build(),
              """
              String base = "http://127.0.0.1:" + args[0];
              attempt("url", () -> new String(new URL(base + "/a").openStream().readAllBytes()));
              attempt("client", () -> HttpClient.newHttpClient().send(
                  HttpRequest.newBuilder(URI.create(base + "/b")).build(),
                  HttpResponse.BodyHandlers.ofString()).body());
              attempt("redirect", () -> ((HttpURLConnection) new URL(base + "/moved")
                  .openConnection()).getResponseCode());
              attempt("follow", () -> HttpClient.newBuilder()
                  .followRedirects(HttpClient.Redirect.ALWAYS).build().send(
                      HttpRequest.newBuilder(URI.create(base + "/moved")).build(),
                      HttpResponse.BodyHandlers.ofString()));
              """,
              Integer.toString(port));

      String refused = "java.net.SocketException: Permission denied (rule: allow-net): 127.0.0.1:1";
      assertThat(result.stdout())
          .isEqualTo("url -> greetings\nclient -> greetings\nredirect ! " + refused
              + "\nfollow ! " + refused + "\n");
      assertThat(paths).containsExactly("/a", "/b", "/moved", "/moved");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aSubclassCannotRedirectTheConnectionItsConstructorMakes() throws Exception {
    try (ServerSocket decoy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      RunResult result =
          run(
              Policy.builder().allowConnect("localhost", decoy.getLocalPort()).build(),
              """
              class Redirecting extends Socket {
                Redirecting(String host, int port) throws IOException { super(host, port); }
                @Override public void connect(SocketAddress granted, int timeout) throws IOException {
                  super.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1])), timeout);
                }
              }
              attempt("redirect", () -> {
                try (Socket socket = new Redirecting("localhost", Integer.parseInt(args[0]))) {
                  socket.getOutputStream().write("stolen".getBytes());
                }
                return "connected";
              });
              """,
              Integer.toString(decoy.getLocalPort()),
              Integer.toString(port()));

      assertThat(whatArrived()).isEqualTo("<no connection>");
      assertThat(result.stdout()).contains("Permission denied (rule: allow-net)");
    }
  }

  /** Five numeric parts: looks like an IPv4 address, is a name the JDK sends to the resolver. */
  private static String fivePartName() {
    Random random = new Random();
    return "10." + random.nextInt(250) + "." + random.nextInt(250) + "." + random.nextInt(250)
        + "." + (1 + random.nextInt(250));
  }

  @Test
  void namesThatLookLikeAddressesAreNamesAndAreNeverLookedUp() throws Exception {
    String fiveParts = fivePartName();
    String withColon = "q" + DnsLookups.canary("colon").replace('.', '-') + ":1";
    String inUrl = fivePartName();

    RunResult result =
        run(
            Policy.builder().allowConnect("localhost").build(),
            """
            attempt("getByName", () -> InetAddress.getByName(args[0]));
            attempt("through a subclass", () -> Inet4Address.getByName(args[0]));
            attempt("socket", () -> new Socket(args[0], 80));
            attempt("address", () -> new InetSocketAddress(args[1], 80));
            attempt("getAllByName", () -> InetAddress.getAllByName(args[1]));
            attempt("url", () -> new URL("http://" + args[2] + "/").openStream());
            """,
            fiveParts,
            withColon,
            inUrl);

    assertThat(result.stdout())
        .isEqualTo(
            "getByName ! " + unknown(fiveParts) + "\n"
                + "through a subclass ! " + unknown(fiveParts) + "\n"
                + "socket ! " + unknown(fiveParts) + "\n"
                + "address ! " + unknown(withColon) + "\n"
                + "getAllByName ! " + unknown(withColon) + "\n"
                + "url ! " + unknown(inUrl) + "\n");
    for (String name : List.of(fiveParts, withColon, inUrl)) {
      assertThat(DnsLookups.wasLookedUp(name)).as("%s was looked up", name).isFalse();
    }
    assertThat(result.violations()).extracting(Violation::operation).containsOnly("lookup");
  }

  private static String unknown(String name) {
    return "java.net.UnknownHostException: " + name
        + ": Name or service not known (rule: allow-net)";
  }

  @Test
  void aGrantOfAnAddressCoversEveryTextOfItAndNoName() throws Exception {
    RunResult result =
        run(
            Policy.builder().allowConnect("127.0.0.1", port()).build(),
            """
            attempt("short form", () -> {
              try (Socket socket = new Socket("127.1", Integer.parseInt(args[0]))) {
                socket.getOutputStream().write("short".getBytes());
              }
              return "sent";
            });
            attempt("hexadecimal", () -> new Socket("0x7f.1", Integer.parseInt(args[0])));
            """,
            Integer.toString(port()));

    assertThat(whatArrived()).isEqualTo("short");
    assertThat(result.stdout())
        .isEqualTo("short form -> sent\nhexadecimal ! " + unknown("0x7f.1") + "\n");
  }

  @Test
  void urlsNeverLookUpTheirHostsWhenCompared() {
    List<String> canaries =
        Stream.of("hash", "set", "equals", "uri", "jar", "relative", "file", "same", "reference")
            .map(DnsLookups::canary)
            .toList();

    RunResult result =
        run(
            Policy.defaults(),
            """
            attempt("hash", () -> new URL("http://" + args[0] + "/").hashCode() != 0);
            attempt("set", () -> new HashSet<>(List.of(new URL("http://" + args[1] + "/x"))).size());
            attempt("equals", () -> new URL("http://" + args[2] + "/").equals(
                new URL("http://" + args[2].toUpperCase() + "/")));
            attempt("uri", () -> URI.create("https://" + args[3] + "/").toURL().hashCode() != 0);
            attempt("jar", () -> new URL("jar:http://" + args[4] + "/x.jar!/a").hashCode() != 0);
            attempt("relative", () -> new URL(new URL("http://example/"), "http://" + args[5] + "/")
                .hashCode() != 0);
            attempt("file", () -> new URL("file://" + args[6] + "/x").hashCode() != 0);
            attempt("same file", () -> new URL("http://" + args[7] + "/a#x")
                .sameFile(new URL("http://" + args[7] + "/a#y")));
            interface Maker { URL make(String spec) throws Exception; }
            Maker maker = URL::new;
            attempt("reference", () -> maker.make("http://" + args[8] + "/").hashCode() != 0);
            """,
            canaries.toArray(String[]::new));

    assertThat(result.stdout())
        .isEqualTo(
            "hash -> true\nset -> 1\nequals -> true\nuri -> true\njar -> true\n"
                + "relative -> true\nfile -> true\nsame file -> true\nreference -> true\n");
    for (String canary : canaries) {
      assertThat(DnsLookups.wasLookedUp(canary)).as("%s was looked up", canary).isFalse();
    }
  }

  @Test
  void anAddressIsJudgedByItsIpNotByTheNameItCarries() throws Exception {
    RunResult result =
        run(
            Policy.builder().allowConnect("granted.rexec.invalid", port()).build(),
            """
            attempt("forged", () -> new Socket(InetAddress.getByAddress("granted.rexec.invalid",
                new byte[] {127, 0, 0, 1}), Integer.parseInt(args[0])));
            attempt("forged address", () -> {
              Socket socket = new Socket();
              socket.connect(new InetSocketAddress(InetAddress.getByAddress(
                  "granted.rexec.invalid", new byte[] {127, 0, 0, 1}), Integer.parseInt(args[0])));
              return socket;
            });
            """,
            Integer.toString(port()));

    assertThat(whatArrived()).isEqualTo("<no connection>");
    assertThat(result.stdout().lines())
        .hasSize(2)
        .allSatisfy(line -> assertThat(line).endsWith(
            "java.net.SocketException: Permission denied (rule: allow-net): 127.0.0.1:" + port()));
  }

  @Test
  void noNameIsLookedUpInReverse() {
    RunResult result =
        run(
            Policy.defaults(),
            """
            InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
            attempt("socket address", () -> new InetSocketAddress(loopback, 80).getHostName());
            attempt("address", () -> loopback.getCanonicalHostName());
            """);

    // A reverse lookup of 127.0.0.1 answers "localhost" (from /etc/hosts at least).
    assertThat(result.stdout()).isEqualTo("socket address -> 127.0.0.1\naddress -> 127.0.0.1\n");
  }

  @Test
  void unixDomainSocketsAreNotTheCells() throws Exception {
    // Where the JDK binds a Unix-domain server that is given no path: the host's, not the cell's.
    Path socketDirectory = Path.of(System.getProperty("jdk.net.unixdomain.tmpdir", "/tmp"));
    List<Path> before = socketFiles(socketDirectory);

    RunResult result =
        run(
            Policy.builder().allowListen(0).build(),
            """
            attempt("server", () -> ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                .bind(null).getLocalAddress());
            attempt("client", () -> SocketChannel.open(StandardProtocolFamily.UNIX));
            """);

    assertThat(socketFiles(socketDirectory)).containsExactlyInAnyOrderElementsOf(before);
    assertThat(result.stdout())
        .isEqualTo(
            "server ! java.net.SocketException: Permission denied (rule: allow-net): a UNIX socket\n"
                + "client ! java.net.SocketException: Permission denied (rule: allow-net): a UNIX"
                + " socket\n");
  }

  private static List<Path> socketFiles(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> file.getFileName().toString().startsWith("socket_")).toList();
    }
  }
}
