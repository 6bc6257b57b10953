import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntBinaryOperator;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Lambdas and every kind of method reference, including constructor and array references. */
public class LambdasMethodRefs {

  @FunctionalInterface
  interface TriFunction<A, B, C, R> {
    R apply(A a, B b, C c);
  }

  static class Counter {
    private int count;
    private final String label;

    Counter() {
      this("unnamed");
    }

    Counter(String label) {
      this.label = label;
    }

    void increment() {
      count++;
    }

    int addTo(int other) {
      return count + other;
    }

    @Override
    public String toString() {
      return label + "=" + count;
    }
  }

  static int triple(int value) {
    return value * 3;
  }

  static final Function<Integer, Integer> FACTORIAL = new Function<>() {
    @Override
    public Integer apply(Integer n) {
      return n <= 1 ? 1 : n * this.apply(n - 1);
    }
  };

  public static void main(String[] args) {
    Function<Integer, Integer> addOne = x -> x + 1;
    Function<Integer, Integer> square = x -> x * x;
    System.out.println("andThen: " + addOne.andThen(square).apply(4)
        + ", compose: " + addOne.compose(square).apply(4)
        + ", identity: " + Function.<String>identity().apply("same"));

    // System.out::println: the receiver is evaluated once, when the reference is created.
    List.of("one", "two", "three").forEach(System.out::println);
    Consumer<Object> printer = System.out::println;
    printer.andThen(value -> System.out.println("  (printed " + value + ")")).accept(7);

    Function<Integer, Integer> tripler = LambdasMethodRefs::triple;
    ToIntFunction<String> length = String::length;
    BiFunction<String, Integer, Character> charAt = String::charAt;
    String greeting = "hello";
    Supplier<String> upper = greeting::toUpperCase;
    System.out.println("static ref: " + tripler.apply(5) + ", unbound: "
        + length.applyAsInt("abcd") + ", two-arg unbound: " + charAt.apply("xyz", 1)
        + ", bound: " + upper.get());

    Supplier<List<String>> listFactory = ArrayList::new;
    List<String> fresh = listFactory.get();
    fresh.add("made by constructor ref");
    System.out.println(fresh);
    Function<String, Counter> namedCounter = Counter::new;
    Supplier<Counter> defaultCounter = Counter::new;
    Counter clicks = namedCounter.apply("clicks");
    Runnable click = clicks::increment;
    for (int i = 0; i < 4; i++) {
      click.run();
    }
    System.out.println(clicks + ", " + defaultCounter.get());
    IntFunction<String[]> arrayMaker = String[]::new;
    String[] made = Stream.of("b", "a", "c").sorted().toArray(String[]::new);
    System.out.println("array ref: " + arrayMaker.apply(3).length + " " + Arrays.toString(made));
    Function<Integer, int[]> intArrays = int[]::new;
    System.out.println("int array: " + intArrays.apply(2).length);
    Function<String, StringBuilder> builders = StringBuilder::new;
    System.out.println("builder: " + builders.apply("abc").reverse());

    BinaryOperator<Integer> max = BinaryOperator.maxBy(Comparator.naturalOrder());
    IntBinaryOperator gcd = new IntBinaryOperator() {
      @Override
      public int applyAsInt(int a, int b) {
        return b == 0 ? a : applyAsInt(b, a % b);
      }
    };
    System.out.println("maxBy: " + max.apply(3, 9) + ", gcd: " + gcd.applyAsInt(84, 36));
    System.out.println("recursive anonymous: " + FACTORIAL.apply(10));

    Predicate<String> empty = String::isEmpty;
    Predicate<String> longWord = s -> s.length() > 4;
    List<String> words = List.of("", "tree", "forest", "a", "meadow", "");
    System.out.println("not empty: " + words.stream().filter(Predicate.not(empty)).toList());
    System.out.println("long or empty: " + words.stream().filter(longWord.or(empty)).count());
    System.out.println("short non-empty: "
        + words.stream().filter(longWord.negate().and(empty.negate())).toList());

    UnaryOperator<String> shout = s -> s.toUpperCase(java.util.Locale.ROOT) + "!";
    System.out.println(shout.andThen(s -> s + s).apply("hey"));

    TriFunction<Integer, Integer, Integer, Integer> volume = (a, b, c) -> a * b * c;
    System.out.println("custom functional interface: " + volume.apply(2, 3, 4));

    int base = 100;
    List<Supplier<Integer>> suppliers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int captured = i;
      suppliers.add(() -> base + captured);
    }
    System.out.println("captured: " + suppliers.stream().map(Supplier::get).toList());

    Map<String, Function<Double, Double>> operations = new TreeMap<>();
    operations.put("half", x -> x / 2);
    operations.put("negate", x -> -x);
    operations.put("abs", Math::abs);
    operations.forEach((name, op) -> System.out.println(name + "(-8.0) = " + op.apply(-8.0)));

    Comparator<String> byLastChar = Comparator.comparing(s -> s.charAt(s.length() - 1));
    System.out.println("by last char: " + Stream.of("cab", "abc", "bca")
        .sorted(byLastChar.thenComparing(Comparator.reverseOrder()))
        .collect(Collectors.joining(" ")));
    Counter total = new Counter("total");
    total.increment();
    Function<Integer, Integer> addToTotal = total::addTo;
    System.out.println("bound instance method: " + addToTotal.apply(41));
    Runnable chained = ((Runnable) () -> System.out.print("first "))::run;
    chained.run();
    System.out.println("then second");
  }
}
