/**
 * A program that will not stop: it spins inside catch (Throwable) and finally, where a plain
 * sandbox's "please stop" exception would be swallowed. In a cell it ends at its CPU limit.
 *
 *   ./rexec run --cpu=1s examples/Runaway.java; echo "exit status $?"
 */
public class Runaway {
  public static void main(String[] args) {
    System.out.println("spinning; the cell stops me");
    while (true) {
      try {
        while (true) { }
      } catch (Throwable swallowed) {
        System.out.println("caught " + swallowed + "; spinning again");
      } finally {
        while (true) { }
      }
    }
  }
}
