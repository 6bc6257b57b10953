package org.rexec.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each kernel computes the same checksum plainly, in a cell and as the host's own copy, at its
 * small test size: the benchmark compares like with like.
 */
class KernelChecksumTest {

  static Stream<String> kernels() {
    return Kernel.ALL.stream().map(Kernel::name);
  }

  @ParameterizedTest
  @MethodSource("kernels")
  void kernel_computesTheSameChecksumPlainlyAndInACell(String name) throws Throwable {
    Kernel kernel = Kernel.named(name);
    long expected = Checksums.expected(kernel, kernel.testSize());

    long plain;
    try (LoadedKernel loaded = LoadedKernel.plain(kernel)) {
      plain = loaded.run(kernel.testSize());
    }
    long cell;
    try (LoadedKernel loaded = LoadedKernel.inCell(kernel)) {
      cell = loaded.run(kernel.testSize());
      assertThat(loaded.run(kernel.testSize())).isEqualTo(cell);
    }

    assertThat(plain).isEqualTo(expected);
    assertThat(cell).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("kernels")
  void kernel_isDeterministicAndDependsOnItsSize(String name) throws Throwable {
    Kernel kernel = Kernel.named(name);
    // Sizes below 16 are depths, counts of elements and the like, costly to double.
    int otherSize = kernel.testSize() < 16 ? kernel.testSize() + 1 : 2 * kernel.testSize();

    assertThat(Checksums.expected(kernel, kernel.testSize()))
        .isEqualTo(Checksums.expected(kernel, kernel.testSize()))
        .isNotEqualTo(Checksums.expected(kernel, otherSize));
  }
}
