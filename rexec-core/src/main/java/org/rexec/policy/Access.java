package org.rexec.policy;

/** What a grant lets a cell do with the files under it. */
public enum Access {
  /** List, stat and read. */
  READ,
  /** Also create, write, rename and delete. */
  WRITE;

  /** Whether this access includes {@code needed}. */
  public boolean covers(Access needed) {
    return this == WRITE || needed == READ;
  }
}
