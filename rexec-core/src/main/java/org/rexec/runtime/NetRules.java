package org.rexec.runtime;

import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.rexec.fs.StackTraces;
import org.rexec.net.IpLiteral;
import org.rexec.policy.NetworkGrants;
import org.rexec.policy.Rule;

/**
 * One cell's network rules, applied where its code looks up a name, connects, sends or listens.
 * A refused name is never looked up; a refused connection is never attempted. Refusals are the
 * JDK's exceptions for what the OS refuses, naming the rule, and are recorded.
 *
 * <p>Two kinds of target are judged apart. A <em>text</em> (a host the JDK will look up or
 * parse itself) is an address only if {@link IpLiteral} reads it as one, else a name that must
 * be granted as a name. An <em>address object</em> ({@code InetAddress}) is judged by its IP
 * alone, never by the host name it carries: {@code InetAddress.getByAddress("granted", ip)}
 * makes any pair without a lookup, so the IP must be granted, or be one that a granted name
 * resolves to.
 */
final class NetRules {


  private final NetworkGrants grants;
  // Addresses of granted names, from lookups made by or for the cell: it may reach them by IP.
  private final Map<String, Set<InetAddress>> resolved = new ConcurrentHashMap<>();

  NetRules(NetworkGrants grants) {
    this.grants = grants;
  }

  /**
   * Lets {@code host} be looked up, or throws what a failed lookup throws. Literals and the
   * empty name (the loopback address) look nothing up and pass.
   */
  void checkLookup(CellContext cell, String host) throws UnknownHostException {
    if (host == null || host.isEmpty() || IpLiteral.isLiteral(host) || grants.allowsName(host)) {
      return;
    }
    Refusals.record(cell, "lookup", host, Rule.ALLOW_NET);
    throw StackTraces.forCell(
        new UnknownHostException(
            host + ": Name or service not known (rule: " + Rule.ALLOW_NET + ")"));
  }

  /** Notes what a granted name resolved to for the cell, so that it may connect to those IPs. */
  void resolvedFor(String name, InetAddress[] addresses) {
    if (name != null && !name.isEmpty() && grants.allowsName(name)) {
      resolved.merge(name, Set.copyOf(Arrays.asList(addresses)), NetRules::union);
    }
  }

  /** Lets the cell connect (or send) to {@code target}, or throws the JDK's refusal. */
  /** A send of a datagram, by the socket that makes it. */
  interface DatagramSend {
    void send() throws java.io.IOException;
  }

  /**
   * Checks a datagram's destination and sends it, both under the packet's monitor: the JDK
   * reads the packet's address again as it sends, under that monitor (its setters hold it too),
   * so the address sent to is the one checked. With no address the JDK sends to the connected
   * one, checked at connect.
   */
  void sendChecked(CellContext cell, java.net.DatagramPacket packet, DatagramSend send)
      throws java.io.IOException {
    synchronized (packet) {
      if (packet.getAddress() != null) {
        checkConnect(cell, packet.getSocketAddress());
      }
      send.send();
    }
  }

  void checkConnect(CellContext cell, SocketAddress target) throws SocketException {
    if (target == null) {
      return; // The JDK throws its own exception for a missing address.
    }
    if (!(target instanceof InetSocketAddress)) {
      // A Unix-domain path or a cell's own kind of address: only internet addresses are granted.
      throw refuseConnect(cell, "a " + target.getClass().getSimpleName());
    }
    InetSocketAddress address = (InetSocketAddress) target;
    int port = address.getPort();
    if (address.isUnresolved()) {
      // Nothing is looked up here; whoever connects will resolve the text.
      if (!reachesText(address.getHostString(), port)) {
        throw refuseConnect(cell, shownText(address.getHostString(), port));
      }
      return;
    }
    InetAddress ip = address.getAddress();
    if (!reaches(ip, port)) {
      throw refuseConnect(cell, shown(IpLiteral.canonical(ip), port));
    }
  }

  /**
   * Lets the cell connect to the host text {@code host} on {@code port}, the JDK resolving it:
   * a literal is judged by its address, a name must be granted as a name for the port, and a
   * name not granted at all is refused as its lookup would be.
   */
  void checkConnect(CellContext cell, String host, int port) throws java.io.IOException {
    if (!IpLiteral.isLiteral(host)) {
      checkLookup(cell, host);
    }
    if (!reachesText(host, port)) {
      throw refuseConnect(cell, shownText(host, port));
    }
  }

  /** Whether a host text (empty: the loopback address) is granted on {@code port}. */
  private boolean reachesText(String host, int port) {
    if (host == null || host.isEmpty()) {
      return reaches(InetAddress.getLoopbackAddress(), port);
    }
    Optional<IpLiteral> literal = IpLiteral.parse(host);
    return literal.isPresent()
        ? reaches(literal.get().toInetAddress(), port)
        : grants.allowsName(host, port);
  }

  /** As {@link #checkConnect(CellContext, SocketAddress)} for an address. */
  void checkConnect(CellContext cell, InetAddress address, int port) throws SocketException {
    checkConnect(cell, new InetSocketAddress(Receivers.require(address), port));
  }

  /**
   * What a program's {@code (host, port)} connects to, checked: a literal becomes its address
   * without the JDK parsing the text, a name is looked up only if granted.
   */
  InetSocketAddress target(CellContext cell, String host, int port) throws java.io.IOException {
    checkLookup(cell, host);
    if (host == null || host.isEmpty()) {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }
    Optional<IpLiteral> literal = IpLiteral.parse(host);
    // A granted name is looked up by the JDK as it always does (unresolved if it fails).
    return literal.isPresent()
        ? new InetSocketAddress(literal.get().toInetAddress(), port)
        : new InetSocketAddress(host, port);
  }

  /**
   * Lets the cell bind a local port. Port 0 on a socket that only connects or sends is the
   * system's choice and always allowed; listening needs a grant of the port (0 included). Only
   * internet addresses bind: a Unix-domain socket is a file of the host's.
   */
  void checkBind(CellContext cell, SocketAddress local, boolean listens) throws BindException {
    if (local != null && !(local instanceof InetSocketAddress)) {
      Refusals.record(cell, "listen", "a " + local.getClass().getSimpleName(), Rule.ALLOW_LISTEN);
      throw StackTraces.forCell(new BindException(
          "Permission denied (rule: " + Rule.ALLOW_LISTEN + "): only internet addresses bind"));
    }
    int port = local == null ? 0 : ((InetSocketAddress) local).getPort();
    checkBind(cell, port, listens);
  }

  void checkBind(CellContext cell, int port, boolean listens) throws BindException {
    if ((port == 0 && !listens) || grants.allowsListen(port)) {
      return;
    }
    Refusals.record(cell, "listen", "port " + port, Rule.ALLOW_LISTEN);
    throw StackTraces.forCell(new BindException(
        "Permission denied (rule: " + Rule.ALLOW_LISTEN + "): port " + port));
  }

  /** Records and returns the JDK's refusal of a connection to {@code shown}. */
  SocketException refuseConnect(CellContext cell, String shown) {
    Refusals.record(cell, "connect", shown, Rule.ALLOW_NET);
    return StackTraces.forCell(
        new SocketException("Permission denied (rule: " + Rule.ALLOW_NET + "): " + shown));
  }

  /** Whether {@code ip} is granted on {@code port}, by address or as an address of a name. */
  private boolean reaches(InetAddress ip, int port) {
    if (grants.allowsAddress(ip, port)) {
      return true;
    }
    if (ip.isLoopbackAddress() && grants.allowsName("localhost", port)) {
      return true;
    }
    for (String name : grants.namesFor(port)) {
      if (addressesOf(name, false).contains(ip) || addressesOf(name, true).contains(ip)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The addresses a granted name resolves to, as known, or looked up again ({@code refresh}):
   * the JDK caches answers, so this sees what the cell's own lookup saw, and a name whose
   * answer changed is asked once more before an address is refused.
   */
  private Set<InetAddress> addressesOf(String name, boolean refresh) {
    Set<InetAddress> known = resolved.get(name);
    if (known != null && !refresh) {
      return known;
    }
    try {
      return resolved.merge(
          name, Set.copyOf(Arrays.asList(InetAddress.getAllByName(name))), NetRules::union);
    } catch (UnknownHostException unknown) {
      return known == null ? Set.of() : known;
    }
  }

  private static Set<InetAddress> union(Set<InetAddress> first, Set<InetAddress> second) {
    if (first.containsAll(second)) {
      return first;
    }
    Set<InetAddress> both = new HashSet<>(first);
    both.addAll(second);
    return Set.copyOf(both);
  }

  /** A host text as a refusal shows it: a literal in canonical form, nothing as localhost. */
  private static String shownText(String host, int port) {
    if (host == null || host.isEmpty()) {
      return shown("localhost", port);
    }
    return shown(IpLiteral.parse(host).map(IpLiteral::canonical).orElse(host), port);
  }

  private static String shown(String host, int port) {
    return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
  }
}
