package org.rexec.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import org.rexec.fs.StackTraces;

/**
 * The cell's {@code Socket}: connects only where the cell's grants allow, checked before the
 * JDK looks a name up or connects; binds locally only to a port the system picks or a granted
 * one; counts the bytes through its streams. Direct connections only: a proxy would carry the
 * cell's traffic to hosts the grants do not name. That includes the proxies the JVM would pick
 * by itself: a plain {@code new Socket()} consults the JVM-wide {@code ProxySelector} (and
 * {@code socksProxyHost}) at connect time, so every constructor here asks for
 * {@link Proxy#NO_PROXY}, the one proxy under which the JDK opens a socket without a selector.
 *
 * <p>The connecting constructors build an unconnected socket and then connect it, as the JDK's
 * do internally, but only once this socket knows its cell: every {@code connect} and
 * {@code bind}, a cell subclass's override included, is checked.
 */
@Substitutes(Socket.class)
public class CellSocket extends Socket {

  private final CellContext cell;
  private InputStream in;
  private OutputStream out;

  public CellSocket(CellContext cell) {
    super(Proxy.NO_PROXY);
    this.cell = cell;
  }

  public CellSocket(Proxy proxy, CellContext cell) throws SocketException {
    super(direct(proxy, cell));
    this.cell = cell;
  }

  public CellSocket(String host, int port, CellContext cell)
      throws UnknownHostException, IOException {
    this(cell);
    open(null, target(host, port));
  }

  public CellSocket(InetAddress address, int port, CellContext cell) throws IOException {
    this(cell);
    open(null, new InetSocketAddress(Receivers.require(address), port));
  }

  public CellSocket(
      String host, int port, InetAddress localAddress, int localPort, CellContext cell)
      throws IOException {
    this(cell);
    open(new InetSocketAddress(localAddress, localPort), target(host, port));
  }

  public CellSocket(
      InetAddress address, int port, InetAddress localAddress, int localPort, CellContext cell)
      throws IOException {
    this(cell);
    open(
        new InetSocketAddress(localAddress, localPort),
        new InetSocketAddress(Receivers.require(address), port));
  }

  /** What {@code Socket(host, port)} connects to; a name is checked before it is looked up. */
  private InetSocketAddress target(String host, int port) throws IOException {
    return cell.network().target(cell, host, port);
  }

  /** Binds (if asked) and connects, closing the socket if either fails, as the JDK does. */
  private void open(SocketAddress local, SocketAddress remote) throws IOException {
    try {
      if (local != null) {
        bind(local);
      }
      connect(remote);
    } catch (IOException | RuntimeException failure) {
      try {
        close();
      } catch (IOException suppressed) {
        failure.addSuppressed(suppressed);
      }
      throw failure;
    }
  }

  /** The direct proxy for a direct one, else the refusal: {@code Proxy.NO_PROXY} is the JDK's only. */
  private static Proxy direct(Proxy proxy, CellContext cell) throws SocketException {
    NetShim.checkDirect(cell, proxy);
    return Proxy.NO_PROXY;
  }

  @Override
  public void connect(SocketAddress endpoint) throws IOException {
    connect(endpoint, 0);
  }

  @Override
  public void connect(SocketAddress endpoint, int timeout) throws IOException {
    cell.network().checkConnect(cell, endpoint);
    super.connect(endpoint, timeout);
  }

  @Override
  public void bind(SocketAddress local) throws IOException {
    cell.network().checkBind(cell, local, false);
    super.bind(local);
  }

  @Override
  public synchronized InputStream getInputStream() throws IOException {
    if (in == null) {
      in = CountingStreams.counting(super.getInputStream(), cell);
    }
    return in;
  }

  @Override
  public synchronized OutputStream getOutputStream() throws IOException {
    if (out == null) {
      out = CountingStreams.counting(super.getOutputStream(), cell);
    }
    return out;
  }
}
