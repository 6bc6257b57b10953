package org.rexec.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/** What a kernel must compute: its checksum as the host's own, unrewritten copy computes it. */
final class Checksums {

  private Checksums() {}

  /** The checksum of {@code kernel} at {@code size}, computed by the host's copy of its class. */
  static long expected(Kernel kernel, int size) throws Throwable {
    Class<?> host = Class.forName(kernel.className(), true, Checksums.class.getClassLoader());
    return (long)
        MethodHandles.publicLookup()
            .findStatic(host, "run", MethodType.methodType(long.class, int.class))
            .invokeExact(size);
  }

  /** Throws unless {@code actual} is {@code expected}. */
  static void require(Kernel kernel, String side, long expected, long actual) {
    if (actual != expected) {
      throw new IllegalStateException(
          kernel.name() + " computed " + actual + " on the " + side + " side; expected "
              + expected);
    }
  }
}
