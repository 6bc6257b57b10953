/** The smallest program: one line of output. A workload of rexec's cycle benchmarks. */
public class Hello {
  public static void main(String[] args) {
    System.out.println("Hello, world!");
  }
}
