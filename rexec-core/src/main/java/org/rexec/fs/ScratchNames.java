package org.rexec.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * Names of scratch directories: {@code rexec-cell-<random>} in the host's temporary directory,
 * unguessable as {@code Files.createTempDirectory} makes them, chosen before the directory is
 * created (see {@link CellFiles}).
 */
final class ScratchNames {

  // Static as in the JDK's own temporary-file helper: one source of randomness serves every
  // cell and holds no cell's state.
  private static final SecureRandom RANDOM = new SecureRandom();

  private ScratchNames() {}

  /**
   * A fresh name in the real temporary directory (symbolic links resolved, so that the name is
   * the real path the directory will have); nothing is created.
   */
  static Path next() {
    Path temporary = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
    try {
      temporary = temporary.toRealPath();
    } catch (IOException absent) {
      // Creating the directory will fail with the host's error.
    }
    return temporary.resolve("rexec-cell-" + Long.toUnsignedString(RANDOM.nextLong()));
  }
}
