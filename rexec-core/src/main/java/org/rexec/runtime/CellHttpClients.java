package org.rexec.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.WeakHashMap;
import org.rexec.fs.StackTraces;
import org.rexec.policy.Rule;

/**
 * The {@code java.net.http.HttpClient}s of one cell. Each is built by the JDK's builder with
 * what a cell may not choose: no proxy ({@code Builder.NO_PROXY}: left unset, the builder takes
 * the JVM's {@code ProxySelector}, the supervisor's), the cell's TLS context ({@link
 * CellUrls#tls()}), and no redirects followed by the JDK (the redirect policy the program asked
 * for is kept here and followed by {@link HttpClientShim}, hop by hop, each hop checked).
 *
 * <p>A client starts threads of the JDK's own (its selector manager, its default executor),
 * which are not the cell's: a cell may build at most {@link #MAX_CLIENTS}, and on Java 21 and
 * later each is shut down when the run ends.
 */
final class CellHttpClients {

  /** How many clients one cell may build in its life. */
  static final int MAX_CLIENTS = 8;


  private final CellContext cell;
  // Guarded by this. Weak: a builder or client the program drops is forgotten with it.
  private final Map<HttpClient.Builder, HttpClient.Redirect> asked = new WeakHashMap<>();
  private final Map<HttpClient, HttpClient.Redirect> policies = new WeakHashMap<>();
  private int built;

  CellHttpClients(CellContext cell) {
    this.cell = cell;
  }

  /** Notes the redirect policy the program asks of {@code builder}; the JDK's stays NEVER. */
  synchronized void ask(HttpClient.Builder builder, HttpClient.Redirect policy) {
    asked.put(builder, java.util.Objects.requireNonNull(policy));
  }

  /** The redirect policy the program gave {@code client}: what its getter answers. */
  synchronized HttpClient.Redirect policy(HttpClient client) {
    return policies.getOrDefault(client, HttpClient.Redirect.NEVER);
  }

  /** Builds a client of the JDK's builder for the cell, within the cell's number of clients. */
  HttpClient build(HttpClient.Builder builder) {
    HttpClient.Redirect policy;
    synchronized (this) {
      if (built >= MAX_CLIENTS) {
        Refusals.record(
            cell, "call", "java.net.http.HttpClient number " + (built + 1), Rule.HTTP_CLIENTS);
        throw StackTraces.forCell(new UncheckedIOException(new IOException(
            "Too many HTTP clients in this cell (at most " + MAX_CLIENTS + ", rule: "
                + Rule.HTTP_CLIENTS + ")")));
      }
      built++;
      policy = asked.getOrDefault(builder, HttpClient.Redirect.NEVER);
    }
    try {
      builder.sslContext(cell.urls().tls());
    } catch (IOException unavailable) {
      throw new UncheckedIOException(unavailable);
    }
    HttpClient client =
        builder
            .proxy(HttpClient.Builder.NO_PROXY)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    synchronized (this) {
      policies.put(client, policy);
    }
    cell.threads().atRunEnd(() -> shutDown(client));
    return client;
  }

  /** {@code HttpClient.shutdownNow()} where the JDK has it (Java 21): its threads end. */
  private static void shutDown(HttpClient client) {
    try {
      Method shutdownNow = HttpClient.class.getMethod("shutdownNow");
      shutdownNow.invoke(client);
    } catch (ReflectiveOperationException olderJdk) {
      // Java 17 to 20: the client's threads end once it is unreachable.
    }
  }
}
