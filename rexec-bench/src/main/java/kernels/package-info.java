/**
 * CPU-bound programs written for rexec's benchmarks, each an ordinary Java program that the
 * benchmarks run both plainly and inside a cell.
 *
 * <p>Each kernel is a public class with {@code public static long run(int size)}, which does a
 * deterministic amount of work for {@code size} and returns a checksum of its result, and a
 * {@code main(String[])} that prints the checksum for a size given as the first argument. The
 * checksum lets a benchmark assert that the plain run and the cell run computed the same thing.
 *
 * <p>The package lies outside {@code org.rexec} on purpose: a cell refuses to define classes in
 * rexec's own packages. Kernels reference only the JDK and their own nested classes, so their
 * class files can be loaded on their own into a cell or a plain class loader.
 */
package kernels;
