package org.rexec.fs;

/** The names of the rules that refuse file operations, as violations and messages show them. */
public final class FileRules {

  /** Reading, listing or stat'ing a path that no grant covers. */
  public static final String READ = "file-read";
  /** Creating, writing, renaming or deleting where no writable grant covers. */
  public static final String WRITE = "file-write";
  /** A symbolic link whose target lies outside the grants. */
  public static final String ESCAPE = "file-escape";
  /** Creating a link whose ends are not both inside writable grants. */
  public static final String LINK = "file-link";
  /** Opening a FIFO, socket or device, which can block without end or is not a file at all. */
  public static final String SPECIAL = "special-files";
  /** Changing a file's owner or group, which are the host's users. */
  public static final String OWNER = "file-owner";
  /** Setting an attribute other than times and permissions (mode bits, ids, other views). */
  public static final String ATTRIBUTES = "file-attributes";
  /** The host's /proc, /sys and /dev describe the supervisor's process and machine. */
  public static final String SYSTEM = "system-files";

  private FileRules() {}
}
