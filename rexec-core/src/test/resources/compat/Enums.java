import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;

/** Enums with state and behavior, EnumMap, EnumSet, values, valueOf and switches. */
public class Enums {

  enum Planet {
    MERCURY(3.303e+23, 2.4397e6),
    VENUS(4.869e+24, 6.0518e6),
    EARTH(5.976e+24, 6.37814e6),
    MARS(6.421e+23, 3.3972e6);

    private static final double G = 6.67300E-11;
    private final double mass;
    private final double radius;

    Planet(double mass, double radius) {
      this.mass = mass;
      this.radius = radius;
    }

    double surfaceGravity() {
      return G * mass / (radius * radius);
    }
  }

  enum Operation {
    PLUS("+") {
      @Override
      int apply(int a, int b) {
        return a + b;
      }
    },
    MINUS("-") {
      @Override
      int apply(int a, int b) {
        return a - b;
      }
    },
    TIMES("*") {
      @Override
      int apply(int a, int b) {
        return a * b;
      }
    };

    private final String symbol;

    Operation(String symbol) {
      this.symbol = symbol;
    }

    abstract int apply(int a, int b);

    @Override
    public String toString() {
      return symbol;
    }
  }

  enum Level { LOW, MEDIUM, HIGH, CRITICAL }

  interface Described {
    String description();
  }

  enum Color implements Described {
    RED, GREEN, BLUE;

    @Override
    public String description() {
      return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }
  }

  static String advice(Level level) {
    switch (level) {
      case LOW:
        return "ignore";
      case MEDIUM:
      case HIGH:
        return "watch";
      default:
        return "act now";
    }
  }

  public static void main(String[] args) {
    for (Planet planet : Planet.values()) {
      System.out.println(String.format(java.util.Locale.ROOT, "%-8s ordinal %d gravity %.3f",
          planet, planet.ordinal(), planet.surfaceGravity()));
    }
    System.out.println("valueOf: " + Planet.valueOf("EARTH").name()
        + ", compareTo: " + Planet.MARS.compareTo(Planet.VENUS));
    try {
      Planet.valueOf("PLUTO");
    } catch (IllegalArgumentException e) {
      System.out.println("no such planet: " + e.getMessage());
    }
    for (Operation operation : Operation.values()) {
      System.out.println("7 " + operation + " 3 = " + operation.apply(7, 3)
          + " (" + operation.name() + ", class is enum: " + operation.getDeclaringClass().isEnum()
          + ")");
    }
    Map<Level, Integer> incidents = new EnumMap<>(Level.class);
    incidents.put(Level.HIGH, 2);
    incidents.put(Level.LOW, 10);
    incidents.put(Level.CRITICAL, 1);
    incidents.merge(Level.LOW, 5, Integer::sum);
    System.out.println("incidents: " + incidents);
    for (Level level : Level.values()) {
      String label = switch (level) {
        case LOW -> "green";
        case MEDIUM -> "yellow";
        case HIGH -> "orange";
        case CRITICAL -> "red";
      };
      System.out.println(level + " -> " + label + ", " + advice(level)
          + ", count " + incidents.getOrDefault(level, 0));
    }
    EnumSet<Level> serious = EnumSet.range(Level.HIGH, Level.CRITICAL);
    System.out.println("serious: " + serious + ", others: " + EnumSet.complementOf(serious)
        + ", none: " + EnumSet.noneOf(Level.class) + ", all: " + EnumSet.allOf(Level.class));
    EnumSet<Color> chosen = EnumSet.of(Color.BLUE, Color.RED);
    for (Color color : chosen) {
      System.out.println(color.description());
    }
    System.out.println("constants via class: "
        + Arrays.toString(Level.class.getEnumConstants()));
    System.out.println("Enum.valueOf: " + Enum.valueOf(Color.class, "GREEN").ordinal());
    Level parsed = Level.valueOf("critical".toUpperCase(java.util.Locale.ROOT));
    System.out.println("parsed " + parsed + " is max: " + (parsed.ordinal()
        == Level.values().length - 1));
  }
}
