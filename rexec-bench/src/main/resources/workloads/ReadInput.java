/**
 * Reads all of standard input in large blocks, as competitive and benchmark programs do, and
 * does nothing else with it: what is measured is the reading.
 */
public class ReadInput {
  public static void main(String[] args) throws Exception {
    byte[] buffer = new byte[1 << 16];
    long bytes = 0;
    int last = 0;
    for (int count; (count = System.in.read(buffer)) > 0; ) {
      bytes += count;
      last = buffer[count - 1];
    }
    System.out.println("bytes " + bytes + " last " + last);
  }
}
