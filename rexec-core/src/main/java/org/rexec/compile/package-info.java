/**
 * In-memory compilation of source programs with the JDK's javac, as the java launcher compiles
 * them (several files from JDK 22 on, JEP 458), with annotation processing off, the cell's own
 * code as class path and nothing of the host's; and the compile cache.
 */
package org.rexec.compile;
