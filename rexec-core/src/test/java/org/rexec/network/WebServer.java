package org.rexec.network;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A granted HTTP server on the loopback address: each path answers text, or a redirect, or a
 * status with headers; every request it receives is recorded.
 */
final class WebServer implements AutoCloseable {

  /** A request as it arrived. */
  record Request(String method, String path, String authorization, String body) {}

  private interface Answer {
    void send(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  WebServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:port} */
  String base() {
    return "http://127.0.0.1:" + port();
  }

  WebServer text(String path, String body) {
    answers.put(path, exchange -> send(exchange, 200, body));
    return this;
  }

  WebServer redirect(String path, int status, String location) {
    answers.put(path, exchange -> {
      exchange.getResponseHeaders().add("Location", location);
      exchange.sendResponseHeaders(status, -1);
    });
    return this;
  }

  /** Answers 401 asking for Basic credentials, unless the request carries some. */
  WebServer basicAuth(String path) {
    answers.put(path, exchange -> {
      if (exchange.getRequestHeaders().getFirst("Authorization") != null) {
        send(exchange, 200, "welcome");
      } else {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"cell\"");
        exchange.sendResponseHeaders(401, -1);
      }
    });
    return this;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = exchange.getRequestURI().getPath();
    requests.add(new Request(exchange.getRequestMethod(), path,
        exchange.getRequestHeaders().getFirst("Authorization"), body));
    Answer answer = answers.get(path);
    if (answer == null) {
      send(exchange, 404, "no such page");
    } else {
      answer.send(exchange);
    }
    exchange.close();
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
