import java.util.Comparator;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/** Sequential streams and collectors, with every map collected into a sorted one. */
public class StreamsCollectors {

  record Employee(String name, String department, int salary, int age) {}

  public static void main(String[] args) {
    List<Employee> staff = List.of(
        new Employee("Alice", "Engineering", 120, 34),
        new Employee("Bob", "Engineering", 95, 28),
        new Employee("Carol", "Sales", 70, 45),
        new Employee("Dan", "Sales", 65, 23),
        new Employee("Eve", "Support", 55, 31),
        new Employee("Frank", "Engineering", 130, 51),
        new Employee("Grace", "Support", 60, 26));

    System.out.println("names over 90: " + staff.stream()
        .filter(e -> e.salary() > 90)
        .map(Employee::name)
        .collect(Collectors.joining(", ", "[", "]")));

    Map<String, List<String>> byDepartment = staff.stream()
        .collect(Collectors.groupingBy(Employee::department, TreeMap::new,
            Collectors.mapping(Employee::name, Collectors.toList())));
    System.out.println("by department: " + byDepartment);

    Map<String, Double> averageSalary = staff.stream()
        .collect(Collectors.groupingBy(Employee::department, TreeMap::new,
            Collectors.averagingInt(Employee::salary)));
    System.out.println("average salary: " + averageSalary);

    Map<Boolean, Long> overThirty = staff.stream()
        .collect(Collectors.partitioningBy(e -> e.age() > 30, Collectors.counting()));
    System.out.println("over thirty: " + overThirty);

    IntSummaryStatistics stats = staff.stream().mapToInt(Employee::salary).summaryStatistics();
    System.out.println("salary stats: " + stats);

    Optional<Employee> oldest = staff.stream().max(Comparator.comparingInt(Employee::age));
    System.out.println("oldest: " + oldest.map(Employee::name).orElse("nobody"));

    System.out.println("sorted by department then salary desc: " + staff.stream()
        .sorted(Comparator.comparing(Employee::department)
            .thenComparing(Employee::salary, Comparator.reverseOrder()))
        .map(e -> e.name() + ":" + e.salary())
        .collect(Collectors.toList()));

    Map<String, Integer> nameLengths = staff.stream()
        .collect(Collectors.toMap(Employee::name, e -> e.name().length(), (a, b) -> a,
            TreeMap::new));
    System.out.println("name lengths: " + nameLengths);

    Map<Character, Long> initials = Stream.of("apple", "avocado", "banana", "blueberry", "cherry")
        .collect(Collectors.groupingBy(s -> s.charAt(0), TreeMap::new, Collectors.counting()));
    System.out.println("initials: " + initials);

    System.out.println("sum of squares 1..10: "
        + IntStream.rangeClosed(1, 10).map(i -> i * i).sum());
    System.out.println("factorial 20: " + LongStream.rangeClosed(1, 20).reduce(1, (a, b) -> a * b));
    System.out.println("flatMap: " + Stream.of(List.of(1, 2), List.of(3), List.<Integer>of())
        .flatMap(List::stream).map(String::valueOf).collect(Collectors.joining("-")));
    System.out.println("distinct sorted: " + Stream.of(5, 3, 5, 1, 3, 9, 1)
        .distinct().sorted().toList());
    System.out.println("iterate: " + Stream.iterate(1, n -> n < 200, n -> n * 3).toList());
    System.out.println("skip/limit: " + IntStream.range(0, 100).skip(10).limit(5).boxed().toList());
    System.out.println("takeWhile: " + Stream.of(2, 4, 6, 7, 8).takeWhile(n -> n % 2 == 0).toList()
        + " dropWhile: " + Stream.of(2, 4, 6, 7, 8).dropWhile(n -> n % 2 == 0).toList());
    System.out.println("mapMulti: " + Stream.of(1, 2, 3)
        .<String>mapMulti((n, sink) -> {
          for (int i = 0; i < n; i++) {
            sink.accept(n + "" + (char) ('a' + i));
          }
        })
        .toList());
    System.out.println("teeing min/max: " + Stream.of(8, 3, 11, 6)
        .collect(Collectors.teeing(
            Collectors.minBy(Comparator.<Integer>naturalOrder()),
            Collectors.maxBy(Comparator.<Integer>naturalOrder()),
            (min, max) -> min.get() + ".." + max.get())));
    System.out.println("reduce concat: " + Stream.of("a", "b", "c").reduce("", String::concat));
    System.out.println("anyMatch/allMatch/noneMatch: "
        + IntStream.of(1, 3, 5).anyMatch(n -> n > 4) + " "
        + IntStream.of(1, 3, 5).allMatch(n -> n % 2 == 1) + " "
        + IntStream.of(1, 3, 5).noneMatch(n -> n == 2));
    System.out.println("word frequencies: " + Stream.of("a b c a b a".split(" "))
        .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting())));
    System.out.println("collectingAndThen: " + Stream.of(3, 1, 2)
        .collect(Collectors.collectingAndThen(Collectors.toList(), list -> {
          list.sort(null);
          return list.size() + " items " + list;
        })));
    System.out.println("average of empty: " + IntStream.empty().average());
    System.out.println("chars count: " + "hello world".chars().filter(c -> c == 'o').count());
  }
}
