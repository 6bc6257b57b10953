/**
 * The cell's file system: a {@link java.nio.file.FileSystem} whose paths are the cell's paths,
 * mapped onto the directories the supervisor granted, with the rules checked in one place.
 *
 * <p>{@link org.rexec.fs.CellFiles} is the namespace of one cell (its mounts, scratch directory,
 * in-memory files and working directory); {@link org.rexec.fs.CellFileSystemProvider} serves
 * every NIO operation on cell paths from it. The runtime's java.io classes are built on the same
 * channels, so java.io and NIO obey the same rules.
 */
package org.rexec.fs;
