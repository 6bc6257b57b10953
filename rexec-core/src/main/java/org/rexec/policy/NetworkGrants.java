package org.rexec.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The network a cell may use: the hosts (and ports) it may connect to and look up, and the
 * local ports it may listen on. Immutable; nothing is granted by default.
 *
 * <p>A host is a name ({@code example.com}, matched without case), an IP literal
 * ({@code 10.0.0.5}, {@code ::1}) or {@code *} for any host. Connecting to an address by its IP
 * is allowed if the IP is granted or a granted name resolves to it.
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
    public Connect {
      Objects.requireNonNull(host, "host");
    }

    boolean covers(String target, int targetPort) {
      return (host.equals("*") || host.equals(target)) && (port == -1 || port == targetPort);
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

  /** These grants and a grant to connect to {@code host} on {@code port} (-1: any port). */
  public NetworkGrants withConnect(String host, int port) {
    if (port < -1 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535 (or -1 for any), was " + port);
    }
    List<Connect> more = new ArrayList<>(connect);
    more.add(new Connect(normalize(host), port));
    return new NetworkGrants(more, listen);
  }

  /** These grants and a grant to listen on local {@code port} (0: any ephemeral port). */
  public NetworkGrants withListen(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    Set<Integer> more = new TreeSet<>(listen);
    more.add(port);
    return new NetworkGrants(connect, more);
  }

  /** The grants to connect. */
  public List<Connect> connect() {
    return connect;
  }

  /** The ports the cell may listen on. */
  public Set<Integer> listen() {
    return listen;
  }

  /** Whether the cell may look up, or connect on some port to, {@code host}. */
  public boolean allowsHost(String host) {
    String target = normalize(host);
    for (Connect grant : connect) {
      if (grant.host().equals("*") || grant.host().equals(target)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a grant names {@code host} (a name or an IP literal) with {@code port}. */
  public boolean allowsConnect(String host, int port) {
    String target = normalize(host);
    for (Connect grant : connect) {
      if (grant.covers(target, port)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the cell may listen on {@code port}; port 0 needs a grant of 0. */
  public boolean allowsListen(int port) {
    return listen.contains(port);
  }

  /** The granted names that cover {@code port}: names whose addresses the cell may reach. */
  public List<String> namesFor(int port) {
    List<String> names = new ArrayList<>();
    for (Connect grant : connect) {
      if (!grant.host().equals("*") && (grant.port() == -1 || grant.port() == port)) {
        names.add(grant.host());
      }
    }
    return names;
  }

  /** These grants, less what {@code other} does not also grant. */
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

  /** Lower case, without brackets around IPv6 literals or a trailing dot. */
  static String normalize(String host) {
    String normalized = Objects.requireNonNull(host, "host").strip().toLowerCase(Locale.ROOT);
    if (normalized.startsWith("[") && normalized.endsWith("]")) {
      normalized = normalized.substring(1, normalized.length() - 1);
    }
    if (normalized.endsWith(".") && normalized.length() > 1) {
      normalized = normalized.substring(0, normalized.length() - 1);
    }
    if (normalized.isEmpty()) {
      throw new IllegalArgumentException("a host must not be empty");
    }
    return normalized;
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
