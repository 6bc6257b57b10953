package org.rexec.fs;

import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * The arguments a cell passes to its file system, copied into the JDK's own values before any
 * lock is taken. An option set, a file attribute, a permission set may be objects of the
 * cell's classes, whose methods are the cell's code: called inside the namespace lock (by rexec,
 * or by the JDK given the object) they could hold it as long as they like, or try to take it
 * again and wait for themselves, for every cell of the JVM. Copied, they are only the JDK's
 * enums and value classes.
 */
final class CellArguments {

  private CellArguments() {}

  /** The open options, each one of the JDK's; another is unsupported, as the JDK says. */
  static Set<OpenOption> openOptions(Set<? extends OpenOption> options) {
    Set<OpenOption> copy = new HashSet<>();
    for (Object option : options.toArray()) {
      if (!(option instanceof StandardOpenOption) && !(option instanceof LinkOption)) {
        throw new UnsupportedOperationException("Unsupported open option");
      }
      copy.add((OpenOption) option);
    }
    return copy;
  }

  /** Initial attributes: POSIX permissions only, as the JDK supports on this system. */
  static FileAttribute<?>[] initialAttributes(FileAttribute<?>... attributes) {
    FileAttribute<?>[] copy = new FileAttribute<?>[attributes.length];
    for (int i = 0; i < attributes.length; i++) {
      String name = String.valueOf(attributes[i].name());
      if (!name.equals("posix:permissions") && !name.equals("unix:permissions")) {
        throw new UnsupportedOperationException("'" + name + "' not supported as initial attribute");
      }
      copy[i] = PosixFilePermissions.asFileAttribute(permissions(attributes[i].value()));
    }
    return copy;
  }

  /** A permission set of the JDK's enum, from whatever set the cell gave. */
  static Set<PosixFilePermission> permissions(Object value) {
    Set<PosixFilePermission> copy = EnumSet.noneOf(PosixFilePermission.class);
    for (Object permission : ((Set<?>) value).toArray()) {
      copy.add((PosixFilePermission) permission);
    }
    return copy;
  }

  /** The value of a settable attribute: a time (a final class of the JDK) or permissions. */
  static Object attributeValue(String attribute, Object value) {
    return attribute.endsWith("permissions") ? permissions(value) : (FileTime) value;
  }
}
