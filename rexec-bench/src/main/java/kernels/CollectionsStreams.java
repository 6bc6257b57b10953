package kernels;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Collections and streams: generates {@code size} orders from a fixed seed, then groups,
 * filters, sorts, maps and reduces them with streams and lambdas. The checksum hashes the
 * results.
 */
public final class CollectionsStreams {

  private static final String[] REGIONS = {"north", "south", "east", "west", "central"};

  /** One order. */
  private record Order(int id, String customer, String region, int quantity, long cents) {
    long total() {
      return quantity * cents;
    }
  }

  private CollectionsStreams() {}

  /** The work on {@code size} orders. */
  public static long run(int size) {
    List<Order> orders = orders(size);
    Map<String, Long> byRegion =
        orders.stream()
            .collect(Collectors.groupingBy(Order::region, TreeMap::new,
                Collectors.summingLong(Order::total)));
    Map<String, Long> countByCustomer =
        orders.stream()
            .filter(order -> order.quantity() > 2)
            .collect(Collectors.groupingBy(Order::customer, Collectors.counting()));
    List<String> top =
        countByCustomer.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey()))
            .limit(10)
            .map(Map.Entry::getKey)
            .collect(Collectors.toList());
    List<Order> sorted = new ArrayList<>(orders);
    sorted.sort(Comparator.comparingLong(Order::total).thenComparingInt(Order::id));
    long median = sorted.get(sorted.size() / 2).total();
    double average = orders.stream().mapToLong(Order::total).average().orElse(0);
    String joined =
        orders.stream().limit(200).map(Order::customer).distinct().sorted()
            .collect(Collectors.joining(","));
    long evens = IntStream.range(0, size).filter(i -> orders.get(i).id() % 2 == 0)
        .mapToLong(i -> orders.get(i).cents()).sum();
    long hash = byRegion.hashCode();
    hash = hash * 31 + top.hashCode();
    hash = hash * 31 + median;
    hash = hash * 31 + Double.doubleToLongBits(average);
    hash = hash * 31 + joined.hashCode();
    return hash * 31 + evens;
  }

  private static List<Order> orders(int size) {
    List<Order> orders = new ArrayList<>(size);
    long seed = 7;
    for (int id = 0; id < size; id++) {
      seed = seed * 6364136223846793005L + 1442695040888963407L;
      int bits = (int) (seed >>> 33);
      orders.add(new Order(id, "customer" + (bits % 997), REGIONS[(bits >>> 10) % REGIONS.length],
          1 + (bits >>> 4) % 9, 100 + (bits >>> 12) % 50_000));
    }
    return orders;
  }

  public static void main(String[] args) {
    System.out.println(run(args.length > 0 ? Integer.parseInt(args[0]) : 50_000));
  }
}
