package org.rexec.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import org.rexec.bug.RexecBugException;

/**
 * An IP address written as text, recognized by exactly the rules {@code
 * InetAddress.getAllByName} applies before it decides to look a name up (JDK 17 to 25, {@code
 * jdk.net.allowAmbiguousIPAddressLiterals} unset): IPv4 in one to four decimal ASCII parts
 * ({@code 127.1}, {@code 4294967295}), IPv6 with {@code ::}, an embedded dotted quad and a
 * numeric zone ({@code fe80::1%2}), optionally in brackets. Anything else is a <em>name</em>:
 * {@code 1.2.3.4.5}, {@code 1.2.3.4%1}, {@code 0x7f.1} and names with {@code :} are names to
 * the network rules, checked before any lookup, whatever the JDK later makes of them.
 *
 * <p>The parser errs only one way: it may call a name what a JDK with laxer settings reads as a
 * literal (Unicode digits, a zone naming an interface), never a literal what the JDK would look
 * up, so a text it accepts is never sent to a resolver. {@link #toInetAddress()} builds the
 * address from the parsed bytes, so nothing downstream parses the text again.
 */
public final class IpLiteral {

  private static final int IPV4_BYTES = 4;
  private static final int IPV6_BYTES = 16;
  private static final int NO_SCOPE = -1;

  private final byte[] address;
  private final int scope;

  private IpLiteral(byte[] address, int scope) {
    this.address = address;
    this.scope = scope;
  }

  /**
   * The literal {@code host} is, if the JDK reads it as one without a lookup.
   *
   * @param host a host as a program writes it; {@code null} and the empty text (the JDK's
   *     loopback) are not literals
   */
  public static Optional<IpLiteral> parse(String host) {
    if (host == null || host.isEmpty()) {
      return Optional.empty();
    }
    String text = host;
    boolean bracketed = text.charAt(0) == '[';
    if (bracketed) {
      if (text.length() <= 2 || text.charAt(text.length() - 1) != ']') {
        return Optional.empty();
      }
      text = text.substring(1, text.length() - 1);
    }
    char first = text.charAt(0);
    if (hexDigit(first) < 0 && first != ':') {
      return Optional.empty();
    }
    if (!bracketed) {
      byte[] v4 = parseV4(text);
      if (v4 != null) {
        return Optional.of(new IpLiteral(v4, NO_SCOPE));
      }
    }
    return parseV6WithZone(text);
  }

  /** Whether {@code host} is an IP literal in the sense of {@link #parse(String)}. */
  public static boolean isLiteral(String host) {
    return parse(host).isPresent();
  }

  /** The address bytes: 4 for IPv4 (also for an IPv4-mapped IPv6 text), else 16. */
  public byte[] bytes() {
    return address.clone();
  }

  /** The numeric IPv6 zone, or -1. */
  public int scope() {
    return scope;
  }

  /** The address as the JDK prints it ({@code InetAddress.getHostAddress()}). */
  public String canonical() {
    return toInetAddress().getHostAddress();
  }

  /** The address, built from the bytes: no text is parsed and nothing is looked up. */
  public InetAddress toInetAddress() {
    try {
      return scope == NO_SCOPE
          ? InetAddress.getByAddress(address)
          : Inet6Address.getByAddress(null, address, scope);
    } catch (UnknownHostException impossible) {
      // Thrown only for a wrong length or a scope on an IPv4 address, which parse never makes.
      throw new RexecBugException(
          "an IPv4 or IPv6 address of the right length was refused", impossible);
    }
  }

  /** The canonical text of {@code address}: what {@link #canonical()} gives for its literal. */
  public static String canonical(InetAddress address) {
    return address.getHostAddress();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IpLiteral
        && Arrays.equals(((IpLiteral) other).address, address)
        && ((IpLiteral) other).scope == scope;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(address) * 31 + scope;
  }

  @Override
  public String toString() {
    return canonical();
  }

  /**
   * IPv4 as {@code sun.net.util.IPAddressUtil.textToNumericFormatV4}: one to four parts of
   * decimal digits, at most 15 characters; the last part fills the remaining bytes.
   */
  private static byte[] parseV4(String text) {
    int length = text.length();
    if (length > 15) {
      return null;
    }
    byte[] result = new byte[IPV4_BYTES];
    long value = 0;
    int filled = 0;
    boolean partStarted = false;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c == '.') {
        if (!partStarted || value > 0xff || filled == 3) {
          return null;
        }
        result[filled++] = (byte) value;
        value = 0;
        partStarted = false;
      } else if (c >= '0' && c <= '9') {
        value = value * 10 + (c - '0');
        partStarted = true;
      } else {
        return null;
      }
    }
    if (!partStarted || value >= (1L << ((IPV4_BYTES - filled) * 8))) {
      return null;
    }
    for (int i = IPV4_BYTES - 1; i >= filled; i--) {
      result[i] = (byte) value;
      value >>>= 8;
    }
    return result;
  }

  /**
   * IPv6 as {@code Inet6Address.parseAddressString}: the address before {@code %}, then a
   * numeric zone. A zone naming an interface is left to be a name (the JDK would ask the
   * network interfaces, not the resolver, but nothing needs it in a cell).
   */
  private static Optional<IpLiteral> parseV6WithZone(String text) {
    int percent = text.indexOf('%');
    String addressPart = percent < 0 ? text : text.substring(0, percent);
    int scope = NO_SCOPE;
    if (percent >= 0) {
      scope = numericZone(text.substring(percent + 1));
      if (scope < 0) {
        return Optional.empty();
      }
    }
    byte[] bytes = parseV6(addressPart);
    if (bytes == null || (bytes.length == IPV4_BYTES && scope != NO_SCOPE)) {
      return Optional.empty();
    }
    return Optional.of(new IpLiteral(bytes, scope));
  }

  /** A zone of decimal ASCII digits that fits an int, or -1. */
  private static int numericZone(String zone) {
    if (zone.isEmpty()) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < zone.length(); i++) {
      char c = zone.charAt(i);
      if (c < '0' || c > '9' || value > Integer.MAX_VALUE / 10) {
        return -1;
      }
      value = value * 10 + (c - '0');
      if (value < 0) {
        return -1;
      }
    }
    return value;
  }

  /**
   * IPv6 as {@code IPAddressUtil.textToNumericFormatV6} (inet_pton): groups of up to four hex
   * digits, one {@code ::}, an optional trailing dotted quad of four parts. An IPv4-mapped
   * address gives its 4 IPv4 bytes, as the JDK does.
   */
  private static byte[] parseV6(String text) {
    int length = text.length();
    if (length < 2) {
      return null;
    }
    byte[] result = new byte[IPV6_BYTES];
    int i = 0;
    int filled = 0;
    int gap = -1;
    if (text.charAt(0) == ':' && text.charAt(++i) != ':') {
      return null;
    }
    int groupStart = i;
    boolean sawDigit = false;
    int value = 0;
    while (i < length) {
      char c = text.charAt(i++);
      int digit = hexDigit(c);
      if (digit >= 0) {
        value = (value << 4) | digit;
        if (value > 0xffff) {
          return null;
        }
        sawDigit = true;
        continue;
      }
      if (c == ':') {
        groupStart = i;
        if (!sawDigit) {
          if (gap != -1) {
            return null;
          }
          gap = filled;
          continue;
        } else if (i == length || filled + 2 > IPV6_BYTES) {
          return null;
        }
        result[filled++] = (byte) (value >> 8);
        result[filled++] = (byte) value;
        sawDigit = false;
        value = 0;
        continue;
      }
      if (c == '.' && filled + IPV4_BYTES <= IPV6_BYTES) {
        String quad = text.substring(groupStart);
        byte[] v4 = quad.chars().filter(ch -> ch == '.').count() == 3 ? parseV4(quad) : null;
        if (v4 == null) {
          return null;
        }
        System.arraycopy(v4, 0, result, filled, IPV4_BYTES);
        filled += IPV4_BYTES;
        sawDigit = false;
        break;
      }
      return null;
    }
    if (sawDigit) {
      if (filled + 2 > IPV6_BYTES) {
        return null;
      }
      result[filled++] = (byte) (value >> 8);
      result[filled++] = (byte) value;
    }
    if (gap != -1) {
      if (filled == IPV6_BYTES) {
        return null;
      }
      int moved = filled - gap;
      System.arraycopy(result, gap, result, IPV6_BYTES - moved, moved);
      Arrays.fill(result, gap, IPV6_BYTES - moved, (byte) 0);
      filled = IPV6_BYTES;
    }
    if (filled != IPV6_BYTES) {
      return null;
    }
    return isIpv4Mapped(result) ? Arrays.copyOfRange(result, 12, IPV6_BYTES) : result;
  }

  private static boolean isIpv4Mapped(byte[] address) {
    for (int i = 0; i < 10; i++) {
      if (address[i] != 0) {
        return false;
      }
    }
    return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
