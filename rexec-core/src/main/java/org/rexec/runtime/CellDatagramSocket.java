package org.rexec.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import org.rexec.fs.VisibleClasses;

/**
 * The cell's {@code DatagramSocket}: sends only to granted hosts and ports, connects only to
 * them, and binds to a granted port (or one the system picks, to send from). Its constructors
 * bind after the socket knows its cell, so every {@code bind} is checked.
 */
@Substitutes(DatagramSocket.class)
public class CellDatagramSocket extends DatagramSocket {

  private final CellContext cell;

  public CellDatagramSocket(CellContext cell) throws SocketException {
    this(new InetSocketAddress(0), cell);
  }

  public CellDatagramSocket(int port, CellContext cell) throws SocketException {
    this(new InetSocketAddress(port), cell);
  }

  public CellDatagramSocket(int port, InetAddress local, CellContext cell)
      throws SocketException {
    this(new InetSocketAddress(local, port), cell);
  }

  public CellDatagramSocket(SocketAddress local, CellContext cell) throws SocketException {
    super((SocketAddress) null);
    this.cell = cell;
    if (local != null) {
      try {
        bind(local);
      } catch (SocketException | RuntimeException failure) {
        close();
        throw failure;
      }
    }
  }

  @Override
  public synchronized void bind(SocketAddress local) throws SocketException {
    if (local != null) {
      cell.network().checkBind(cell, local, false);
    }
    super.bind(local);
  }

  @Override
  public void connect(InetAddress address, int port) {
    try {
      cell.network().checkConnect(cell, address, port);
    } catch (SocketException refused) {
      // connect(InetAddress, int) declares nothing; the JDK reports failures so.
      throw new UncheckedIOException(refused);
    }
    super.connect(address, port);
  }

  @Override
  public void connect(SocketAddress address) throws SocketException {
    cell.network().checkConnect(cell, address);
    super.connect(address);
  }

  @Override
  public void send(DatagramPacket packet) throws IOException {
    cell.network().sendChecked(cell, packet, () -> super.send(packet));
  }

  /** As the JDK's, naming the JDK class this stands for (see {@link VisibleClasses}). */
  @Override
  public String toString() {
    return VisibleClasses.shown(this, super.toString());
  }
}
