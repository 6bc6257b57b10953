package org.rexec.policy;

/** What a grant lets a cell do with the files under it. */
public enum Access {
  /** List, stat and read. */
  READ,
  /** Also create, write, rename and delete. */
  WRITE;

  /**
   * Whether this access includes {@code needed}.
   *
   * @param needed the access an operation needs
   * @return {@code true} if this access is {@code needed} or includes it
   */
  public boolean covers(Access needed) {
    return this == WRITE || needed == READ;
  }
}
