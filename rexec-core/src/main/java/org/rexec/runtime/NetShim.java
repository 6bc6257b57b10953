package org.rexec.runtime;

import static org.rexec.runtime.Interposes.Kind.STATIC_METHOD;
import static org.rexec.runtime.Interposes.Kind.VIRTUAL_METHOD;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.rexec.fs.StackTraces;
import org.rexec.policy.Rule;

/**
 * The network calls of cell code, checked against the cell's grants before the JDK looks a
 * name up or opens a connection: name lookups, connections and binds of sockets the JDK made
 * (a channel's socket adaptor), channels, and HTTP. Sockets the cell creates are its own
 * ({@link CellSocket}, ...), which check themselves.
 */
public final class NetShim {

  private NetShim() {}

  private static NetRules rules(CellContext cell) {
    return cell.network();
  }

  // ---- names ----

  @Interposes(owner = InetAddress.class, kind = STATIC_METHOD)
  public static InetAddress getByName(String host, CellContext cell) throws UnknownHostException {
    return getAllByName(host, cell)[0];
  }

  /** Looks up a granted name, noting its addresses as the cell's to reach; literals pass. */
  @Interposes(owner = InetAddress.class, kind = STATIC_METHOD)
  public static InetAddress[] getAllByName(String host, CellContext cell)
      throws UnknownHostException {
    rules(cell).checkLookup(cell, host);
    InetAddress[] addresses = InetAddress.getAllByName(host);
    rules(cell).resolvedFor(host, addresses);
    return addresses;
  }

  /** The cell's own host is "localhost": the JVM's host name is none of its business. */
  @Interposes(owner = InetAddress.class, kind = STATIC_METHOD)
  public static InetAddress getLocalHost(CellContext cell) throws UnknownHostException {
    return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
  }

  /** The name the address was made with, else its IP: never a reverse lookup. */
  @Interposes(owner = InetAddress.class, kind = VIRTUAL_METHOD)
  public static String getHostName(InetAddress address, CellContext cell) {
    String shown = Receivers.require(address).toString();
    int slash = shown.indexOf('/');
    return slash > 0 ? shown.substring(0, slash) : address.getHostAddress();
  }

  @Interposes(owner = InetAddress.class, kind = VIRTUAL_METHOD)
  public static String getCanonicalHostName(InetAddress address, CellContext cell) {
    return getHostName(address, cell);
  }

  /** Probing a host is reaching it: a host the cell may not reach is unreachable. */
  @Interposes(owner = InetAddress.class, kind = VIRTUAL_METHOD)
  public static boolean isReachable(InetAddress address, int timeout, CellContext cell)
      throws IOException {
    try {
      rules(cell).checkConnect(cell, address, 7);
    } catch (java.net.SocketException refused) {
      return false;
    }
    return address.isReachable(timeout);
  }

  /** The name the address was made with, else its IP: never a reverse lookup. */
  @Interposes(owner = InetSocketAddress.class, kind = VIRTUAL_METHOD)
  public static String getHostName(InetSocketAddress address, CellContext cell) {
    InetAddress ip = Receivers.require(address).getAddress();
    return ip == null ? address.getHostString() : getHostName(ip, cell);
  }

  /** {@code new InetSocketAddress(host, port)} looks the name up: only if the cell may. */
  @RedirectsConstructor(
      owner = InetSocketAddress.class,
      from = {String.class, int.class},
      to = {String.class, int.class})
  public static String lookedUpHost(String host, CellContext cell) throws UnknownHostException {
    rules(cell).checkLookup(cell, host);
    return host;
  }

  // ---- sockets the JDK made (a channel's adaptor, an accepted socket) ----

  @Interposes(owner = Socket.class, kind = VIRTUAL_METHOD)
  public static void connect(Socket socket, SocketAddress endpoint, CellContext cell)
      throws IOException {
    connect(socket, endpoint, 0, cell);
  }

  @Interposes(owner = Socket.class, kind = VIRTUAL_METHOD)
  public static void connect(Socket socket, SocketAddress endpoint, int timeout, CellContext cell)
      throws IOException {
    if (!(Receivers.require(socket) instanceof CellSocket)) {
      rules(cell).checkConnect(cell, endpoint);
    }
    socket.connect(endpoint, timeout);
  }

  @Interposes(owner = Socket.class, kind = VIRTUAL_METHOD)
  public static void bind(Socket socket, SocketAddress local, CellContext cell)
      throws IOException {
    if (!(Receivers.require(socket) instanceof CellSocket)) {
      rules(cell).checkBind(cell, local, false);
    }
    socket.bind(local);
  }

  @Interposes(owner = ServerSocket.class, kind = VIRTUAL_METHOD)
  public static void bind(ServerSocket socket, SocketAddress local, CellContext cell)
      throws IOException {
    bind(socket, local, 50, cell);
  }

  @Interposes(owner = ServerSocket.class, kind = VIRTUAL_METHOD)
  public static void bind(ServerSocket socket, SocketAddress local, int backlog, CellContext cell)
      throws IOException {
    if (!(Receivers.require(socket) instanceof CellServerSocket)) {
      rules(cell).checkBind(cell, local, true);
    }
    socket.bind(local, backlog);
  }

  @Interposes(owner = DatagramSocket.class, kind = VIRTUAL_METHOD)
  public static void send(DatagramSocket socket, DatagramPacket packet, CellContext cell)
      throws IOException {
    if (Receivers.require(socket) instanceof CellDatagramSocket) {
      socket.send(packet);
    } else {
      rules(cell).sendChecked(cell, packet, () -> socket.send(packet));
    }
  }

  @Interposes(owner = DatagramSocket.class, kind = VIRTUAL_METHOD)
  public static void connect(DatagramSocket socket, SocketAddress address, CellContext cell)
      throws IOException {
    if (!(Receivers.require(socket) instanceof CellDatagramSocket)) {
      rules(cell).checkConnect(cell, address);
    }
    socket.connect(address);
  }

  @Interposes(owner = DatagramSocket.class, kind = VIRTUAL_METHOD)
  public static void connect(
      DatagramSocket socket, InetAddress address, int port, CellContext cell) throws IOException {
    if (!(Receivers.require(socket) instanceof CellDatagramSocket)) {
      rules(cell).checkConnect(cell, address, port);
    }
    socket.connect(address, port);
  }

  @Interposes(owner = DatagramSocket.class, kind = VIRTUAL_METHOD)
  public static void bind(DatagramSocket socket, SocketAddress local, CellContext cell)
      throws IOException {
    if (!(Receivers.require(socket) instanceof CellDatagramSocket)) {
      rules(cell).checkBind(cell, local, false);
    }
    socket.bind(local);
  }

  // ---- channels ----

  /** Only internet channels: a Unix-domain socket is a file of the host's, and its services. */
  @Interposes(owner = SocketChannel.class, member = "open", kind = STATIC_METHOD)
  public static SocketChannel openSocketChannel(ProtocolFamily family, CellContext cell)
      throws IOException {
    checkFamily(cell, family);
    return SocketChannel.open(family);
  }

  @Interposes(owner = ServerSocketChannel.class, member = "open", kind = STATIC_METHOD)
  public static ServerSocketChannel openServerSocketChannel(
      ProtocolFamily family, CellContext cell) throws IOException {
    checkFamily(cell, family);
    return ServerSocketChannel.open(family);
  }

  @Interposes(owner = DatagramChannel.class, member = "open", kind = STATIC_METHOD)
  public static DatagramChannel openDatagramChannel(ProtocolFamily family, CellContext cell)
      throws IOException {
    checkFamily(cell, family);
    return DatagramChannel.open(family);
  }

  private static void checkFamily(CellContext cell, ProtocolFamily family)
      throws SocketException {
    if (family != StandardProtocolFamily.INET && family != StandardProtocolFamily.INET6) {
      throw rules(cell).refuseConnect(cell, "a " + family + " socket");
    }
  }

  @Interposes(owner = SocketChannel.class, member = "open", kind = STATIC_METHOD)
  public static SocketChannel openSocketChannel(SocketAddress remote, CellContext cell)
      throws IOException {
    rules(cell).checkConnect(cell, remote);
    return SocketChannel.open(remote);
  }

  @Interposes(owner = SocketChannel.class, kind = VIRTUAL_METHOD)
  public static boolean connect(SocketChannel channel, SocketAddress remote, CellContext cell)
      throws IOException {
    rules(cell).checkConnect(cell, remote);
    return Receivers.require(channel).connect(remote);
  }

  @Interposes(owner = SocketChannel.class, kind = VIRTUAL_METHOD)
  public static SocketChannel bind(SocketChannel channel, SocketAddress local, CellContext cell)
      throws IOException {
    rules(cell).checkBind(cell, local, false);
    return Receivers.require(channel).bind(local);
  }

  @Interposes(owner = ServerSocketChannel.class, kind = VIRTUAL_METHOD)
  public static ServerSocketChannel bind(
      ServerSocketChannel channel, SocketAddress local, CellContext cell) throws IOException {
    return bind(channel, local, 0, cell);
  }

  @Interposes(owner = ServerSocketChannel.class, kind = VIRTUAL_METHOD)
  public static ServerSocketChannel bind(
      ServerSocketChannel channel, SocketAddress local, int backlog, CellContext cell)
      throws IOException {
    rules(cell).checkBind(cell, local, true);
    return Receivers.require(channel).bind(local, backlog);
  }

  /** Binding through the interface type: a server channel listens, the others only bind. */
  @Interposes(owner = java.nio.channels.NetworkChannel.class, kind = VIRTUAL_METHOD)
  public static java.nio.channels.NetworkChannel bind(
      java.nio.channels.NetworkChannel channel, SocketAddress local, CellContext cell)
      throws IOException {
    boolean listens = Receivers.require(channel) instanceof ServerSocketChannel;
    rules(cell).checkBind(cell, local, listens);
    return channel.bind(local);
  }

  @Interposes(owner = DatagramChannel.class, kind = VIRTUAL_METHOD)
  public static DatagramChannel connect(
      DatagramChannel channel, SocketAddress remote, CellContext cell) throws IOException {
    rules(cell).checkConnect(cell, remote);
    return Receivers.require(channel).connect(remote);
  }

  @Interposes(owner = DatagramChannel.class, kind = VIRTUAL_METHOD)
  public static int send(
      DatagramChannel channel, ByteBuffer source, SocketAddress target, CellContext cell)
      throws IOException {
    rules(cell).checkConnect(cell, target);
    return Receivers.require(channel).send(source, target);
  }

  @Interposes(owner = DatagramChannel.class, kind = VIRTUAL_METHOD)
  public static DatagramChannel bind(
      DatagramChannel channel, SocketAddress local, CellContext cell) throws IOException {
    rules(cell).checkBind(cell, local, false);
    return Receivers.require(channel).bind(local);
  }

  /** Refuses a proxy other than the direct one: it would reach hosts the grants do not name. */
  static void checkDirect(CellContext cell, java.net.Proxy proxy) throws SocketException {
    if (Receivers.require(proxy).type() != java.net.Proxy.Type.DIRECT) {
      throw refuseProxy(cell, String.valueOf(proxy.address()));
    }
  }

  /** Records and returns the refusal of a proxy at {@code where}. */
  static SocketException refuseProxy(CellContext cell, String where) {
    Refusals.record(cell, "connect", "proxy " + where, Rule.ALLOW_NET);
    return StackTraces.forCell(new SocketException(
        "Permission denied (rule: " + Rule.ALLOW_NET + "): proxies are not allowed"));
  }
}
