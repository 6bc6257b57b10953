package org.rexec.policy;

import org.rexec.net.IpLiteral;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The network a cell may use: the hosts (and ports) it may connect to and look up, and the
 * local ports it may listen on. Immutable; nothing is granted by default.
 *
 * <p>A host is a name ({@code example.com}, matched without case and without a trailing dot),
 * an IP literal ({@code 10.0.0.5}, {@code ::1}, {@code [::1]}, kept in the JDK's canonical form)
 * or {@code *} for any host. Names and addresses are apart: a grant of a name covers that name
 * (looking it up, connecting by it), a grant of an address covers that address, whatever text
 * wrote it. A text is an address only if {@link IpLiteral} reads it as one, exactly as the JDK
 * does without a lookup; {@code 1.2.3.4.5} and {@code 1:2} are names.
 */
public final class NetworkGrants {

  /** No network at all. */
  public static final NetworkGrants NONE = new NetworkGrants(List.of(), Set.of());

  /**
   * One grant to connect.
   *
   * @param host a normalized host name, an IP literal or {@code *}
   * @param port a port, or {@code -1} for any
   */
  public record Connect(String host, int port) {
    /**
     * A grant of {@code host} on {@code port}, kept as given: {@link NetworkGrants#withConnect}
     * normalizes the host, this constructor does not.
     *
     * @param host a normalized host name, an IP literal or {@code *}; not null
     * @param port a port, or {@code -1} for any
     * @throws NullPointerException if {@code host} is null
     */
    public Connect {
      Objects.requireNonNull(host, "host");
    }

    /**
     * Whether the grant names an address rather than a name (or {@code *}).
     *
     * @return {@code true} for an IP literal, {@code false} for a name or {@code *}
     */
    public boolean isAddress() {
      return IpLiteral.isLiteral(host);
    }

    private boolean coversPort(int targetPort) {
      return port == -1 || port == targetPort;
    }

    private boolean coversName(String name) {
      return host.equals("*") || (!isAddress() && host.equals(name));
    }

    private boolean coversAddress(String canonical) {
      return host.equals("*") || (isAddress() && host.equals(canonical));
    }

    @Override
    public String toString() {
      return (host.contains(":") ? "[" + host + "]" : host) + (port == -1 ? "" : ":" + port);
    }
  }

  private final List<Connect> connect;
  private final Set<Integer> listen;

  private NetworkGrants(List<Connect> connect, Set<Integer> listen) {
    this.connect = List.copyOf(connect);
    this.listen = Collections.unmodifiableSet(new TreeSet<>(listen));
  }

  /**
   * These grants and a grant to connect to {@code host} on {@code port} (-1: any port).
   *
   * @param host a name, an IP literal or {@code *}; not null or empty
   * @param port the port, 0 to 65535, or -1 for any
   * @return new grants; these do not change
   * @throws IllegalArgumentException if {@code host} is empty or {@code port} is out of range
   */
  public NetworkGrants withConnect(String host, int port) {
    if (port < -1 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535 (or -1 for any), was " + port);
    }
    List<Connect> more = new ArrayList<>(connect);
    more.add(new Connect(normalize(host), port));
    return new NetworkGrants(more, listen);
  }

  /**
   * These grants and a grant to listen on local {@code port} (0: any ephemeral port).
   *
   * @param port the local port, 0 to 65535
   * @return new grants; these do not change
   * @throws IllegalArgumentException if {@code port} is out of range
   */
  public NetworkGrants withListen(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    Set<Integer> more = new TreeSet<>(listen);
    more.add(port);
    return new NetworkGrants(connect, more);
  }

  /**
   * The grants to connect.
   *
   * @return the grants in the order they were made, hosts normalized; unmodifiable, empty if none
   */
  public List<Connect> connect() {
    return connect;
  }

  /**
   * The ports the cell may listen on.
   *
   * @return the ports, sorted; unmodifiable, empty if none
   */
  public Set<Integer> listen() {
    return listen;
  }

  /**
   * Whether the cell may look up the name {@code name} (connecting on some port is granted). An
   * IP literal is not a name: it is never looked up.
   *
   * @param name a host name, as the cell gave it
   * @return {@code true} if a grant of that name or of {@code *} covers it
   */
  public boolean allowsName(String name) {
    return allowsName(name, -1);
  }

  /**
   * Whether the cell may connect to the name {@code name} on {@code port} ({@code -1}: on some
   * port), the JDK looking it up. An IP literal is not a name and is never covered here.
   *
   * @param name a host name, as the cell gave it
   * @param port the port, or {@code -1} for any
   * @return {@code true} if a grant of that name or of {@code *} covers it on that port
   */
  public boolean allowsName(String name, int port) {
    if (IpLiteral.isLiteral(name)) {
      return false;
    }
    String target = normalizeName(name);
    for (Connect grant : connect) {
      if (grant.coversName(target) && (port == -1 || grant.coversPort(port))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether an address grant (or {@code *}) covers {@code address} on {@code port}.
   *
   * @param address the address the cell would connect to
   * @param port the port
   * @return {@code true} if a grant of that address or of {@code *} covers it on that port
   */
  public boolean allowsAddress(InetAddress address, int port) {
    String canonical = IpLiteral.canonical(address);
    for (Connect grant : connect) {
      if (grant.coversAddress(canonical) && grant.coversPort(port)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the cell may listen on {@code port}; port 0 needs a grant of 0.
   *
   * @param port the local port, 0 for an ephemeral one
   * @return {@code true} if that port is granted
   */
  public boolean allowsListen(int port) {
    return listen.contains(port);
  }

  /**
   * The granted names that cover {@code port}: names whose addresses the cell may reach.
   *
   * @param port the port
   * @return the names in grant order, possibly repeated; empty if none ({@code *} is not a name)
   */
  public List<String> namesFor(int port) {
    List<String> names = new ArrayList<>();
    for (Connect grant : connect) {
      if (!grant.host().equals("*") && !grant.isAddress() && grant.coversPort(port)) {
        names.add(grant.host());
      }
    }
    return names;
  }

  /**
   * These grants, less what {@code other} does not also grant.
   *
   * @param other the grants to meet; not null
   * @return the grants of this one that {@code other} covers, and the ports both grant
   */
  public NetworkGrants intersect(NetworkGrants other) {
    List<Connect> both = new ArrayList<>();
    for (Connect grant : connect) {
      for (Connect held : other.connect) {
        boolean hostCovered = held.host().equals("*") || held.host().equals(grant.host());
        boolean portCovered = held.port() == -1 || held.port() == grant.port();
        if (hostCovered && portCovered) {
          both.add(grant);
          break;
        }
      }
    }
    Set<Integer> ports = new TreeSet<>(listen);
    ports.retainAll(other.listen);
    return new NetworkGrants(both, ports);
  }

  /**
   * A grant's host as it is kept: {@code *}; an IP literal (brackets allowed) in the JDK's
   * canonical form; else a name, lower case and without a trailing dot.
   */
  static String normalize(String host) {
    String text = Objects.requireNonNull(host, "host").strip();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("a host must not be empty");
    }
    if (text.equals("*")) {
      return text;
    }
    return IpLiteral.parse(text).map(IpLiteral::canonical).orElseGet(() -> normalizeName(text));
  }

  /**
   * A name as it is compared: ASCII letters in lower case, without one trailing dot; nothing
   * else changes, so no other text (a Kelvin sign for a {@code k}, a space) compares equal to a
   * granted name and reaches the resolver in its place.
   */
  private static String normalizeName(String name) {
    StringBuilder normalized = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      normalized.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
    }
    if (normalized.length() > 1 && normalized.charAt(normalized.length() - 1) == '.') {
      normalized.setLength(normalized.length() - 1);
    }
    if (normalized.length() == 0) {
      throw new IllegalArgumentException("a host must not be empty");
    }
    return normalized.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NetworkGrants
        && ((NetworkGrants) other).connect.equals(connect)
        && ((NetworkGrants) other).listen.equals(listen);
  }

  @Override
  public int hashCode() {
    return Objects.hash(connect, listen);
  }

  @Override
  public String toString() {
    return "connect=" + connect + " listen=" + listen;
  }
}
