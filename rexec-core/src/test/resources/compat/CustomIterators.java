import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;
import java.util.Spliterator;
import java.util.function.Consumer;

/** Hand-written Iterable and Iterator implementations, used by for-each and the library. */
public class CustomIterators {

  /** A half-open integer range with a step. */
  record Range(int start, int end, int step) implements Iterable<Integer> {
    @Override
    public Iterator<Integer> iterator() {
      return new PrimitiveIterator.OfInt() {
        private int next = start;

        @Override
        public boolean hasNext() {
          return step > 0 ? next < end : next > end;
        }

        @Override
        public int nextInt() {
          if (!hasNext()) {
            throw new NoSuchElementException("range exhausted at " + next);
          }
          int current = next;
          next += step;
          return current;
        }
      };
    }
  }

  /** A singly linked list that detects modification during iteration. */
  static final class Chain<T> implements Iterable<T> {
    private static final class Node<T> {
      final T value;
      Node<T> next;

      Node(T value) {
        this.value = value;
      }
    }

    private Node<T> head;
    private Node<T> tail;
    private int size;
    private int modifications;

    void add(T value) {
      Node<T> node = new Node<>(value);
      if (head == null) {
        head = node;
      } else {
        tail.next = node;
      }
      tail = node;
      size++;
      modifications++;
    }

    int size() {
      return size;
    }

    @Override
    public Iterator<T> iterator() {
      return new Iterator<T>() {
        private Node<T> current = head;
        private final int expectedModifications = modifications;

        @Override
        public boolean hasNext() {
          return current != null;
        }

        @Override
        public T next() {
          if (modifications != expectedModifications) {
            throw new ConcurrentModificationException("chain changed during iteration");
          }
          if (current == null) {
            throw new NoSuchElementException();
          }
          T value = current.value;
          current = current.next;
          return value;
        }
      };
    }
  }

  /** An in-order iterator over a binary search tree, using an explicit stack. */
  static final class Tree implements Iterable<Integer> {
    private record Node(int key, Node left, Node right) {
      Node insert(int newKey) {
        if (newKey < key) {
          return new Node(key, left == null ? new Node(newKey, null, null) : left.insert(newKey),
              right);
        }
        return new Node(key, left, right == null ? new Node(newKey, null, null)
            : right.insert(newKey));
      }
    }

    private Node root;

    Tree add(int key) {
      root = root == null ? new Node(key, null, null) : root.insert(key);
      return this;
    }

    @Override
    public Iterator<Integer> iterator() {
      Deque<Node> stack = new ArrayDeque<>();
      for (Node node = root; node != null; node = node.left()) {
        stack.push(node);
      }
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return !stack.isEmpty();
        }

        @Override
        public Integer next() {
          Node node = stack.pop();
          for (Node child = node.right(); child != null; child = child.left()) {
            stack.push(child);
          }
          return node.key();
        }
      };
    }
  }

  /** An endless Fibonacci iterator, cut off by its consumer. */
  static Iterator<Long> fibonacci() {
    return new Iterator<>() {
      private long a;
      private long b = 1;

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Long next() {
        long value = a;
        long sum = a + b;
        a = b;
        b = sum;
        return value;
      }
    };
  }

  public static void main(String[] args) {
    StringBuilder line = new StringBuilder();
    for (int value : new Range(0, 20, 3)) {
      line.append(value).append(' ');
    }
    System.out.println("range up: " + line.toString().trim());
    List<Integer> down = new ArrayList<>();
    new Range(10, 0, -4).forEach(down::add);
    System.out.println("range down: " + down);
    PrimitiveIterator.OfInt primitive = (PrimitiveIterator.OfInt) new Range(1, 4, 1).iterator();
    int product = 1;
    while (primitive.hasNext()) {
      product *= primitive.nextInt();
    }
    System.out.println("product: " + product);
    try {
      primitive.nextInt();
    } catch (NoSuchElementException e) {
      System.out.println("exhausted: " + e.getMessage());
    }

    Chain<String> chain = new Chain<>();
    for (String word : "one two three four".split(" ")) {
      chain.add(word);
    }
    List<String> collected = new ArrayList<>();
    chain.forEach(collected::add);
    System.out.println("chain (" + chain.size() + "): " + collected);
    try {
      for (String word : chain) {
        if (word.equals("two")) {
          chain.add("five");
        }
      }
    } catch (ConcurrentModificationException e) {
      System.out.println("modified: " + e.getMessage());
    }
    Iterator<String> iterator = chain.iterator();
    try {
      iterator.remove();
    } catch (UnsupportedOperationException e) {
      System.out.println("remove unsupported: " + e.getMessage());
    }
    StringBuilder remaining = new StringBuilder();
    iterator.forEachRemaining(word -> remaining.append(word.charAt(0)));
    System.out.println("forEachRemaining initials: " + remaining);

    Tree tree = new Tree().add(50).add(30).add(70).add(20).add(40).add(60).add(80).add(35);
    List<Integer> sorted = new ArrayList<>();
    for (int key : tree) {
      sorted.add(key);
    }
    System.out.println("tree in order: " + sorted);

    Iterator<Long> fib = fibonacci();
    List<Long> first = new ArrayList<>();
    while (first.size() < 15) {
      first.add(fib.next());
    }
    System.out.println("fibonacci: " + first);

    Spliterator<Integer> spliterator = new Range(0, 5, 1).spliterator();
    Consumer<Integer> printer = value -> System.out.print("<" + value + ">");
    while (spliterator.tryAdvance(printer)) {
      // Each call consumes one element.
    }
    System.out.println(" spliterator done, estimate " + spliterator.estimateSize());
  }
}
