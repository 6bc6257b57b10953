import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The messages of failed casts: between the program's classes, the JDK's, arrays. */
public class Casts {
  interface Shape {}

  static class Circle implements Shape {}

  static class Square implements Shape {}

  enum Color { RED }

  record Point(int x, int y) {}

  static void attempt(String what, Supplier<Object> cast) {
    try {
      System.out.println(what + ": " + cast.get());
    } catch (ClassCastException e) {
      System.out.println(what + ": " + e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  static <T> T unchecked(Object value) {
    return (T) value;
  }

  public static void main(String[] args) {
    Object circle = new Circle();
    Object text = "text";
    Object number = 42;
    attempt("own to own", () -> (Square) circle);
    attempt("own to interface", () -> (Runnable) circle);
    attempt("own to JDK", () -> (String) circle);
    attempt("JDK to own", () -> (Circle) text);
    attempt("JDK to own interface", () -> (Shape) number);
    attempt("JDK to JDK", () -> (String) number);
    attempt("enum to record", () -> (Point) (Object) Color.RED);
    attempt("array of own", () -> (Square[]) (Object) new Circle[1]);
    attempt("array of JDK", () -> (String[]) (Object) new Integer[1]);
    attempt("primitive array", () -> (long[]) (Object) new int[1]);
    attempt("own to array", () -> (int[][]) circle);
    attempt("Class.cast", () -> Square.class.cast(circle));
    attempt("Class.cast JDK", () -> Integer.class.cast(text));
    attempt("null", () -> (Square) null);
    attempt("fine", () -> ((Shape) circle) == circle);
    List<Object> mixed = new ArrayList<>();
    mixed.add(text);
    attempt("generic", () -> {
      List<Integer> numbers = unchecked(mixed);
      int first = numbers.get(0);
      return first;
    });
  }
}
