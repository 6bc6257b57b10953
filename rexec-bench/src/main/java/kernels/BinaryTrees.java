package kernels;

/**
 * Allocation and recursion: builds and walks many short-lived complete binary trees of growing
 * depth while one long-lived tree stays reachable. The checksum sums the node counts.
 */
public final class BinaryTrees {

  private static final int MIN_DEPTH = 4;

  /** A node: two children or none. */
  private static final class Node {
    final Node left;
    final Node right;

    Node(Node left, Node right) {
      this.left = left;
      this.right = right;
    }

    int count() {
      return left == null ? 1 : 1 + left.count() + right.count();
    }
  }

  private BinaryTrees() {}

  /** Trees up to depth {@code size}. */
  public static long run(int size) {
    int maxDepth = Math.max(MIN_DEPTH + 2, size);
    long checksum = build(maxDepth + 1).count();
    Node longLived = build(maxDepth);
    for (int depth = MIN_DEPTH; depth <= maxDepth; depth += 2) {
      int iterations = 1 << (maxDepth - depth + MIN_DEPTH);
      long nodes = 0;
      for (int i = 0; i < iterations; i++) {
        nodes += build(depth).count();
      }
      checksum = checksum * 31 + nodes;
    }
    return checksum * 31 + longLived.count();
  }

  private static Node build(int depth) {
    return depth == 0 ? new Node(null, null) : new Node(build(depth - 1), build(depth - 1));
  }

  public static void main(String[] args) {
    System.out.println(run(args.length > 0 ? Integer.parseInt(args[0]) : 14));
  }
}
