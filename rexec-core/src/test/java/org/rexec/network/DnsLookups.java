package org.rexec.network;

import java.lang.reflect.Field;
import java.net.InetAddress;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What the JVM has asked its resolver. {@code InetAddress} puts every name it is about to look
 * up in its cache before asking (and keeps a failed answer there too, 10 s by default), and
 * parses literals without touching the cache; so a name absent from the cache was never sent
 * to a resolver by this JVM. The cache is private: the tests open {@code java.net} to read it
 * ({@code --add-opens}, see the parent pom). Same field on JDK 17 and 25.
 */
public final class DnsLookups {

  private DnsLookups() {}

  /** A name no one has looked up yet, under {@code .invalid} (RFC 2606: never resolves). */
  public static String canary(String label) {
    return label + "-" + UUID.randomUUID().toString().substring(0, 8) + ".rexec.invalid";
  }

  /** Whether the JVM has looked {@code host} up (or begun to). */
  public static boolean wasLookedUp(String host) {
    return cachedNames().contains(host);
  }

  /** The names in the JVM's lookup cache. */
  public static Set<String> cachedNames() {
    try {
      Field cache = InetAddress.class.getDeclaredField("cache");
      cache.setAccessible(true);
      return ((Map<?, ?>) cache.get(null))
          .keySet().stream().map(String::valueOf).collect(Collectors.toSet());
    } catch (ReflectiveOperationException | RuntimeException inaccessible) {
      throw new AssertionError("cannot read InetAddress.cache (is java.net opened?)", inaccessible);
    }
  }
}
