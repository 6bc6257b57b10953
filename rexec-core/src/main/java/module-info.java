/**
 * rexec: restricted execution for the JVM. The API is {@link org.rexec} (cells, policies,
 * results), {@link org.rexec.policy} (the values a policy is made of) and {@link org.rexec.text}
 * (the units and the bounded text rexec reads and prints). Nothing else is exported: the
 * machinery, the rewriter, the compiler and the file system are rexec's own. The runtime package,
 * which rewritten code calls, is exported by each cell to that cell's code alone, when the cell
 * is made ({@code CellCore}).
 *
 * <p>Cell code sees the JDK modules of the layer rexec runs in: a supervisor on the module path
 * that wants its cells to use the whole JDK (as on the class path) adds {@code --add-modules
 * ALL-SYSTEM}.
 */
module org.rexec {
  requires java.compiler;
  requires java.logging;
  requires java.management;
  requires java.net.http;
  requires jdk.compiler;
  requires jdk.management;
  requires org.objectweb.asm;

  exports org.rexec;
  exports org.rexec.policy;
  exports org.rexec.text;
}
