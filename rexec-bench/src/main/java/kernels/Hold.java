package kernels;

import java.io.IOException;

/**
 * Keeps a run of its cell open for a benchmark: says it is ready on standard output, then waits
 * for standard input to end. While it waits, the supervisor calls the cell's kernels, which may
 * run only inside a run of their cell.
 */
public final class Hold {

  private Hold() {}

  public static void main(String[] args) throws IOException {
    System.out.println("ready");
    System.out.flush();
    while (System.in.read() != -1) {
      // Nothing is ever written; the supervisor ends the wait by ending the input.
    }
  }
}
