package org.rexec.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rexec.Cell;
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
    String source =
        """
        import java.io.*;
        import java.net.*;
        import java.net.http.*;
        import java.nio.*;
        import java.nio.channels.*;
        public class Net {
          interface Attempt { Object run() throws Exception; }
          static void attempt(String what, Attempt attempt) {
            try { System.out.println(what + " -> " + attempt.run()); }
            catch (Exception e) { System.out.println(what + " ! " + e); }
          }
          public static void main(String[] args) throws Exception {
        """
            + body
            + """
          }
        }
        """;
    try (Cell cell = Cell.create(policy)) {
      return cell.run(cell.loadSource("Net.java", source), args);
    }
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
                  .followRedirects(HttpClient.Redirect.ALWAYS));
              """,
              Integer.toString(port));

      assertThat(result.stdout())
          .startsWith("url -> greetings\nclient -> greetings\nredirect -> 302\nfollow ! ")
          .contains("is not allowed in this cell (rule: allow-list)");
      assertThat(paths).containsExactly("/a", "/b", "/moved");
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
}
