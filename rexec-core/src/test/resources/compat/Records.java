import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Records: compact constructors, derived members, nesting, generics and local records. */
public class Records {

  record Point(int x, int y) implements Comparable<Point> {
    static final Point ORIGIN = new Point(0, 0);

    static Point of(String text) {
      String[] parts = text.split(",");
      return new Point(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
    }

    double distanceTo(Point other) {
      return Math.hypot(x - other.x, y - other.y);
    }

    Point plus(Point other) {
      return new Point(x + other.x, y + other.y);
    }

    @Override
    public int compareTo(Point other) {
      return Comparator.comparingInt(Point::x).thenComparingInt(Point::y).compare(this, other);
    }
  }

  record Range(int low, int high) {
    Range {
      if (low > high) {
        throw new IllegalArgumentException("low " + low + " > high " + high);
      }
    }

    int length() {
      return high - low;
    }
  }

  record Line(Point from, Point to) {}

  record Pair<A, B>(A first, B second) {
    <C> Pair<A, C> withSecond(C newSecond) {
      return new Pair<>(first, newSecond);
    }
  }

  record Name(String value) {
    Name {
      Objects.requireNonNull(value, "value");
      value = value.strip();
    }

    @Override
    public String toString() {
      return "Name[" + value.toUpperCase(java.util.Locale.ROOT) + "]";
    }
  }

  record Tags(List<String> values) {
    Tags {
      values = List.copyOf(values);
    }
  }

  public static void main(String[] args) {
    Point a = new Point(3, 4);
    Point b = Point.of(" 3, 4 ");
    System.out.println(a + " equals " + b + ": " + a.equals(b) + ", same hash: "
        + (a.hashCode() == b.hashCode()));
    System.out.println("distance to origin: " + a.distanceTo(Point.ORIGIN));
    System.out.println("sum: " + a.plus(new Point(-1, 10)));
    System.out.println("x=" + a.x() + " y=" + a.y());

    Range range = new Range(2, 9);
    System.out.println(range + " length " + range.length());
    try {
      new Range(5, 1);
    } catch (IllegalArgumentException e) {
      System.out.println("rejected: " + e.getMessage());
    }

    Line line = new Line(Point.ORIGIN, new Point(6, 8));
    System.out.println(line + " length " + line.from().distanceTo(line.to()));

    Pair<String, Integer> pair = new Pair<>("answer", 42);
    Pair<String, List<Integer>> changed = pair.withSecond(List.of(4, 2));
    System.out.println(pair + " -> " + changed);
    System.out.println("pair equality: " + pair.equals(new Pair<>("answer", 42)));

    System.out.println(new Name("  ada lovelace "));
    System.out.println("name value: '" + new Name(" x ").value() + "'");
    try {
      new Name(null);
    } catch (NullPointerException e) {
      System.out.println("null name: " + e.getMessage());
    }

    List<String> source = new ArrayList<>(List.of("red", "green"));
    Tags tags = new Tags(source);
    source.add("blue");
    System.out.println("defensive copy: " + tags.values());

    record Score(String player, int points) {}
    List<Score> scores = new ArrayList<>(List.of(
        new Score("kim", 12), new Score("lee", 30), new Score("ann", 12), new Score("bo", 7)));
    scores.sort(Comparator.comparingInt(Score::points).reversed().thenComparing(Score::player));
    System.out.println("ranking: " + scores);

    List<Point> points = new ArrayList<>(List.of(new Point(2, 1), new Point(1, 5), new Point(1, 2)));
    points.sort(null);
    System.out.println("natural order: " + points);
    System.out.println("record class: " + Point.class.isRecord() + " " + Point.class.getSimpleName());
  }
}
