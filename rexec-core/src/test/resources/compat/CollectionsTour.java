import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Lists, maps, sets, deques and queues, printed only in orders the JDK defines. */
public class CollectionsTour {

  public static void main(String[] args) {
    lists();
    maps();
    sets();
    dequesAndQueues();
  }

  static void lists() {
    List<String> fruits = new ArrayList<>(List.of("pear", "apple", "fig", "banana", "cherry"));
    fruits.add(1, "kiwi");
    System.out.println("list: " + fruits + " size=" + fruits.size());
    Collections.sort(fruits);
    System.out.println("sorted: " + fruits);
    System.out.println("binarySearch(fig)=" + Collections.binarySearch(fruits, "fig"));
    fruits.sort(Comparator.comparingInt(String::length).thenComparing(Comparator.reverseOrder()));
    System.out.println("by length, then reversed: " + fruits);
    System.out.println("subList(1,3)=" + fruits.subList(1, 3));
    Iterator<String> iterator = fruits.iterator();
    while (iterator.hasNext()) {
      if (iterator.next().contains("a")) {
        iterator.remove();
      }
    }
    System.out.println("without 'a': " + fruits);
    ListIterator<String> listIterator = fruits.listIterator();
    while (listIterator.hasNext()) {
      listIterator.set(listIterator.next().toUpperCase(java.util.Locale.ROOT));
    }
    System.out.println("upper: " + fruits);
    List<Integer> numbers = new LinkedList<>();
    for (int i = 1; i <= 10; i++) {
      numbers.add((i * 7 + 3) % 11);
    }
    numbers.removeIf(n -> n % 2 == 0);
    System.out.println("odd residues: " + numbers);
    Collections.reverse(numbers);
    System.out.println("reversed: " + numbers + " max=" + Collections.max(numbers));
    numbers.add(9);
    System.out.println("frequency of 9: " + Collections.frequency(numbers, 9));
    try {
      List.of(1, 2).add(3);
    } catch (UnsupportedOperationException e) {
      System.out.println("List.of is immutable: " + e.getClass().getSimpleName());
    }
    System.out.println("nCopies: " + String.join("", Collections.nCopies(3, "ab")));
  }

  static void maps() {
    Map<String, Integer> wordCounts = new TreeMap<>();
    String text = "the quick brown fox jumps over the lazy dog the end";
    for (String word : text.split(" ")) {
      wordCounts.merge(word, 1, Integer::sum);
    }
    System.out.println("counts: " + wordCounts);
    Map<Integer, List<String>> byLength = new TreeMap<>(Comparator.reverseOrder());
    for (String word : wordCounts.keySet()) {
      byLength.computeIfAbsent(word.length(), length -> new ArrayList<>()).add(word);
    }
    System.out.println("by length desc: " + byLength);
    NavigableMap<Integer, String> grades = new TreeMap<>();
    grades.put(90, "A");
    grades.put(80, "B");
    grades.put(70, "C");
    grades.put(60, "D");
    grades.put(0, "F");
    for (int score : new int[] {95, 83, 70, 42, 61}) {
      System.out.println("score " + score + " -> " + grades.floorEntry(score).getValue());
    }
    System.out.println("headMap(70)=" + grades.headMap(70) + " tailMap(80)=" + grades.tailMap(80));
    System.out.println("descending keys: " + grades.descendingKeySet());
    System.out.println("ceilingKey(71)=" + grades.ceilingKey(71) + " higherKey(90)=" + grades.higherKey(90));
    Map<String, String> insertionOrder = new LinkedHashMap<>();
    insertionOrder.put("zeta", "last letter");
    insertionOrder.put("alpha", "first letter");
    insertionOrder.put("mu", "middle letter");
    insertionOrder.putIfAbsent("alpha", "ignored");
    insertionOrder.computeIfPresent("mu", (key, value) -> value.toUpperCase(java.util.Locale.ROOT));
    insertionOrder.forEach((key, value) -> System.out.println("  " + key + " = " + value));
    Map<String, Integer> accessOrder = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
        return size() > 3;
      }
    };
    for (String key : List.of("a", "b", "c", "a", "d", "b", "e")) {
      accessOrder.merge(key, 1, Integer::sum);
    }
    System.out.println("LRU of 3: " + accessOrder);
    System.out.println("getOrDefault: " + wordCounts.getOrDefault("cat", 0));
  }

  static void sets() {
    Set<Character> seen = new LinkedHashSet<>();
    for (char c : "mississippi".toCharArray()) {
      seen.add(c);
    }
    System.out.println("distinct letters in order: " + seen);
    TreeSet<Integer> primes = new TreeSet<>(List.of(2, 3, 5, 7, 11, 13, 17, 19, 23, 29));
    System.out.println("primes in [10,20): " + primes.subSet(10, 20));
    System.out.println("first=" + primes.first() + " last=" + primes.last()
        + " floor(20)=" + primes.floor(20) + " pollFirst=" + primes.pollFirst());
    TreeSet<Integer> evens = new TreeSet<>(List.of(2, 4, 6, 8, 10, 12));
    TreeSet<Integer> union = new TreeSet<>(primes);
    union.addAll(evens);
    TreeSet<Integer> intersection = new TreeSet<>(primes);
    intersection.retainAll(List.of(3, 4, 5, 6, 7));
    System.out.println("union=" + union);
    System.out.println("intersection=" + intersection);
    TreeSet<String> caseless = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    caseless.addAll(List.of("Beta", "alpha", "ALPHA", "gamma", "BETA"));
    System.out.println("case-insensitive set: " + caseless);
  }

  static void dequesAndQueues() {
    Deque<Integer> stack = new ArrayDeque<>();
    for (int i = 1; i <= 5; i++) {
      stack.push(i);
    }
    StringBuilder popped = new StringBuilder();
    while (!stack.isEmpty()) {
      popped.append(stack.pop()).append(' ');
    }
    System.out.println("stack pops: " + popped.toString().trim());
    Deque<String> deque = new ArrayDeque<>();
    deque.offerFirst("middle");
    deque.offerFirst("front");
    deque.offerLast("back");
    System.out.println("deque: " + deque + " peekLast=" + deque.peekLast());
    deque.pollFirst();
    System.out.println("after pollFirst: " + deque);
    PriorityQueue<int[]> tasks = new PriorityQueue<>(
        Comparator.<int[]>comparingInt(task -> task[0]).thenComparingInt(task -> task[1]));
    int[][] input = {{3, 1}, {1, 2}, {2, 3}, {1, 1}, {3, 0}};
    for (int[] task : input) {
      tasks.add(task);
    }
    StringBuilder order = new StringBuilder();
    while (!tasks.isEmpty()) {
      int[] task = tasks.poll();
      order.append("(").append(task[0]).append(",").append(task[1]).append(")");
    }
    System.out.println("priority order: " + order);
    PriorityQueue<String> words = new PriorityQueue<>(Comparator.reverseOrder());
    words.addAll(List.of("delta", "alpha", "charlie", "bravo"));
    System.out.print("max-heap:");
    while (!words.isEmpty()) {
      System.out.print(" " + words.remove());
    }
    System.out.println();
  }
}
