package org.rexec.fs;

import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Owners and groups as a cell sees them: every file belongs to the cell's own user and group,
 * named {@code cell} like its {@code user.name}. The host's users are not the cell's business,
 * and naming one makes the JDK read the host's user database on the cell's behalf.
 */
final class CellOwners {

  /** The one user a cell knows. */
  static final UserPrincipal USER = new Principal();
  /** The one group a cell knows. */
  static final GroupPrincipal GROUP = new Principal();

  private CellOwners() {}

  /** {@code host} with the cell's owner and group. */
  static PosixFileAttributes hide(PosixFileAttributes host) {
    return new Hidden(host);
  }

  /** A map of attributes with the cell's owner and group where it names them. */
  static Map<String, Object> hideIn(Map<String, Object> host) {
    if (!host.containsKey("owner") && !host.containsKey("group")) {
      return host;
    }
    Map<String, Object> hidden = new HashMap<>(host);
    hidden.computeIfPresent("owner", (name, owner) -> USER);
    hidden.computeIfPresent("group", (name, group) -> GROUP);
    return hidden;
  }

  private static final class Principal implements GroupPrincipal {
    @Override
    public String getName() {
      return "cell";
    }

    @Override
    public String toString() {
      return "cell";
    }
  }

  private static final class Hidden implements PosixFileAttributes {
    private final PosixFileAttributes host;

    Hidden(PosixFileAttributes host) {
      this.host = host;
    }

    @Override
    public UserPrincipal owner() {
      return USER;
    }

    @Override
    public GroupPrincipal group() {
      return GROUP;
    }

    @Override
    public Set<PosixFilePermission> permissions() {
      return host.permissions();
    }

    @Override
    public FileTime lastModifiedTime() {
      return host.lastModifiedTime();
    }

    @Override
    public FileTime lastAccessTime() {
      return host.lastAccessTime();
    }

    @Override
    public FileTime creationTime() {
      return host.creationTime();
    }

    @Override
    public boolean isRegularFile() {
      return host.isRegularFile();
    }

    @Override
    public boolean isDirectory() {
      return host.isDirectory();
    }

    @Override
    public boolean isSymbolicLink() {
      return host.isSymbolicLink();
    }

    @Override
    public boolean isOther() {
      return host.isOther();
    }

    @Override
    public long size() {
      return host.size();
    }

    @Override
    public Object fileKey() {
      return host.fileKey();
    }
  }
}
