package org.rexec.network;

import org.rexec.Cell;
import org.rexec.Policy;
import org.rexec.RunResult;

/** Network programs for the tests: a {@code main} body that reports each attempt on a line. */
final class NetPrograms {

  private NetPrograms() {}

  /**
   * Runs {@code body} as the body of {@code main(String[] args)} in a fresh cell. The body may
   * call {@code attempt(what, () -> ...)}, which prints {@code what -> result} or
   * {@code what ! exception}.
   */
  static RunResult run(Policy policy, String body, String... args) {
    String source =
        """
        import java.io.*;
        import java.net.*;
        import java.net.http.*;
        import java.nio.*;
        import java.nio.channels.*;
        import java.util.*;
        public class Net {
          interface Attempt { Object run() throws Exception; }
          static void attempt(String what, Attempt attempt) {
            try { System.out.println(what + " -> " + attempt.run()); }
            catch (Exception e) { System.out.println(what + " ! " + e); }
          }
          public static void main(String[] args) throws Exception {
        """
            + body
            + """
          }
        }
        """;
    try (Cell cell = Cell.create(policy)) {
      return cell.run(cell.loadSource("Net.java", source), args);
    }
  }
}
