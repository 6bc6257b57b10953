package org.rexec.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;

/**
 * The cell's {@code ServerSocket}: listens only on a granted port; the sockets it accepts are
 * the cell's own, and count their bytes. Its constructors bind after the socket knows its cell,
 * so every {@code bind} is checked.
 */
@Substitutes(ServerSocket.class)
public class CellServerSocket extends ServerSocket {

  private final CellContext cell;

  public CellServerSocket(CellContext cell) throws IOException {
    this.cell = cell;
  }

  public CellServerSocket(int port, CellContext cell) throws IOException {
    this(port, 50, null, cell);
  }

  public CellServerSocket(int port, int backlog, CellContext cell) throws IOException {
    this(port, backlog, null, cell);
  }

  public CellServerSocket(int port, int backlog, InetAddress bindAddress, CellContext cell)
      throws IOException {
    this(cell);
    if (port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException("Port value out of range: " + port);
    }
    try {
      bind(new InetSocketAddress(bindAddress, port), backlog);
    } catch (IOException | RuntimeException failure) {
      close();
      throw failure;
    }
  }

  @Override
  public void bind(SocketAddress endpoint) throws IOException {
    bind(endpoint, 50);
  }

  @Override
  public void bind(SocketAddress endpoint, int backlog) throws IOException {
    cell.network().checkBind(cell, endpoint, true);
    super.bind(endpoint, backlog);
  }

  @Override
  public Socket accept() throws IOException {
    Socket accepted = new CellSocket(cell);
    implAccept(accepted);
    return accepted;
  }
}
