import java.io.Serializable;
import java.util.AbstractList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.LongBinaryOperator;
import java.util.function.ObjDoubleConsumer;
import java.util.function.ObjIntConsumer;
import java.util.function.ObjLongConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Method references to JDK members inherited by the receiver's type: bound and unbound, through
 * generic bridges, intersection casts, serializable lambdas, varargs, constructors, arrays and
 * {@code super::method}.
 */
public class InheritedMethodRefs {

  interface Named {
    default String name() {
      return "named:" + getClass().getSimpleName();
    }
  }

  /** A cell class that inherits JDK methods and a default method. */
  static class Tagged extends ArrayList<String> implements Named {
    String describe() {
      Supplier<String> inherited = super::toString;
      Supplier<Integer> size = super::size;
      Supplier<String> fromDefault = Named.super::name;
      return inherited.get() + " " + size.get() + " " + fromDefault.get();
    }
  }

  /** Bridges planted in an interface, for its default method's references. */
  interface Shows {
    default String show(ArrayList<String> list) {
      Supplier<String> text = list::toString;
      Function<ArrayList<String>, Integer> size = ArrayList::size;
      long[] longs = {1, 2};
      Supplier<Object> copy = longs::clone;
      return text.get() + size.apply(list) + ((long[]) copy.get()).length;
    }
  }

  enum Day {
    MON,
    TUE
  }

  interface SerializableSupplier<T> extends Supplier<T>, Serializable {}

  interface SerializableFunction<T, R> extends Function<T, R>, Serializable {}

  /** Narrows {@code apply}, so the lambda class also needs the erased bridge method. */
  interface ListText extends Function<ArrayList<String>, String> {
    @Override
    String apply(ArrayList<String> list);
  }

  interface BoundText extends Supplier<Object> {
    @Override
    String get();
  }

  static <T extends AbstractList<String> & Serializable> String bounded(T list) {
    Supplier<String> text = list::toString;
    Function<T, Integer> hash = T::hashCode;
    return text.get() + " " + (hash.apply(list) == list.hashCode());
  }

  static <T extends ArrayList<String>> Function<T, String> generic() {
    return T::toString;
  }

  static <T extends Serializable & CharSequence> int lengths(T text) {
    Supplier<Integer> bound = text::length;
    ToIntFunction<T> unbound = T::length;
    return bound.get() + unbound.applyAsInt(text);
  }

  /** Runs {@code call}, printing what it throws as a plain JVM shows it. */
  static void failing(String label, Runnable call) {
    try {
      call.run();
      System.out.println(label + " returned");
    } catch (RuntimeException e) {
      System.out.println(label + " " + e.getClass().getName() + ": " + e.getMessage());
      e.printStackTrace(System.out);
    }
  }

  public static void main(String[] args) throws Exception {
    // The two shapes of the report.
    Stream<Integer> stream = Stream.of(1, 2, 3);
    StringBuilder seen = new StringBuilder();
    for (Integer i : (Iterable<Integer>) stream::iterator) {
      seen.append(i);
    }
    System.out.println("iterable " + seen);
    ArrayList<String> list = new ArrayList<>(List.of("a", "b"));
    Supplier<String> listText = list::toString;
    System.out.println("bound toString " + listText.get());

    // Bound receivers of narrower types than the declaring class.
    Supplier<Integer> listHash = list::hashCode;
    Predicate<Object> listEquals = list::equals;
    Supplier<Boolean> listEmpty = list::isEmpty;
    Predicate<Collection<?>> containsAll = list::containsAll;
    Supplier<Stream<String>> listStream = list::stream;
    System.out.println(
        "bound inherited "
            + (listHash.get() == list.hashCode())
            + " "
            + listEquals.test(List.of("a", "b"))
            + " "
            + listEmpty.get()
            + " "
            + containsAll.test(List.of("a"))
            + " "
            + listStream.get().collect(Collectors.joining("+")));
    LinkedHashMap<String, Integer> map = new LinkedHashMap<>();
    map.put("x", 1);
    Supplier<String> mapText = map::toString;
    BiFunction<String, Integer, Integer> getOrDefault = map::getOrDefault;
    BiConsumer<String, Integer> putIfAbsent = map::putIfAbsent;
    putIfAbsent.accept("y", 2);
    System.out.println(
        "map " + mapText.get() + " " + getOrDefault.apply("z", 9) + " " + map.keySet());
    LinkedList<String> linked = new LinkedList<>(List.of("q"));
    Consumer<Consumer<? super String>> forEach = linked::forEach;
    forEach.accept(s -> System.out.println("default forEach " + s));
    Predicate<Predicate<? super String>> removeIf = linked::removeIf;
    System.out.println("default removeIf " + removeIf.test("q"::equals) + " " + linked);
    StringBuilder builder = new StringBuilder("abc");
    Supplier<Integer> builderLength = builder::length;
    Function<Integer, Character> charAt = builder::charAt;
    Supplier<IntStream> chars = builder::chars;
    System.out.println(
        "builder " + builderLength.get() + " " + charAt.apply(1) + " " + chars.get().sum());
    Thread thread = new Thread("worker");
    Supplier<String> threadText = thread::getName;
    System.out.println("thread " + threadText.get());

    // Receivers that are arrays or interfaces calling Object's methods.
    int[] numbers = {3, 1, 2};
    Supplier<Class<?>> arrayClass = numbers::getClass;
    Supplier<Object> arrayClone = numbers::clone;
    Supplier<Integer> arrayHash = numbers::hashCode;
    Predicate<Object> arrayEquals = numbers::equals;
    System.out.println(
        "array "
            + arrayClass.get().getSimpleName()
            + " "
            + Arrays.toString((int[]) arrayClone.get())
            + " "
            + (arrayHash.get() == numbers.hashCode())
            + " "
            + arrayEquals.test(numbers));
    String[] words = {"b", "a"};
    Supplier<Class<?>> wordsClass = words::getClass;
    System.out.println("object array " + wordsClass.get().getSimpleName());
    Runnable task = () -> {};
    Supplier<Boolean> taskEquals = () -> task.equals(task);
    Predicate<Object> taskEqualsRef = task::equals;
    Supplier<Class<?>> taskClass = task::getClass;
    System.out.println(
        "interface receiver "
            + taskEquals.get()
            + " "
            + taskEqualsRef.test(task)
            + " "
            + (taskClass.get() == task.getClass()));
    Iterable<String> iterable = list;
    Supplier<Iterator<String>> iterator = iterable::iterator;
    System.out.println("iterable receiver " + iterator.get().next());

    // Unbound references through a subclass type.
    Function<ArrayList<String>, String> unboundText = ArrayList::toString;
    Function<ArrayList<String>, Integer> unboundSize = ArrayList::size;
    Function<Stream<Integer>, Iterator<Integer>> unboundIterator = Stream::iterator;
    ToIntFunction<StringBuilder> unboundLength = StringBuilder::length;
    BiFunction<ArrayList<String>, Object, Boolean> unboundContains = ArrayList::contains;
    Function<LinkedHashMap<String, Integer>, Integer> unboundMapSize = LinkedHashMap::size;
    System.out.println(
        "unbound "
            + unboundText.apply(list)
            + " "
            + unboundSize.apply(list)
            + " "
            + unboundIterator.apply(Stream.of(7)).next()
            + " "
            + unboundLength.applyAsInt(builder)
            + " "
            + unboundContains.apply(list, "b")
            + " "
            + unboundMapSize.apply(map));
    Function<int[], Class<?>> unboundArrayClass = int[]::getClass;
    Function<int[], Object> unboundArrayClone = int[]::clone;
    System.out.println(
        "unbound array "
            + unboundArrayClass.apply(numbers).getSimpleName()
            + " "
            + ((int[]) unboundArrayClone.apply(numbers)).length);
    System.out.println(
        "unbound stream "
            + Stream.of(new ArrayList<>(List.of("m")), new ArrayList<>(List.of("n", "o")))
                .map(ArrayList::toString)
                .collect(Collectors.joining(",")));

    // Generic and intersection-typed receivers.
    Tagged tagged = new Tagged();
    tagged.add("t");
    Function<Tagged, String> generic = generic();
    System.out.println("generic " + generic.apply(tagged));
    System.out.println("intersection bound " + bounded(tagged));
    Supplier<String> taggedName = tagged::name;
    Supplier<String> taggedText = tagged::toString;
    System.out.println("cell subclass " + taggedName.get() + " " + taggedText.get());
    System.out.println("super " + tagged.describe());

    // Intersection casts and serializable lambdas.
    Runnable marked = (Runnable & Serializable) list::clear;
    System.out.println("intersection cast " + (marked instanceof Serializable));
    ArrayList<String> kept = new ArrayList<>(List.of("k"));
    Callable<String> callable = (Callable<String> & Serializable) kept::toString;
    System.out.println("intersection callable " + callable.call());
    SerializableSupplier<String> serializable = kept::toString;
    System.out.println("serializable bound " + serializable.get());
    SerializableFunction<ArrayList<String>, String> unboundSerializable = ArrayList::toString;
    System.out.println(
        "serializable unbound " + unboundSerializable.apply(new ArrayList<>(kept)));
    SerializableFunction<String, Integer> parse = Integer::parseInt;
    System.out.println("serializable static " + parse.apply("41"));
    SerializableSupplier<ArrayList<String>> made = ArrayList::new;
    System.out.println("serializable constructor " + made.get().size());
    SerializableSupplier<String> lambda = () -> "plain lambda";
    System.out.println("serializable lambda " + lambda.get());
    ListText bridged = ArrayList::toString;
    Function<ArrayList<String>, String> erased = bridged;
    System.out.println("bridges " + bridged.apply(kept) + " " + erased.apply(list));
    ListText marked2 = (ListText & Serializable & Cloneable) ArrayList::toString;
    BoundText boundBridged = (BoundText & Serializable) kept::toString;
    Supplier<Object> boundErased = boundBridged;
    System.out.println(
        "bridges and markers "
            + marked2.apply(kept)
            + " "
            + (marked2 instanceof Cloneable)
            + " "
            + boundBridged.get()
            + " "
            + boundErased.get());

    // Varargs, constructors and arrays.
    Function<String[], List<String>> asList = Arrays::asList;
    BiFunction<String, String, List<String>> asListTwo = Arrays::asList;
    Supplier<List<Object>> listOfNone = List::of;
    BiFunction<String, Object[], String> format = String::format;
    System.out.println(
        "varargs "
            + asList.apply(new String[] {"v", "w"})
            + " "
            + asListTwo.apply("x", "y")
            + " "
            + listOfNone.get()
            + " "
            + format.apply("%s-%s", new Object[] {1, 2}));
    Function<String, String> formatOne = "<%s>"::formatted;
    System.out.println("varargs bound " + formatOne.apply("f"));
    Supplier<ArrayList<String>> newList = ArrayList::new;
    Function<Integer, ArrayDeque<String>> newDeque = ArrayDeque::new;
    Function<Collection<String>, ArrayList<String>> copy = ArrayList::new;
    Function<Map<String, Integer>, TreeMap<String, Integer>> copyMap = TreeMap::new;
    Function<String, StringBuilder> newBuilder = StringBuilder::new;
    System.out.println(
        "constructors "
            + newList.get().size()
            + " "
            + newDeque.apply(4).size()
            + " "
            + copy.apply(list)
            + " "
            + copyMap.apply(map)
            + " "
            + newBuilder.apply("sb").reverse());
    IntFunction<int[]> newInts = int[]::new;
    IntFunction<String[][]> newGrid = String[][]::new;
    Function<Integer, long[]> newLongs = long[]::new;
    System.out.println(
        "array constructors "
            + newInts.apply(3).length
            + " "
            + newGrid.apply(2).length
            + " "
            + newLongs.apply(5).length
            + " "
            + Arrays.toString(Stream.of("p", "q").toArray(String[]::new)));

    // Bridges in an interface, enums, primitive parameters of every width.
    System.out.println("interface bridges " + new Shows() {}.show(list));
    Function<Day, String> dayName = Day::name;
    Supplier<Integer> ordinal = Day.TUE::ordinal;
    BiFunction<Day, Day, Integer> compare = Day::compareTo;
    System.out.println(
        "enum "
            + dayName.apply(Day.MON)
            + " "
            + ordinal.get()
            + " "
            + compare.apply(Day.MON, Day.TUE));
    StringBuilder wide = new StringBuilder();
    ObjIntConsumer<StringBuilder> appendInt = StringBuilder::append;
    ObjLongConsumer<StringBuilder> appendLong = StringBuilder::append;
    ObjDoubleConsumer<StringBuilder> appendDouble = StringBuilder::append;
    BiConsumer<StringBuilder, Character> appendChar = StringBuilder::append;
    appendInt.accept(wide, 1);
    appendLong.accept(wide, 2L << 40);
    appendDouble.accept(wide, 0.5);
    appendChar.accept(wide, '!');
    LongBinaryOperator max = Math::max;
    DoubleUnaryOperator abs = Math::abs;
    System.out.println(
        "primitives " + wide + " " + max.applyAsLong(3L, 9L) + " " + abs.applyAsDouble(-2.5));

    // Interface-first intersection bounds, and failures: a null receiver, and an exception the
    // JDK method throws, whose traces show no frame but the program's.
    System.out.println("interface intersection " + lengths("abc"));
    Function<String, Integer> length = String::length;
    failing("null receiver", () -> length.apply(null));
    Function<ArrayList<String>, String> text = ArrayList::toString;
    failing("null inherited receiver", () -> text.apply(null));
    BiFunction<ArrayList<String>, Integer, String> get = ArrayList::get;
    failing("index", () -> get.apply(list, 5));
    Function<String, Integer> parseInt = Integer::parseInt;
    failing("parse", () -> parseInt.apply("x"));
    Supplier<String> fails = () -> List.<String>of().get(0);
    failing("lambda", fails::get);
  }
}
