import java.util.List;

/** Throws an uncaught RuntimeException with a cause out of main: exit code 1, trace on stderr. */
public class UncaughtException {

  static int validate(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("bad value: " + value);
    }
    return value * 2;
  }

  static int process(List<Integer> values) {
    int total = 0;
    try {
      for (int value : values) {
        total += validate(value);
      }
    } catch (IllegalArgumentException e) {
      throw new RuntimeException("processing failed after total " + total, e);
    }
    return total;
  }

  public static void main(String[] args) {
    System.out.println("first batch: " + process(List.of(1, 2, 3)));
    System.out.println("second batch: " + process(List.of(4, -1, 5)));
    System.out.println("never printed");
  }
}
