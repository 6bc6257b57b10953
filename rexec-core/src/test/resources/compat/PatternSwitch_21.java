import java.util.ArrayList;
import java.util.List;

/** Java 21: pattern matching for switch, guards, null labels and nested record patterns. */
public class PatternSwitch_21 {

  sealed interface Vehicle permits Car, Truck, Bicycle {}

  record Car(String brand, int seats) implements Vehicle {}

  record Truck(String brand, double loadTons) implements Vehicle {}

  record Bicycle(boolean electric) implements Vehicle {}

  record Point(int x, int y) {}

  record Segment(Point start, Point end) {}

  sealed interface Json permits JsonNumber, JsonString, JsonArray, JsonNull {}

  record JsonNumber(double value) implements Json {}

  record JsonString(String value) implements Json {}

  record JsonArray(List<Json> items) implements Json {}

  enum JsonNull implements Json { INSTANCE }

  enum Suit { HEARTS, DIAMONDS, CLUBS, SPADES }

  static String describe(Object value) {
    return switch (value) {
      case null -> "null!";
      case Integer i when i < 0 -> "negative int " + i;
      case Integer i -> "int " + i;
      case Long l -> "long " + l;
      case String s when s.isBlank() -> "blank string";
      case String s -> "string '" + s + "' of length " + s.length();
      case int[] array -> "int array of " + array.length;
      case Point(int x, int y) when x == y -> "diagonal point at " + x;
      case Point(var x, var y) -> "point " + x + "/" + y;
      case Segment(Point(var x1, var y1), Point(var x2, var y2)) ->
          "segment of manhattan length " + (Math.abs(x2 - x1) + Math.abs(y2 - y1));
      case Suit suit -> "suit " + suit.name().toLowerCase(java.util.Locale.ROOT);
      default -> "something else: " + value.getClass().getSimpleName();
    };
  }

  static String toll(Vehicle vehicle) {
    return switch (vehicle) {
      case Car(var brand, var seats) when seats > 5 -> brand + " van: 12";
      case Car car -> car.brand() + " car: 8";
      case Truck(String brand, double load) when load > 10 -> brand + " heavy truck: 40";
      case Truck truck -> truck.brand() + " truck: 25";
      case Bicycle(boolean electric) -> electric ? "e-bike: 1" : "bike: 0";
    };
  }

  static String render(Json json) {
    return switch (json) {
      case JsonNumber(double value) when value == Math.rint(value) -> String.valueOf((long) value);
      case JsonNumber(double value) -> String.valueOf(value);
      case JsonString(String value) -> '"' + value + '"';
      case JsonArray(List<Json> items) -> {
        List<String> parts = new ArrayList<>();
        for (Json item : items) {
          parts.add(render(item));
        }
        yield "[" + String.join(",", parts) + "]";
      }
      case JsonNull n -> "null";
    };
  }

  static String color(Suit suit) {
    return switch (suit) {
      case HEARTS, DIAMONDS -> "red";
      case CLUBS, SPADES -> "black";
    };
  }

  static String mixed(Object value) {
    return switch (value) {
      case Suit s when s == Suit.SPADES -> "the spade";
      case Suit s -> "another suit";
      case Character c when Character.isDigit(c) -> "digit char";
      case Character c -> "char " + c;
      default -> "other";
    };
  }

  public static void main(String[] args) {
    Object[] values = {null, -5, 17, 9_000_000_000L, "  ", "hello", new int[3], new Point(2, 2),
        new Point(1, 4), new Segment(new Point(0, 0), new Point(3, -4)), Suit.CLUBS, 2.5};
    for (Object value : values) {
      System.out.println(describe(value));
    }
    List<Vehicle> vehicles = List.of(new Car("Volvo", 7), new Car("Fiat", 4),
        new Truck("MAN", 18.5), new Truck("Iveco", 3), new Bicycle(true), new Bicycle(false));
    for (Vehicle vehicle : vehicles) {
      System.out.println(toll(vehicle));
    }
    Json document = new JsonArray(List.of(new JsonNumber(1), new JsonNumber(2.5),
        new JsonString("x"), JsonNull.INSTANCE, new JsonArray(List.of())));
    System.out.println(render(document));
    for (Suit suit : Suit.values()) {
      System.out.println(suit + " is " + color(suit) + ", " + mixed(suit));
    }
    System.out.println(mixed('7') + ", " + mixed('q') + ", " + mixed(3));
    Object shape = new Segment(new Point(1, 2), new Point(3, 4));
    if (shape instanceof Segment(Point(var x, var y), Point end) && end.x() > x) {
      System.out.println("instanceof record pattern: start " + x + "," + y + " end " + end);
    }
  }
}
