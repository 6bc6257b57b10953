package org.rexec.runtime;

import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.rexec.fs.StackTraces;
import org.rexec.policy.NetworkGrants;

/**
 * One cell's network rules, applied where its code looks up a name, connects, sends or listens.
 * A refused name is never looked up; a refused connection is never attempted. Refusals are the
 * JDK's exceptions for what the OS refuses, naming the rule, and are recorded.
 */
final class NetRules {

  static final String CONNECT_RULE = "allow-net";
  static final String LISTEN_RULE = "allow-listen";

  private final NetworkGrants grants;
  // Addresses of granted names, looked up once: a cell may reach them by IP too.
  private final Map<String, Set<InetAddress>> resolved = new ConcurrentHashMap<>();

  NetRules(NetworkGrants grants) {
    this.grants = grants;
  }

  /** Whether the text is an IP literal: using one looks nothing up. */
  static boolean isLiteral(String host) {
    if (host.startsWith("[") || host.indexOf(':') >= 0) {
      return true;
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c != '.' && (c < '0' || c > '9')) {
        return false;
      }
    }
    return !host.isEmpty();
  }

  /**
   * Lets {@code host} be looked up, or throws what a failed lookup throws. Literals and the
   * empty name (the loopback address) look nothing up and pass.
   */
  void checkLookup(CellContext cell, String host) throws UnknownHostException {
    if (host == null || host.isEmpty() || isLiteral(host) || grants.allowsHost(host)) {
      return;
    }
    Refusals.record(cell, "lookup", host, CONNECT_RULE);
    throw StackTraces.forCell(
        new UnknownHostException(host + ": Name or service not known (rule: " + CONNECT_RULE + ")"));
  }

  /** Lets the cell connect (or send) to {@code target}, or throws the JDK's refusal. */
  void checkConnect(CellContext cell, SocketAddress target) throws SocketException {
    if (!(target instanceof InetSocketAddress)) {
      return; // Not an internet address: the JDK refuses it with its own exception.
    }
    InetSocketAddress address = (InetSocketAddress) target;
    int port = address.getPort();
    String host = address.getHostString();
    if (grants.allowsConnect(host, port)) {
      return;
    }
    InetAddress ip = address.getAddress();
    if (ip != null && (grants.allowsConnect(ip.getHostAddress(), port) || isGrantedName(ip, port))) {
      return;
    }
    String shown = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    Refusals.record(cell, "connect", shown, CONNECT_RULE);
    throw StackTraces.forCell(
        new SocketException("Permission denied (rule: " + CONNECT_RULE + "): " + shown));
  }

  /** As {@link #checkConnect(CellContext, SocketAddress)} for a host name or literal. */
  void checkConnect(CellContext cell, String host, int port) throws java.io.IOException {
    checkLookup(cell, host);
    String name = host == null || host.isEmpty() ? "localhost" : host;
    // A literal resolves without a lookup; a name is judged as written.
    checkConnect(
        cell,
        isLiteral(name)
            ? new InetSocketAddress(name, port)
            : InetSocketAddress.createUnresolved(name, port));
  }

  /** As {@link #checkConnect(CellContext, SocketAddress)} for an address. */
  void checkConnect(CellContext cell, InetAddress address, int port) throws SocketException {
    checkConnect(cell, new InetSocketAddress(Receivers.require(address), port));
  }

  /**
   * Lets the cell bind a local port. Port 0 on a socket that only connects or sends is the
   * system's choice and always allowed; listening needs a grant of the port (0 included).
   */
  void checkBind(CellContext cell, SocketAddress local, boolean listens) throws BindException {
    int port = local instanceof InetSocketAddress ? ((InetSocketAddress) local).getPort() : 0;
    checkBind(cell, port, listens);
  }

  void checkBind(CellContext cell, int port, boolean listens) throws BindException {
    if ((port == 0 && !listens) || grants.allowsListen(port)) {
      return;
    }
    Refusals.record(cell, "listen", "port " + port, LISTEN_RULE);
    throw StackTraces.forCell(new BindException(
        "Permission denied (rule: " + LISTEN_RULE + "): port " + port));
  }

  /** Whether a granted name for {@code port} has {@code ip} among its addresses. */
  private boolean isGrantedName(InetAddress ip, int port) {
    if (ip.isLoopbackAddress() && grants.allowsConnect("localhost", port)) {
      return true;
    }
    for (String name : grants.namesFor(port)) {
      if (isLiteral(name)) {
        continue;
      }
      Set<InetAddress> addresses =
          resolved.computeIfAbsent(
              name,
              granted -> {
                try {
                  return Set.of(InetAddress.getAllByName(granted));
                } catch (UnknownHostException unknown) {
                  return Set.of();
                }
              });
      if (addresses.contains(ip)) {
        return true;
      }
    }
    return false;
  }
}
