package org.rexec.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;
import org.rexec.policy.Rule;

/**
 * Attribute views of cell paths: each read or update resolves the path again under the cell's
 * rules (reads need read access, updates write access) and then acts on the host's view.
 */
final class CellAttributeViews {

  private CellAttributeViews() {}

  /** A view of the given type, or null if the type is not supported (as the JDK answers). */
  static <V extends FileAttributeView> V of(
      CellFileSystemProvider provider, CellPath path, Class<V> type, boolean followLinks) {
    if (type == BasicFileAttributeView.class
        || type == PosixFileAttributeView.class
        || type == FileOwnerAttributeView.class) {
      return type.cast(new PosixView(provider, path, followLinks));
    }
    return null;
  }

  /** One class serves the three views: basic is a part of posix, owner too. */
  private static final class PosixView implements PosixFileAttributeView {
    private final CellFileSystemProvider provider;
    private final CellPath path;
    private final boolean followLinks;

    PosixView(CellFileSystemProvider provider, CellPath path, boolean followLinks) {
      this.provider = provider;
      this.path = path;
      this.followLinks = followLinks;
    }

    @Override
    public String toString() {
      return VisibleClasses.toString(this);
    }

    @Override
    public String name() {
      return "posix";
    }

    private static PosixFileAttributeView hostView(Path host, LinkOption... options) {
      return Files.getFileAttributeView(host, PosixFileAttributeView.class, options);
    }

    @Override
    public PosixFileAttributes readAttributes() throws IOException {
      return CellOwners.hide(provider.onHostFile(
          path, false, followLinks, (host, options) -> hostView(host, options).readAttributes()));
    }

    @Override
    public void setTimes(FileTime modified, FileTime accessed, FileTime created)
        throws IOException {
      provider.onHostFile(
          path,
          true,
          followLinks,
          (host, options) -> {
            hostView(host, options).setTimes(modified, accessed, created);
            return null;
          });
    }

    @Override
    public void setPermissions(Set<PosixFilePermission> given) throws IOException {
      Set<PosixFilePermission> permissions = CellArguments.permissions(given);
      provider.onHostFile(
          path,
          true,
          followLinks,
          (host, options) -> {
            hostView(host, options).setPermissions(permissions);
            return null;
          });
    }

    @Override
    public UserPrincipal getOwner() throws IOException {
      return readAttributes().owner();
    }

    @Override
    public void setOwner(UserPrincipal owner) throws IOException {
      throw StackTraces.forCell(new java.nio.file.AccessDeniedException(
          path.toString(), null, CellFiles.denial(Rule.FILE_OWNER)));
    }

    @Override
    public void setGroup(GroupPrincipal group) throws IOException {
      throw StackTraces.forCell(new java.nio.file.AccessDeniedException(
          path.toString(), null, CellFiles.denial(Rule.FILE_OWNER)));
    }
  }
}
