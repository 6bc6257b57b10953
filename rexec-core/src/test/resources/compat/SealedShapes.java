import java.util.List;
import java.util.Locale;

/** Sealed hierarchies, switch expressions (arrow and yield forms) and instanceof patterns. */
public class SealedShapes {

  sealed interface Shape permits Circle, Rectangle, Triangle, Polygon {}

  record Circle(double radius) implements Shape {}

  record Rectangle(double width, double height) implements Shape {}

  record Triangle(double base, double height) implements Shape {}

  static non-sealed class Polygon implements Shape {
    final int sides;

    Polygon(int sides) {
      this.sides = sides;
    }
  }

  static final class Square extends Polygon {
    final double side;

    Square(double side) {
      super(4);
      this.side = side;
    }
  }

  sealed interface Expression permits Constant, Sum, Product, Negation {}

  record Constant(int value) implements Expression {}

  record Sum(Expression left, Expression right) implements Expression {}

  record Product(Expression left, Expression right) implements Expression {}

  record Negation(Expression operand) implements Expression {}

  enum Day { MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY }

  static double area(Shape shape) {
    if (shape instanceof Circle circle) {
      return Math.PI * circle.radius() * circle.radius();
    } else if (shape instanceof Rectangle rectangle) {
      return rectangle.width() * rectangle.height();
    } else if (shape instanceof Triangle triangle && triangle.base() > 0) {
      return triangle.base() * triangle.height() / 2;
    } else if (shape instanceof Square square) {
      return square.side * square.side;
    }
    return Double.NaN;
  }

  static int evaluate(Expression expression) {
    if (expression instanceof Constant constant) {
      return constant.value();
    } else if (expression instanceof Sum sum) {
      return evaluate(sum.left()) + evaluate(sum.right());
    } else if (expression instanceof Product product) {
      return evaluate(product.left()) * evaluate(product.right());
    } else if (expression instanceof Negation negation) {
      return -evaluate(negation.operand());
    }
    throw new IllegalStateException("unknown expression " + expression);
  }

  static String kind(Day day) {
    return switch (day) {
      case SATURDAY, SUNDAY -> "weekend";
      case FRIDAY -> {
        String almost = "almost";
        yield almost + " weekend";
      }
      default -> "weekday";
    };
  }

  static int letters(String word) {
    return switch (word) {
      case "one", "two", "six" -> 3;
      case "three", "seven", "eight" -> 5;
      default -> {
        if (word.isEmpty()) {
          yield 0;
        }
        yield word.length();
      }
    };
  }

  static String classify(int number) {
    String sign = switch (Integer.signum(number)) {
      case -1 -> "negative";
      case 0 -> "zero";
      default -> "positive";
    };
    int bucket = switch (Math.abs(number) % 3) {
      case 0:
        yield 0;
      case 1:
        yield 10;
      default:
        yield 20;
    };
    return sign + "/" + bucket;
  }

  public static void main(String[] args) {
    List<Shape> shapes = List.of(new Circle(1.5), new Rectangle(2, 3.5), new Triangle(4, 5),
        new Square(2.5), new Polygon(7));
    for (Shape shape : shapes) {
      System.out.println(String.format(Locale.ROOT, "%-10s area %.4f",
          shape.getClass().getSimpleName(), area(shape)));
    }
    System.out.println("sealed: " + Shape.class.isSealed() + ", Polygon sealed: "
        + Polygon.class.isSealed());

    Expression expression = new Sum(new Constant(4),
        new Product(new Constant(3), new Negation(new Sum(new Constant(2), new Constant(5)))));
    System.out.println(expression + " = " + evaluate(expression));

    for (Day day : Day.values()) {
      System.out.println(day + " is a " + kind(day));
    }
    for (String word : List.of("one", "three", "eleven", "")) {
      System.out.println("'" + word + "' -> " + letters(word));
    }
    for (int number : new int[] {-7, 0, 4, 9, -11}) {
      System.out.println(number + " -> " + classify(number));
    }
    Object boxed = 42;
    if (boxed instanceof Integer value && value > 40) {
      System.out.println("pattern variable in condition: " + (value + 1));
    }
    if (!(boxed instanceof String text)) {
      System.out.println("not a string");
    } else {
      System.out.println("string of length " + text.length());
    }
  }
}
