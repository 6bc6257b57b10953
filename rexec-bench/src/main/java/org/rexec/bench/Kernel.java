package org.rexec.bench;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * One compute kernel of package {@code kernels}: its class, the size a benchmark runs it at
 * (about 5 to 50 ms of work once compiled) and a small size for tests.
 */
record Kernel(String name, int benchmarkSize, int testSize, String exercises) {

  /** Every kernel, in the order of the report. */
  static final List<Kernel> ALL =
      List.of(
          new Kernel("MatrixMultiply", 300, 20, "nested numeric loops over arrays"),
          new Kernel("Recursion", 32, 15, "method calls: recursion"),
          new Kernel("ArrayWork", 1_000_000, 20_000, "array loops: sieve, heap sort, prefix sums"),
          new Kernel("CollectionWork", 20_000, 1_000, "HashMap, ArrayList, TreeMap, ArrayDeque"),
          new Kernel("NBody", 100_000, 100, "floating point over objects' fields"),
          new Kernel("SpectralNorm", 500, 30, "floating point over arrays, small calls"),
          new Kernel("Fannkuch", 9, 6, "permutations of int arrays"),
          new Kernel("BinaryTrees", 14, 6, "allocation and recursion"),
          new Kernel("Mandelbrot", 500, 40, "tight floating-point loops"),
          new Kernel("RegexWork", 1_000, 100, "java.util.regex over generated text"),
          new Kernel("CollectionsStreams", 25_000, 500, "streams, lambdas, collectors"));

  /** The kernel with this name. */
  static Kernel named(String name) {
    for (Kernel kernel : ALL) {
      if (kernel.name.equals(name)) {
        return kernel;
      }
    }
    throw new NoSuchElementException("no kernel " + name + "; kernels are " + names());
  }

  /** The names of all kernels, comma-separated. */
  static String names() {
    StringBuilder names = new StringBuilder();
    for (Kernel kernel : ALL) {
      names.append(names.length() == 0 ? "" : ",").append(kernel.name);
    }
    return names.toString();
  }

  /** The binary name of the kernel's class. */
  String className() {
    return KernelClasses.PACKAGE + "." + name;
  }
}
