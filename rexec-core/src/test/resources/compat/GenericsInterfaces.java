import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Generic classes and methods, bounded wildcards, and interfaces with default methods. */
public class GenericsInterfaces {

  interface Greeter {
    String name();

    default String greet() {
      return "Hello, " + name() + decoration();
    }

    private String decoration() {
      return "!";
    }

    static Greeter of(String name) {
      return () -> name;
    }
  }

  interface Polite {
    default String greet() {
      return "Good day";
    }
  }

  static class Butler implements Greeter, Polite {
    @Override
    public String name() {
      return "Jeeves";
    }

    // Both interfaces provide greet(): the class must choose, and may call either.
    @Override
    public String greet() {
      return Polite.super.greet() + " / " + Greeter.super.greet();
    }
  }

  interface Shape extends Comparable<Shape> {
    double area();

    default int compareTo(Shape other) {
      return Double.compare(area(), other.area());
    }
  }

  record Square(double side) implements Shape {
    public double area() {
      return side * side;
    }
  }

  record Disc(double radius) implements Shape {
    public double area() {
      return 3 * radius * radius;
    }
  }

  static final class Box<T> {
    private T value;

    Box(T value) {
      this.value = value;
    }

    T get() {
      return value;
    }

    void set(T value) {
      this.value = value;
    }

    <R> Box<R> map(Function<? super T, ? extends R> mapper) {
      return new Box<>(mapper.apply(value));
    }

    @Override
    public String toString() {
      return "Box(" + value + ")";
    }
  }

  static class Stack<E> {
    private E[] elements;
    private int size;

    @SuppressWarnings("unchecked")
    Stack(Class<E> type, int capacity) {
      elements = (E[]) Array.newInstance(type, capacity);
    }

    void push(E element) {
      if (size == elements.length) {
        @SuppressWarnings("unchecked")
        E[] bigger = (E[]) Array.newInstance(elements.getClass().getComponentType(), size * 2);
        System.arraycopy(elements, 0, bigger, 0, size);
        elements = bigger;
      }
      elements[size++] = element;
    }

    E pop() {
      E element = elements[--size];
      elements[size] = null;
      return element;
    }

    boolean isEmpty() {
      return size == 0;
    }

    int capacity() {
      return elements.length;
    }
  }

  static <T extends Comparable<? super T>> T max(Collection<? extends T> items) {
    T best = null;
    for (T item : items) {
      if (best == null || item.compareTo(best) > 0) {
        best = item;
      }
    }
    return best;
  }

  static double sum(List<? extends Number> numbers) {
    double total = 0;
    for (Number number : numbers) {
      total += number.doubleValue();
    }
    return total;
  }

  static void fill(List<? super Integer> sink, int count) {
    for (int i = 0; i < count; i++) {
      sink.add(i * i);
    }
  }

  static <K extends Comparable<K>, V> Map<K, List<V>> groupBy(List<V> values,
      Function<V, K> key) {
    Map<K, List<V>> groups = new TreeMap<>();
    for (V value : values) {
      groups.computeIfAbsent(key.apply(value), ignored -> new ArrayList<>()).add(value);
    }
    return groups;
  }

  @SafeVarargs
  static <T> List<T> listOf(T... items) {
    return new ArrayList<>(List.of(items));
  }

  static <T> void swap(T[] array, int i, int j) {
    T temporary = array[i];
    array[i] = array[j];
    array[j] = temporary;
  }

  public static void main(String[] args) {
    System.out.println(Greeter.of("world").greet());
    System.out.println(new Butler().greet());
    Greeter anonymous = new Greeter() {
      @Override
      public String name() {
        return "anonymous";
      }

      @Override
      public String greet() {
        return Greeter.super.greet().toUpperCase(java.util.Locale.ROOT);
      }
    };
    System.out.println(anonymous.greet());

    List<Shape> shapes = new ArrayList<>(List.of(new Square(3), new Disc(1), new Square(1.5),
        new Disc(2)));
    shapes.sort(null);
    System.out.println("sorted by default compareTo: " + shapes);
    System.out.println("max shape: " + max(shapes));
    System.out.println("max string: " + max(List.of("pear", "apple", "zucchini", "fig")));
    System.out.println("max integer: " + max(List.of(3, 17, 5)));

    Box<String> box = new Box<>("generic");
    Box<Integer> length = box.map(String::length);
    box.set("changed");
    System.out.println(box + " " + length + " " + length.map(n -> n * 1.5).get());

    Stack<String> stack = new Stack<>(String.class, 2);
    for (String word : "to be or not".split(" ")) {
      stack.push(word);
    }
    StringBuilder popped = new StringBuilder();
    while (!stack.isEmpty()) {
      popped.append(stack.pop()).append(' ');
    }
    System.out.println("popped: " + popped.toString().trim() + ", capacity " + stack.capacity()
        + ", array type " + stack.elements.getClass().getSimpleName());

    List<Number> numbers = new ArrayList<>();
    fill(numbers, 5);
    numbers.add(2.5);
    System.out.println("filled: " + numbers + " sum " + sum(numbers) + " ints "
        + sum(List.of(1, 2, 3)));
    System.out.println("grouped: " + groupBy(List.of("ant", "bee", "cat", "wasp", "moth", "fly"),
        String::length));
    List<String> varargs = listOf("x", "y", "z");
    varargs.add("w");
    System.out.println("varargs: " + varargs);
    Integer[] array = {1, 2, 3};
    swap(array, 0, 2);
    System.out.println("swapped: " + java.util.Arrays.toString(array));
    Comparator<Map.Entry<String, Integer>> byValue = Map.Entry.comparingByValue();
    List<Map.Entry<String, Integer>> entries = new ArrayList<>(List.of(Map.entry("a", 3),
        Map.entry("b", 1), Map.entry("c", 2)));
    entries.sort(byValue.reversed());
    System.out.println("entries by value desc: " + entries);
  }
}
