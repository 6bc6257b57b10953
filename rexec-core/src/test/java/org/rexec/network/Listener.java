package org.rexec.network;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A port on the loopback address that nothing may reach: it records every connection made to
 * it, and the first bytes sent, so a test can assert that the cell never got there.
 */
final class Listener implements AutoCloseable {

  private final ServerSocket socket;
  private final List<String> arrivals = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  Listener() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::accept, "listener-" + socket.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  /**
   * What arrived: one entry per connection, its first bytes (or "" if none came in time). Waits
   * a moment first, for a connection still in the backlog to be accepted and read.
   */
  List<String> arrivals() {
    try {
      Thread.sleep(700);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    return List.copyOf(arrivals);
  }

  private void accept() {
    while (!socket.isClosed()) {
      try (Socket connection = socket.accept();
          InputStream in = connection.getInputStream()) {
        connection.setSoTimeout(500);
        byte[] first = new byte[64];
        int read;
        try {
          read = in.read(first);
        } catch (SocketTimeoutException quiet) {
          read = 0;
        }
        arrivals.add(read <= 0 ? "" : new String(first, 0, read, StandardCharsets.ISO_8859_1));
      } catch (SocketException closed) {
        return;
      } catch (IOException ignored) {
        arrivals.add("<error>");
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
    try {
      acceptor.join(2000);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
