package org.rexec.fs;

import org.rexec.policy.Rule;


/** What the cell's file system reports to its cell: refusals and traffic. */
public interface FileEvents {

  /**
   * An operation on a cell path was refused.
   *
   * @param operation {@code read}, {@code write}, {@code link}, ...
   * @param cellPath the path as the cell sees it
   * @param rule the rule that refused it
   */
  void refused(String operation, String cellPath, Rule rule);

  /** Bytes the cell read from files. */
  void read(long bytes);

  /** Bytes the cell wrote to files. */
  void written(long bytes);

  /** Events that go nowhere, for tests and tools. */
  FileEvents NONE =
      new FileEvents() {
        @Override
        public void refused(String operation, String cellPath, Rule rule) {}

        @Override
        public void read(long bytes) {}

        @Override
        public void written(long bytes) {}
      };
}
