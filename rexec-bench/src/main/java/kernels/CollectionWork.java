package kernels;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Collection work without streams: word counts in a {@code HashMap}, a sorted {@code
 * ArrayList}, a {@code TreeMap} index, a breadth-first search with an {@code ArrayDeque} over a
 * generated graph of {@code size} vertices and a {@code HashSet} of visited vertices. The
 * checksum combines their results.
 */
public final class CollectionWork {

  private CollectionWork() {}

  /** The work for {@code size} words and vertices. */
  public static long run(int size) {
    long seed = 1234;
    Map<String, Integer> counts = new HashMap<>();
    List<Integer> numbers = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      seed = seed * 6364136223846793005L + 1442695040888963407L;
      int bits = (int) (seed >>> 33);
      counts.merge("w" + (bits % 4099), 1, Integer::sum);
      numbers.add(bits);
    }
    Collections.sort(numbers);
    TreeMap<Integer, String> index = new TreeMap<>();
    for (Map.Entry<String, Integer> entry : counts.entrySet()) {
      index.merge(entry.getValue(), entry.getKey(), (a, b) -> a.compareTo(b) < 0 ? a : b);
    }
    List<List<Integer>> edges = new ArrayList<>(size);
    for (int v = 0; v < size; v++) {
      List<Integer> out = new ArrayList<>(3);
      out.add((int) ((v * 7L + 3) % size));
      out.add((int) ((v * 13L + 5) % size));
      out.add((v + 1) % size);
      edges.add(out);
    }
    Set<Integer> visited = new HashSet<>();
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(0);
    visited.add(0);
    long depthSum = 0;
    Map<Integer, Integer> depth = new HashMap<>();
    depth.put(0, 0);
    while (!queue.isEmpty()) {
      int vertex = queue.poll();
      int d = depth.get(vertex);
      depthSum += d;
      for (int next : edges.get(vertex)) {
        if (visited.add(next)) {
          depth.put(next, d + 1);
          queue.add(next);
        }
      }
    }
    long checksum = counts.size();
    checksum = checksum * 31 + numbers.get(size / 2) + numbers.get(size / 7);
    checksum = checksum * 31 + index.firstKey() * 7919L + index.lastEntry().getValue().hashCode();
    return checksum * 31 + depthSum * 31 + visited.size();
  }

  public static void main(String[] args) {
    System.out.println(run(args.length > 0 ? Integer.parseInt(args[0]) : 100_000));
  }
}
